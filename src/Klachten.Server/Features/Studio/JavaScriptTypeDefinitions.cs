using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Klachten.Server.Common;
using Klachten.Server.Features.Definitions;
using Klachten.Server.Persistence;

namespace Klachten.Server.Features.Studio;

/// <summary>
/// Elsa's <c>POST /scripting/javascript/type-definitions/{workflowDefinitionId}</c>: TypeScript declarations the
/// Studio script editor (Monaco) loads for completion when an input is switched to JavaScript. They describe what
/// our JavaScript offers (Expressions/JavaScript/ScriptFunctions.cs and ScriptAccessors.cs): the helper functions,
/// <c>variables</c> and a <c>getX()</c>/<c>setX(v)</c> pair per workflow variable, and <c>getX()</c> per workflow input.
/// </summary>
internal static partial class JavaScriptTypeDefinitions
{
    /// <summary>The request body Studio sends; only the definition id in the route is needed.</summary>
    public sealed record Request(string? WorkflowDefinitionId, string? ActivityTypeName, string? PropertyName);

    public static RouteGroupBuilder MapJavaScriptTypeDefinitions(this RouteGroupBuilder elsa)
    {
        elsa.MapPost("/scripting/javascript/type-definitions/{workflowDefinitionId}", HandleAsync);
        return elsa;
    }

    public static async Task<IResult> HandleAsync(string workflowDefinitionId, KlachtenDbContext db, CancellationToken cancellationToken)
    {
        var version = await db.FindVersionAsync(workflowDefinitionId, new VersionOptions(VersionSelector.Latest), cancellationToken);
        if (version is null)
        {
            return ProblemResponses.NotFound($"Workflow '{workflowDefinitionId}' bestaat niet.");
        }

        var definition = JsonNode.Parse(version.Json) as JsonObject ?? [];
        var text = Declarations(Named(definition["variables"], "typeName"), Named(definition["inputs"], "type"));
        return TypedResults.File(Encoding.UTF8.GetBytes(text), "application/x-typescript", $"klachten.{workflowDefinitionId}.d.ts");
    }

    /// <summary>The declarations for the given variables and workflow inputs (name, Elsa type name).</summary>
    public static string Declarations(IReadOnlyList<(string Name, string? Type)> variables, IReadOnlyList<(string Name, string? Type)> inputs)
    {
        var d = new StringBuilder();
        d.AppendLine("// Klachtenprocedure: what JavaScript expressions can use in this workflow.");
        d.AppendLine("declare const workflowInstanceId: string;");
        d.AppendLine("declare var correlationId: string | null;");
        d.AppendLine("declare const input: { [name: string]: any };");
        d.AppendLine("declare function getWorkflowInstanceId(): string;");
        d.AppendLine("declare function getCorrelationId(): string | null;");
        d.AppendLine("declare function setCorrelationId(value: string | null): void;");
        d.AppendLine("declare function getVariable(name: string): any;");
        d.AppendLine("declare function setVariable(name: string, value: any): void;");
        d.AppendLine("declare function getInput(name: string): any;");
        d.AppendLine("declare function getOutputFrom(activityIdOrName: string, outputName?: string): any;");
        d.AppendLine("declare function isNullOrWhiteSpace(value: string | null | undefined): boolean;");
        d.AppendLine("declare function isNullOrEmpty(value: string | null | undefined): boolean;");
        d.AppendLine("declare function toJson(value: any): string;");
        d.AppendLine("declare function parseGuid(value: string): string;");
        foreach (var name in new[] { "newGuid", "newGuidString", "getGuidString", "newShortGuid", "getShortGuid" })
        {
            d.AppendLine($"declare function {name}(): string;");
        }

        d.AppendLine("declare function stringToBase64(value: string): string;");
        d.AppendLine("declare function stringFromBase64(value: string): string;");

        d.AppendLine("declare const variables: {");
        foreach (var (name, type) in variables.Where(v => IsIdentifier(v.Name)))
        {
            d.AppendLine($"  {name}: {TypeScriptType(type)};");
        }

        d.AppendLine("  [name: string]: any;");
        d.AppendLine("};");
        foreach (var (name, type) in variables.Where(v => ScriptName().IsMatch(v.Name)))
        {
            var pascal = char.ToUpperInvariant(name[0]) + name[1..];
            d.AppendLine($"declare function get{pascal}(): {TypeScriptType(type)};");
            d.AppendLine($"declare function set{pascal}(value: {TypeScriptType(type)}): void;");
        }

        foreach (var (name, type) in inputs.Where(i => ScriptName().IsMatch(i.Name)))
        {
            d.AppendLine($"declare function get{name}(): {TypeScriptType(type)};");
        }

        return d.ToString();
    }

    private static List<(string Name, string? Type)> Named(JsonNode? list, string typeKey) =>
        list is JsonArray array
            ? [.. array.OfType<JsonObject>()
                .Select(o => (Name: o["name"]?.GetValue<string>(), Type: o[typeKey]?.GetValue<string>(), IsArray: o["isArray"]?.GetValue<bool>() == true))
                .Where(o => !string.IsNullOrEmpty(o.Name))
                .Select(o => (o.Name!, o.IsArray ? o.Type + "[]" : o.Type))]
            : [];

    private static string TypeScriptType(string? elsaType)
    {
        if (elsaType is { Length: > 2 } && elsaType.EndsWith("[]", StringComparison.Ordinal))
        {
            return TypeScriptType(elsaType[..^2]) + "[]";
        }

        return elsaType switch
        {
            "String" or "Guid" or "DateTime" or "DateTimeOffset" or "DateOnly" or "TimeSpan" or "Char" => "string",
            "Int16" or "Int32" or "Int64" or "Double" or "Decimal" or "Single" or "Byte" => "number",
            "Boolean" => "boolean",
            _ => "any",
        };
    }

    private static bool IsIdentifier(string name) => Identifier().IsMatch(name);

    // ScriptAccessors builds accessors only for names of letters and digits, as Elsa does.
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]*$")]
    private static partial Regex ScriptName();

    [GeneratedRegex("^[A-Za-z_$][A-Za-z0-9_$]*$")]
    private static partial Regex Identifier();
}
