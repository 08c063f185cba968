namespace Klachten.Server.Features.Web;

/// <summary>One labelled form control with its hint and its Dutch validation message (rendered by <c>_Veld</c>).</summary>
internal sealed record FieldModel(string Name, string Label, string? Value, string? Error, string Type = "text")
{
    public string? Hint { get; init; }
    public bool Required { get; init; }
    public string? Autocomplete { get; init; }
    public IReadOnlyList<(string Value, string Text)> Options { get; init; } = [];

    /// <summary>The element id: the field's JSON path with dots as dashes (<c>complainant.name</c> → <c>complainant-name</c>).</summary>
    public string Id => Name.Replace('.', '-');

    public string? DescribedBy => string.Join(' ', new[] { Hint is null ? null : Id + "-hint", Error is null ? null : Id + "-fout" }.OfType<string>()) is { Length: > 0 } ids ? ids : null;
}
