using System.ComponentModel.DataAnnotations;

using Klachten.Server.Common;

namespace Klachten.Server.Persistence;

internal enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

internal sealed class DatabaseOptions
{
    public const string SectionName = "Klachten:Database";

    [EnumDataType(typeof(DatabaseProvider))]
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
}
