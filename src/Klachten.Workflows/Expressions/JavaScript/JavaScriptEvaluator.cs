using System.Globalization;
using System.Text.Json.Nodes;
using Acornima.Ast;
using Jint;

namespace Klachten.Workflows.Expressions.JavaScript;

/// <summary>
/// Runs JavaScript expressions with Jint, the way Elsa 3 does: the value is the completion value of the last
/// statement (a returned promise is awaited). Every evaluation gets a fresh engine in strict mode, without CLR
/// access, under the time, statement, memory and recursion budgets of <see cref="ExpressionOptions"/>; only the
/// parsed script is shared, through a bounded cache.
/// </summary>
internal sealed class JavaScriptEvaluator
{
    private readonly ExpressionOptions _options;
    private readonly TimeZoneInfo _timeZone;
    private readonly ScriptPreparationOptions _preparation;

    public JavaScriptEvaluator(ExpressionOptions options)
    {
        _options = options;
        _timeZone = options.ResolveTimeZone();
        Scripts = new BoundedCache<Prepared<Script>>(options.CacheSize);
        _preparation = new ScriptPreparationOptions
        {
            // The referenced names let ScriptAccessors build only the accessors a script uses.
            CollectReferencedGlobals = true,
            ParsingOptions = new ScriptParsingOptions
            {
                AllowReturnOutsideFunction = true,
                RegexTimeout = options.ScriptTimeout,
            },
        };
    }

    internal BoundedCache<Prepared<Script>> Scripts { get; }

    public JsonNode? Evaluate(string script, ExpressionScope scope)
    {
        try
        {
            var prepared = Scripts.GetOrAdd(script, Prepare);
            using var engine = new Engine(CreateEngineOptions(scope.Now));
            var bridge = new VariableBridge(engine, scope.Variables);
            ScriptAccessors.Install(engine, scope, bridge, prepared.ReferencedGlobals);
            ScriptFunctions.Install(engine, scope, bridge);

            var completion = engine.Evaluate(prepared).UnwrapIfPromise(_options.ScriptTimeout);
            var result = JsonInterop.ToJsonNode(engine, completion);
            bridge.Flush();
            return result;
        }
        catch (Exception exception) when (ScriptErrors.Translate(exception, _options) is { } translated)
        {
            throw translated;
        }
    }

    private Prepared<Script> Prepare(string script) => Engine.PrepareScript(script, source: "expression", strict: true, options: _preparation);

    /// <summary>
    /// Whether <paramref name="script"/> parses exactly as <see cref="Evaluate"/> would parse it (strict mode, a
    /// top-level <c>return</c> allowed as in Elsa); null when it does, else the parser's message.
    /// </summary>
    public static string? SyntaxError(string script)
    {
        try
        {
            Engine.PrepareScript(script, source: "expression", strict: true, options: new ScriptPreparationOptions
            {
                ParsingOptions = new ScriptParsingOptions { AllowReturnOutsideFunction = true },
            });
            return null;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Jint wraps the parser's error (its type differs between versions); the innermost message names the problem.
            var inner = exception;
            while (inner.InnerException is not null)
            {
                inner = inner.InnerException;
            }

            return inner is Acornima.ParseErrorException parse ? parse.Description : inner.Message;
        }
    }

    private Options CreateEngineOptions(DateTimeOffset now)
    {
        var options = new Options
        {
            Strict = true,
            Culture = CultureInfo.InvariantCulture,
            TimeZone = _timeZone,
            TimeSystem = new ScopeTimeSystem(now, _timeZone),
        };

        // No CLR types, namespaces or object wrappers: scripts see only JavaScript values and our own functions.
        options.Interop.Enabled = false;
        options.TimeoutInterval(_options.ScriptTimeout);
        options.MaxStatements(_options.MaxStatements);
        options.LimitMemory(_options.MaxMemoryBytes);
        options.LimitRecursion(_options.MaxRecursionDepth);
        options.Constraints.RegexTimeout = _options.ScriptTimeout;
        options.Constraints.PromiseTimeout = _options.ScriptTimeout;

        // Without this guard JSON.stringify or String() of a deeply nested array overflows the CLR stack, which no
        // catch survives: the whole server process would die. With it the script gets a RangeError instead.
        options.Constraints.StackOverflowGuard = true;
        return options;
    }
}
