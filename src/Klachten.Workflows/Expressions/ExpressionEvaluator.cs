using System.Text.Json;
using System.Text.Json.Nodes;
using Klachten.Workflows.Expressions.JavaScript;
using Klachten.Workflows.Expressions.Liquid;

namespace Klachten.Workflows.Expressions;

/// <summary>
/// The engine's expression support, following Elsa 3: <c>Literal</c>, <c>Object</c> (and its old name <c>Json</c>),
/// <c>Variable</c>, <c>Input</c>, <c>JavaScript</c> (Jint) and <c>Liquid</c> (Fluid). The type name is matched without
/// regard to case. One instance serves the whole process: it is thread-safe and caches parsed scripts and templates.
/// </summary>
/// <remarks>
/// Differences from Elsa that a definition may notice: scripts run in strict mode (assigning an undeclared name is
/// an error); there is no CLR access (Elsa's <c>DateTime</c>, <c>Guid</c> and friends are not registered); the
/// JavaScript clock is <see cref="ExpressionScope.Now"/>; values cross into and out of scripts as JSON; and a Liquid
/// syntax error throws instead of rendering the error text.
/// </remarks>
public sealed class ExpressionEvaluator : IExpressionEvaluator
{
    private static readonly JsonDocumentOptions ObjectJsonOptions = new() { MaxDepth = 64 };

    private readonly JavaScriptEvaluator _javaScript;
    private readonly LiquidEvaluator _liquid;

    /// <summary>Creates an evaluator with <see cref="ExpressionOptions.Default"/>.</summary>
    public ExpressionEvaluator() : this(ExpressionOptions.Default)
    {
    }

    /// <summary>Creates an evaluator with the given budgets.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A limit in <paramref name="options"/> is out of range.</exception>
    public ExpressionEvaluator(ExpressionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _javaScript = new JavaScriptEvaluator(options);
        _liquid = new LiquidEvaluator(options);
    }

    /// <inheritdoc />
    public JsonNode? Evaluate(string syntax, string? expression, ExpressionScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);

        if (Is(syntax, ExpressionSyntax.Literal))
            return expression is null ? null : JsonValue.Create(expression);
        if (Is(syntax, ExpressionSyntax.Object) || Is(syntax, ExpressionSyntax.Json))
            return ParseObject(expression);
        if (Is(syntax, ExpressionSyntax.Variable))
            return Lookup(scope.Variables, ReferenceName(expression, ExpressionSyntax.Variable));
        if (Is(syntax, ExpressionSyntax.Input))
            return Lookup(scope.Input, ReferenceName(expression, ExpressionSyntax.Input));
        if (Is(syntax, ExpressionSyntax.JavaScript))
            return _javaScript.Evaluate(expression ?? "", scope);
        if (Is(syntax, ExpressionSyntax.Liquid))
            return _liquid.Evaluate(expression, scope);

        throw new ExpressionException(
            $"Unknown expression type '{syntax}'. Supported types are Literal, Object, Json, Variable, Input, JavaScript and Liquid.");
    }

    private static bool Is(string? syntax, string expected) => string.Equals(syntax, expected, StringComparison.OrdinalIgnoreCase);

    private static JsonNode? ParseObject(string? expression)
    {
        // Elsa treats an empty object expression as "no value" rather than as an error.
        if (string.IsNullOrWhiteSpace(expression))
            return null;

        try
        {
            return JsonNode.Parse(expression, documentOptions: ObjectJsonOptions);
        }
        catch (JsonException exception)
        {
            throw new ExpressionException($"The Object expression is not valid JSON: {exception.Message}", exception);
        }
    }

    private static JsonNode? Lookup(IDictionary<string, JsonNode?> values, string? name)
    {
        // A clone, so the caller may store the value elsewhere without touching the instance's own state.
        return name is not null && values.TryGetValue(name, out var value) ? value?.DeepClone() : null;
    }

    /// <summary>
    /// Elsa stores a variable (or input) reference as the serialised variable, <c>{"id": …, "name": "Naam", …}</c>;
    /// hand-written definitions often give just the name. Both are accepted.
    /// </summary>
    private static string? ReferenceName(string? expression, string syntax)
    {
        if (string.IsNullOrWhiteSpace(expression))
            return null;

        var trimmed = expression.Trim();
        if (!trimmed.StartsWith('{'))
            return trimmed;

        try
        {
            var reference = JsonNode.Parse(trimmed, documentOptions: ObjectJsonOptions) as JsonObject;
            return StringProperty(reference, "name") ?? StringProperty(reference, "id");
        }
        catch (JsonException exception)
        {
            throw new ExpressionException($"The {syntax} expression is neither a name nor a valid reference: {exception.Message}", exception);
        }
    }

    private static string? StringProperty(JsonObject? reference, string name)
    {
        var property = reference?.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
        return property is JsonValue value && value.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text) ? text : null;
    }
}
