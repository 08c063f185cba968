namespace Klachten.Workflows.Definitions;

/// <summary>One input of an activity type as Studio edits it; the runtime reads the same camelCase key.</summary>
/// <param name="Name">Elsa's PascalCase name; the activity JSON key is its camelCase form.</param>
/// <param name="TypeName">Elsa type alias, e.g. <c>String</c>, <c>Int32</c>, <c>String[]</c>.</param>
/// <param name="DisplayName">Dutch label.</param>
/// <param name="Description">Dutch help text.</param>
/// <param name="UiHint">Studio editor, e.g. <c>singleline</c>, <c>dropdown</c>, <c>dynamic-outcomes</c>.</param>
/// <param name="Options">Dropdown choices (value, Dutch text); null for other editors.</param>
/// <param name="IsWrapped">Stored as <c>{typeName, expression}</c>; false for plain values such as a variable reference.</param>
/// <param name="DefaultSyntax">Expression syntax Studio starts with.</param>
/// <param name="DefaultValue">Value Studio fills in for a new activity; null for none.</param>
public sealed record ActivityInputInfo(
    string Name,
    string TypeName,
    string DisplayName,
    string Description,
    string UiHint = "singleline",
    IReadOnlyList<(string Value, string Text)>? Options = null,
    bool IsWrapped = true,
    string DefaultSyntax = "Literal",
    string? DefaultValue = null);

/// <summary>One output of an activity type.</summary>
public sealed record ActivityOutputInfo(string Name, string TypeName, string DisplayName, string Description);
