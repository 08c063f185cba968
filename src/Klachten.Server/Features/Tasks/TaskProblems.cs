using Klachten.Server.Common;

namespace Klachten.Server.Features.Tasks;

internal static class TaskProblems
{
    public const string ChangedByOther = "De taak is al afgerond of gewijzigd door iemand anders.";

    public static Refusal UnknownTask(string id) => Refusal.NotFound($"Taak '{id}' bestaat niet.");

    public static Refusal Forbidden(string detail) => Refusal.Forbidden(detail);
}
