using Klachten.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Klachten.Server.Features.Web;

/// <summary>
/// Display names for user names on the pages ("Dina Directeur", not "directeur"). One query per request, on first
/// use; a user name that is not (or no longer) known shows as it is.
/// </summary>
internal sealed class PeopleDirectory(KlachtenDbContext db)
{
    private Dictionary<string, string>? _names;

    public async Task<string> NameAsync(string userName) => (await NamesAsync()).GetValueOrDefault(userName, userName);

    /// <summary>Every user name with its display name.</summary>
    public async Task<IReadOnlyDictionary<string, string>> NamesAsync() =>
        _names ??= await db.Users.AsNoTracking().ToDictionaryAsync(u => u.UserName, u => u.DisplayName, StringComparer.Ordinal);
}
