using System.Net.Mail;
using System.Text.RegularExpressions;

namespace Klachten.Server.Features.Administration;

/// <summary>What a user name, display name, e-mail address, role list and key name must look like, with the Dutch messages.</summary>
internal static partial class AccountRules
{
    internal static string? ValidateDisplayName(string? value, Dictionary<string, string[]> errors)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > 200)
        {
            errors["displayName"] = ["Vul een naam in van hoogstens 200 tekens."];
            return null;
        }

        return trimmed;
    }

    /// <summary>Empty means none.</summary>
    internal static string? ValidateEmail(string? value, Dictionary<string, string[]> errors)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        if (trimmed.Length > 254 || !MailAddress.TryCreate(trimmed, out var address) || address.Address != trimmed)
        {
            errors["email"] = ["Vul een geldig e-mailadres in (of laat het leeg)."];
            return null;
        }

        return trimmed;
    }

    /// <summary>The roles in the fixed order of <see cref="Auth.Roles.Ordered"/>, each once.</summary>
    internal static List<string> ValidateRoles(IReadOnlyList<string> values, Dictionary<string, string[]> errors)
    {
        var unknown = values.Where(r => !Auth.Roles.All.Contains(r)).ToList();
        if (unknown.Count > 0)
        {
            errors["roles"] = [$"Onbekende rol: {string.Join(", ", unknown)}. Kies uit {string.Join(", ", Auth.Roles.Ordered)}."];
        }

        return [.. Auth.Roles.Ordered.Where(values.Contains)];
    }

    internal static string RoleText(IEnumerable<string> roles) => string.Join(", ", roles) is { Length: > 0 } text ? text : "geen";

    internal static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];

    internal static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._@+\-]{0,99}$")]
    internal static partial Regex UserNamePattern();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._ \-]{0,99}$")]
    internal static partial Regex KeyNamePattern();
}
