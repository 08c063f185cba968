using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Klachten.Workflows.Definitions;
using Klachten.Workflows.Expressions;

namespace Klachten.Workflows.Runtime;

/// <summary>What an activity sees while it runs: its inputs, the instance's variables, the clock and the effects it may request.</summary>
public sealed class ActivityContext
{
    private readonly IExpressionEvaluator _expressions;
    private readonly List<WorkflowEffect> _effects;

    internal ActivityContext(ActivityModel activity, string executionId, WorkflowState state, DateTimeOffset now,
        IExpressionEvaluator expressions, List<WorkflowEffect> effects, EngineServices services, JsonObject? properties)
    {
        Activity = activity;
        ExecutionId = executionId;
        State = state;
        Now = now;
        _expressions = expressions;
        _effects = effects;
        Services = services;
        Properties = properties ?? [];
    }

    /// <summary>The activity being executed.</summary>
    public ActivityModel Activity { get; }

    /// <summary>This execution's id.</summary>
    public string ExecutionId { get; }

    /// <summary>The instance state.</summary>
    public WorkflowState State { get; }

    /// <summary>The engine's clock reading for this step.</summary>
    public DateTimeOffset Now { get; }

    /// <summary>Domain services the Klachten activities need (terms calendar).</summary>
    public EngineServices Services { get; }

    /// <summary>What <c>getInput</c> reads: the inputs of the workflow activity this runs in; null for the instance's input.</summary>
    public JsonObject? ScopeInput { get; init; }

    /// <summary>Where SetOutput writes: the instance's output, or the outputs of the workflow activity this runs in.</summary>
    public JsonObject WorkflowOutput { get; init; } = [];

    /// <summary>State kept between execute and resume of this execution.</summary>
    public JsonObject Properties { get; }

    /// <summary>Payload written to this execution's journal entry (e.g. WriteLine's text).</summary>
    public JsonObject JournalPayload { get; } = [];

    /// <summary>Outputs recorded for this activity.</summary>
    public JsonObject Outputs { get; } = [];

    /// <summary>
    /// The inputs as this execution evaluated them (Elsa's <c>activityState</c>), by camelCase name; the last
    /// evaluation of an input wins. The engine writes them to the journal so the instance viewer can show them.
    /// </summary>
    public JsonObject EvaluatedInputs { get; } = [];

    /// <summary>Requests an effect the host performs in the same transaction.</summary>
    public void AddEffect(WorkflowEffect effect) => _effects.Add(effect);

    /// <summary>An id that is the same whenever this execution asks for it with the same purpose (idempotent messages).</summary>
    public string StableId(string purpose)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{State.Id}/{ExecutionId}/{purpose}"));
        return new Guid(hash.AsSpan(0, 16)).ToString();
    }

    /// <summary>Evaluates an input (camelCase key) in Elsa's wrapped form or as a plain JSON value.</summary>
    public JsonNode? Evaluate(string inputName)
    {
        var value = EvaluateCore(inputName);
        EvaluatedInputs[inputName] = value?.DeepClone();
        return value;
    }

    /// <summary>Evaluates a bare expression (<c>{type, value}</c>), such as a switch case's condition.</summary>
    public JsonNode? EvaluateExpression(JsonNode? expression) => expression is JsonObject expressionObject ? EvaluateExpressionObject(expressionObject) : null;

    /// <summary>Whether a bare expression is true (a switch case matches).</summary>
    public bool IsTrue(JsonNode? expression) => EvaluateExpression(expression) switch
    {
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => bool.TryParse(v.GetValue<string>(), out var parsed) && parsed,
        _ => false,
    };

    private JsonNode? EvaluateCore(string inputName)
    {
        var raw = Activity.GetInput(inputName);
        if (raw is JsonObject wrapped && wrapped.TryGetPropertyValue("expression", out var expression))
        {
            return expression is JsonObject expressionObject ? EvaluateExpressionObject(expressionObject) : null;
        }

        return raw?.DeepClone();
    }

    private JsonNode? EvaluateExpressionObject(JsonObject expressionObject)
    {
        var syntax = expressionObject["type"]?.GetValue<string>() ?? "Literal";
        var value = expressionObject["value"];
        var text = value is null ? null : value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
        var scope = Scope();
        var result = _expressions.Evaluate(syntax, text, scope);
        State.CorrelationId = scope.CorrelationId;
        return result;
    }

    /// <summary>An input as text.</summary>
    public string? GetString(string inputName) => Convert.ToText(Evaluate(inputName));

    /// <summary>An input as a whole number.</summary>
    public int? GetInt(string inputName) => Evaluate(inputName) switch
    {
        null => null,
        JsonValue v when v.TryGetValue<int>(out var i) => i,
        JsonValue v when v.TryGetValue<double>(out var d) => (int)d,
        var node => int.TryParse(Convert.ToText(node), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw new ExpressionException($"Input '{inputName}' is not a whole number."),
    };

    /// <summary>An input as a boolean.</summary>
    public bool? GetBool(string inputName) => Evaluate(inputName) switch
    {
        null => null,
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        var node => bool.TryParse(Convert.ToText(node), out var parsed)
            ? parsed
            : throw new ExpressionException($"Input '{inputName}' is not true or false."),
    };

    /// <summary>An input as a time span (<c>hh:mm:ss</c> or <c>d.hh:mm:ss</c>).</summary>
    public TimeSpan? GetTimeSpan(string inputName)
    {
        var text = GetString(inputName);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span)
            ? span
            : throw new ExpressionException($"Input '{inputName}' is not a time span: '{text}'.");
    }

    /// <summary>An input as an instant (ISO 8601).</summary>
    public DateTimeOffset? GetInstant(string inputName)
    {
        var text = GetString(inputName);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            ? instant
            : throw new ExpressionException($"Input '{inputName}' is not a date and time: '{text}'.");
    }

    /// <summary>An input as a list of strings (a JSON array, or a literal holding one).</summary>
    public IReadOnlyList<string> GetStrings(string inputName)
    {
        var node = Evaluate(inputName);
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            var text = value.GetValue<string>().Trim();
            if (text.Length == 0)
            {
                return [];
            }

            try
            {
                node = text.StartsWith('[') ? JsonNode.Parse(text) : new JsonArray(text.Split(',').Select(s => (JsonNode?)JsonValue.Create(s.Trim())).ToArray());
            }
            catch (JsonException ex)
            {
                throw new ExpressionException($"Input '{inputName}' is not a list: {ex.Message}");
            }
        }

        return node is JsonArray array
            ? [.. array.Select(Convert.ToText).Where(s => !string.IsNullOrEmpty(s)).Select(s => s!)]
            : [];
    }

    /// <summary>The scope expressions see; changes to variables and correlation land in the state.</summary>
    public ExpressionScope Scope() => new()
    {
        Variables = State.Variables,
        Input = ScopeInput ?? State.Input,
        WorkflowInstanceId = State.Id,
        CorrelationId = State.CorrelationId,
        Now = Now,
        ActivityOutputs = State.Outputs,
    };

    private static class Convert
    {
        public static string? ToText(JsonNode? node) => node switch
        {
            null => null,
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            _ => node.ToJsonString(),
        };
    }
}

/// <summary>Domain services available to activities; extended as activities need them.</summary>
public sealed class EngineServices
{
    /// <summary>Services with nothing configured.</summary>
    public static EngineServices None { get; } = new();

    /// <summary>Term computation on the legal calendar (for terms and task due dates).</summary>
    public Terms.TermCalculator? Terms { get; init; }

    /// <summary>Hosts HTTP requests may go to, checked before a request is queued; null checks nothing (engine tests).</summary>
    public HttpHostPolicy? HttpHosts { get; init; }
}
