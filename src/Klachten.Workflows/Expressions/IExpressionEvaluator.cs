using System.Text.Json.Nodes;

namespace Klachten.Workflows.Expressions;

/// <summary>
/// Evaluates an input's expression in Elsa's JSON shape (<c>{"type": "JavaScript", "value": "…"}</c>).
/// Values are JSON nodes so that they can be stored in workflow state unchanged.
/// </summary>
public interface IExpressionEvaluator
{
    /// <summary>
    /// Evaluates <paramref name="expression"/> written in <paramref name="syntax"/> (<c>Literal</c>, <c>JavaScript</c>,
    /// <c>Liquid</c>, <c>Object</c>, <c>Variable</c>). Throws <see cref="ExpressionException"/> on a syntax error, a
    /// runtime error, or when a script exceeds its time or memory budget.
    /// </summary>
    JsonNode? Evaluate(string syntax, string? expression, ExpressionScope scope);
}

/// <summary>What an expression can see and change: the instance's variables, input and identity.</summary>
public sealed class ExpressionScope
{
    /// <summary>Workflow variables by name; scripts may change them (Elsa's <c>setVariable</c>).</summary>
    public required IDictionary<string, JsonNode?> Variables { get; init; }

    /// <summary>Workflow input.</summary>
    public JsonObject Input { get; init; } = [];

    /// <summary>The instance id.</summary>
    public required string WorkflowInstanceId { get; init; }

    /// <summary>The correlation id, if any.</summary>
    public string? CorrelationId { get; set; }

    /// <summary>The current instant, from the engine's clock (never the wall clock).</summary>
    public DateTimeOffset Now { get; init; }

    /// <summary>Outputs of activities that already ran, by activity id or name, then output name.</summary>
    public IReadOnlyDictionary<string, JsonObject> ActivityOutputs { get; init; } = new Dictionary<string, JsonObject>();
}

/// <summary>An expression could not be evaluated; the activity that needed it faults with this message.</summary>
public sealed class ExpressionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ExpressionException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public ExpressionException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ExpressionException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
