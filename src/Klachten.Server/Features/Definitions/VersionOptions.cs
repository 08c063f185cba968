namespace Klachten.Server.Features.Definitions;

internal enum VersionSelector
{
    Any,
    Latest,
    Published,
    LatestOrPublished,
    LatestAndPublished,
    Draft,
    SpecificVersion,
}

/// <summary>Elsa's <c>versionOptions</c> query value: a keyword or a version number; empty means every version.</summary>
internal readonly record struct VersionOptions(VersionSelector Selector, int Version = 0)
{
    public static bool TryParse(string? value, out VersionOptions options)
    {
        options = new VersionOptions(VersionSelector.Any);
        if (string.IsNullOrWhiteSpace(value) || value.Equals("AllVersions", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (int.TryParse(value, out var version) && version > 0)
        {
            options = new VersionOptions(VersionSelector.SpecificVersion, version);
            return true;
        }

        if (Enum.TryParse<VersionSelector>(value, ignoreCase: true, out var selector) && selector is not (VersionSelector.Any or VersionSelector.SpecificVersion))
        {
            options = new VersionOptions(selector);
            return true;
        }

        return false;
    }
}
