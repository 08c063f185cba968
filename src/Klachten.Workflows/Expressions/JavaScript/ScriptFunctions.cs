using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Jint;
using Jint.Native;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;

namespace Klachten.Workflows.Expressions.JavaScript;

/// <summary>
/// The functions Elsa 3 gives every script (Elsa.Expressions.JavaScript, <c>ConfigureEngineWithCommonFunctions</c>),
/// as far as they make sense without CLR access, plus <c>variables</c>, <c>input</c>, <c>workflowInstanceId</c> and
/// <c>correlationId</c>. Each is installed lazily: it is built only when a script reads its name.
/// </summary>
internal static class ScriptFunctions
{
    /// <summary>Elsa's default output name, used by <c>getOutputFrom(activity)</c> without an output name.</summary>
    private const string DefaultOutputName = "Result";

    private static readonly JsonSerializerOptions ToJsonOptions = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    /// <summary>Every global name installed here; a generated accessor never hides one of them.</summary>
    public static readonly IReadOnlySet<string> Names = new HashSet<string>(StringComparer.Ordinal)
    {
        "variables", "input", "workflowInstanceId", "correlationId",
        "getWorkflowInstanceId", "getCorrelationId", "setCorrelationId", "getVariable", "setVariable", "getInput",
        "getOutputFrom", "isNullOrWhiteSpace", "isNullOrEmpty", "toJson", "parseGuid", "newGuid", "newGuidString",
        "newShortGuid", "getGuidString", "getShortGuid", "stringToBase64", "stringFromBase64",
    };

    public static void Install(Engine engine, ExpressionScope scope, VariableBridge bridge)
    {
        InstallContext(engine, scope, bridge);
        InstallHelpers(engine);
    }

    private static void InstallContext(Engine engine, ExpressionScope scope, VariableBridge bridge)
    {
        engine.Advanced.AddLazyGlobal("variables", e => e.Advanced.CreateProxy(new JsObject(e), new VariablesProxyHandler(bridge)), PropertyFlag.NonEnumerable);
        engine.Advanced.AddLazyGlobal("input", e => JsonInterop.ToJsValue(e, scope.Input), PropertyFlag.NonEnumerable);
        engine.Advanced.AddLazyGlobal("workflowInstanceId", _ => new JsString(scope.WorkflowInstanceId), PropertyFlag.NonEnumerable);
        InstallCorrelationIdProperty(engine, scope);

        Add(engine, "getWorkflowInstanceId", 0, _ => new JsString(scope.WorkflowInstanceId));
        Add(engine, "getCorrelationId", 0, _ => FromText(scope.CorrelationId));
        Add(engine, "setCorrelationId", 1, args => SetCorrelationId(scope, args));
        Add(engine, "getVariable", 1, args => OrNull(bridge.Read(Text(Arg(args, 0)) ?? "")));
        Add(engine, "setVariable", 2, args => SetVariable(engine, bridge, args));
        Add(engine, "getInput", 1, args => Lookup(engine, scope.Input, Text(Arg(args, 0))));
        Add(engine, "getOutputFrom", 2, args => GetOutputFrom(engine, scope, args));
    }

    private static void InstallHelpers(Engine engine)
    {
        Add(engine, "isNullOrWhiteSpace", 1, args => string.IsNullOrWhiteSpace(Text(Arg(args, 0))));
        Add(engine, "isNullOrEmpty", 1, args => string.IsNullOrEmpty(Text(Arg(args, 0))));
        Add(engine, "toJson", 1, args => JsonInterop.ToJsonNode(engine, Arg(args, 0))?.ToJsonString(ToJsonOptions) ?? "null");
        Add(engine, "parseGuid", 1, args => ParseGuid(engine, Arg(args, 0)));
        Add(engine, "newGuid", 0, _ => Guid.NewGuid().ToString("D"));
        Add(engine, "newGuidString", 0, _ => Guid.NewGuid().ToString("D"));
        Add(engine, "getGuidString", 0, _ => Guid.NewGuid().ToString("D"));
        Add(engine, "newShortGuid", 0, _ => ShortGuid());
        Add(engine, "getShortGuid", 0, _ => ShortGuid());
        Add(engine, "stringToBase64", 1, args => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Text(Arg(args, 0)) ?? "")));
        Add(engine, "stringFromBase64", 1, args => FromBase64(engine, Arg(args, 0)));
    }

    private static void Add(Engine engine, string name, int length, Func<JsValue[], JsValue> body) =>
        engine.Advanced.AddLazyGlobal(name, e => new ClrFunction(e, name, (_, args) => body(args), length), PropertyFlag.NonEnumerable);

    /// <summary>
    /// A global accessor, so <c>correlationId = 'K-1'</c> sets it as <c>setCorrelationId('K-1')</c> does and a later
    /// read in the same script sees the new value.
    /// </summary>
    private static void InstallCorrelationIdProperty(Engine engine, ExpressionScope scope)
    {
        var getter = new ClrFunction(engine, "get correlationId", (_, _) => FromText(scope.CorrelationId));
        var setter = new ClrFunction(engine, "set correlationId", (_, args) => SetCorrelationId(scope, args), 1);
        engine.Global.DefineOwnProperty("correlationId", new GetSetPropertyDescriptor(getter, setter, enumerable: false, configurable: true));
    }

    private static JsValue SetCorrelationId(ExpressionScope scope, JsValue[] args)
    {
        scope.CorrelationId = Text(Arg(args, 0));
        return JsValue.Undefined;
    }

    private static JsValue SetVariable(Engine engine, VariableBridge bridge, JsValue[] args)
    {
        var name = Text(Arg(args, 0));
        if (string.IsNullOrEmpty(name))
            throw new JavaScriptException(engine.Intrinsics.TypeError, "setVariable needs a variable name.");

        bridge.Write(name, Arg(args, 1));
        return JsValue.Undefined;
    }

    private static JsValue GetOutputFrom(Engine engine, ExpressionScope scope, JsValue[] args)
    {
        // Elsa throws when the activity does not exist in the workflow; here only activities that already ran are
        // known, so an unknown one reads as null, as Elsa does for an activity that has not run yet.
        var activity = Text(Arg(args, 0));
        var output = Text(Arg(args, 1)) ?? DefaultOutputName;
        return activity is not null && scope.ActivityOutputs.TryGetValue(activity, out var outputs)
            ? Lookup(engine, outputs, output)
            : JsValue.Null;
    }

    private static JsValue ParseGuid(Engine engine, JsValue value) =>
        Guid.TryParse(Text(value), out var guid)
            ? guid.ToString("D")
            : throw new JavaScriptException(engine.Intrinsics.TypeError, $"'{Text(value)}' is not a GUID.");

    private static JsValue FromBase64(Engine engine, JsValue value)
    {
        try
        {
            return System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(Text(value) ?? ""));
        }
        catch (FormatException)
        {
            throw new JavaScriptException(engine.Intrinsics.TypeError, "The text is not valid base 64.");
        }
    }

    private static string ShortGuid() =>
        Convert.ToBase64String(Guid.NewGuid().ToByteArray()).Replace("/", "", StringComparison.Ordinal)
            .Replace("+", "", StringComparison.Ordinal).Replace("=", "", StringComparison.Ordinal);

    // Exact name first; else without regard to case, as Elsa's input dictionary is (JSON properties are camelCase,
    // scripts use the declared PascalCase name).
    internal static JsValue Lookup(Engine engine, IDictionary<string, System.Text.Json.Nodes.JsonNode?> values, string? name)
    {
        if (name is null)
        {
            return JsValue.Null;
        }

        if (values.TryGetValue(name, out var node))
        {
            return JsonInterop.ToJsValue(engine, node);
        }

        var match = values.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase));
        return match.Key is null ? JsValue.Null : JsonInterop.ToJsValue(engine, match.Value);
    }

    internal static JsValue Arg(JsValue[] args, int index) => index < args.Length ? args[index] : JsValue.Undefined;

    /// <summary>A script value as a CLR string the way Elsa's delegates receive it: <c>null</c> and <c>undefined</c> give null.</summary>
    internal static string? Text(JsValue value) => value.IsNull() || value.IsUndefined() ? null : TypeConverter.ToString(value);

    private static JsValue FromText(string? text) => text is null ? JsValue.Null : new JsString(text);

    private static JsValue OrNull(JsValue value) => value.IsUndefined() ? JsValue.Null : value;
}
