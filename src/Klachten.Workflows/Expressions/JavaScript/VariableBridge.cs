using System.Text.Json.Nodes;
using Jint;
using Jint.Native;
using Jint.Native.Object;

namespace Klachten.Workflows.Expressions.JavaScript;

/// <summary>
/// The one path between a script and the workflow variables, shared by <c>variables.X</c>, <c>getVariable</c>,
/// <c>setVariable</c> and the generated <c>getX()</c>/<c>setX(v)</c>. A variable is converted to JavaScript once, on
/// first use, and the script then keeps working on that same object; writes go straight into
/// <see cref="ExpressionScope.Variables"/>, and <see cref="Flush"/> stores the objects a script changed in place
/// (<c>variables.Klacht.Status = 'open'</c>), as Elsa does when it copies its <c>variables</c> container back.
/// </summary>
internal sealed class VariableBridge
{
    private readonly Engine _engine;
    private readonly IDictionary<string, JsonNode?> _variables;
    private readonly Dictionary<string, Materialized> _materialized;

    public VariableBridge(Engine engine, IDictionary<string, JsonNode?> variables)
    {
        _engine = engine;
        _variables = variables;
        // Follow the dictionary's own notion of a name, so that both spellings of a case-insensitive one meet here.
        var comparer = (variables as Dictionary<string, JsonNode?>)?.Comparer ?? StringComparer.Ordinal;
        _materialized = new Dictionary<string, Materialized>(comparer);
    }

    public IEnumerable<string> Names => _variables.Keys;

    public bool Exists(string name) => _materialized.ContainsKey(name) || _variables.ContainsKey(name);

    /// <summary>The variable as a script sees it, or <c>undefined</c> when there is none.</summary>
    public JsValue Read(string name)
    {
        if (_materialized.TryGetValue(name, out var known))
            return known.Value;
        if (!_variables.TryGetValue(name, out var node))
            return JsValue.Undefined;

        var value = JsonInterop.ToJsValue(_engine, node);
        _materialized[name] = new Materialized(value, node);
        return value;
    }

    public void Write(string name, JsValue value)
    {
        var node = JsonInterop.ToJsonNode(_engine, value);
        _variables[name] = node;
        _materialized[name] = new Materialized(value, node);
    }

    /// <summary>Stores every variable whose JavaScript object the script changed in place.</summary>
    public void Flush()
    {
        foreach (var (name, materialized) in _materialized)
        {
            // Only an object can change in place; a primitive is replaced through Write.
            if (materialized.Value is not ObjectInstance)
                continue;

            var current = JsonInterop.ToJsonNode(_engine, materialized.Value);
            if (!JsonNode.DeepEquals(current, materialized.Stored))
                _variables[name] = current;
        }
    }

    private sealed record Materialized(JsValue Value, JsonNode? Stored);
}
