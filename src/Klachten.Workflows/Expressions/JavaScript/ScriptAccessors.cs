using Jint;
using Jint.Native;
using Jint.Runtime.Interop;

namespace Klachten.Workflows.Expressions.JavaScript;

/// <summary>
/// Elsa's generated accessors (<c>ConfigureEngineWithVariablesAndInputOutputAccessors</c>): <c>getNaam()</c> and
/// <c>setNaam(v)</c> per variable, <c>get{Input}()</c> per workflow input, and <c>get{Output}From{Activity}()</c> per
/// activity output. Like Elsa, names are used only when they consist of letters and digits, and an accessor is built
/// only when the script names it — unless the script can reach globals without naming them (<c>eval</c>,
/// <c>Function</c>, <c>globalThis</c>), in which case all are built.
/// </summary>
internal static class ScriptAccessors
{
    private static readonly string[] DynamicCodeSignals = ["eval", "Function", "globalThis"];

    public static void Install(Engine engine, ExpressionScope scope, VariableBridge bridge, ReferencedGlobals? referenced)
    {
        var wanted = Filter(referenced);

        // Inputs after variables and outputs last, as in Elsa, so on a clash the later kind wins.
        foreach (var name in scope.Variables.Keys.Where(IsValidName).ToList())
        {
            var pascal = Pascalize(name);
            Set(engine, wanted, $"get{pascal}", 0, _ => OrNull(bridge.Read(name)));
            Set(engine, wanted, $"set{pascal}", 1, args =>
            {
                bridge.Write(name, ScriptFunctions.Arg(args, 0));
                return JsValue.Undefined;
            });
        }

        foreach (var name in scope.Input.Select(entry => entry.Key).Where(IsValidName))
            Set(engine, wanted, $"get{name}", 0, _ => ScriptFunctions.Lookup(engine, scope.Input, name));

        foreach (var (activity, outputs) in scope.ActivityOutputs.Where(entry => IsValidName(entry.Key)))
        {
            foreach (var output in outputs.Select(entry => entry.Key).Where(IsValidName))
                Set(engine, wanted, $"get{Pascalize(output)}From{Pascalize(activity)}", 0, _ => ScriptFunctions.Lookup(engine, outputs, output));
        }
    }

    /// <summary>Elsa's rule (<c>VariableNameValidator</c>): letters and digits only.</summary>
    internal static bool IsValidName(string name) => name.Length > 0 && name.All(char.IsLetterOrDigit);

    /// <summary>What Humanizer's <c>Pascalize</c> does to a name of letters and digits: capitalise an initial a–z.</summary>
    internal static string Pascalize(string name) =>
        char.IsAsciiLetterLower(name[0]) ? string.Concat(char.ToUpperInvariant(name[0]).ToString(), name.AsSpan(1)) : name;

    private static Func<string, bool> Filter(ReferencedGlobals? referenced)
    {
        if (referenced is null || referenced.HasDirectEvalCall || DynamicCodeSignals.Any(referenced.Contains))
            return _ => true;

        return referenced.Contains;
    }

    private static void Set(Engine engine, Func<string, bool> wanted, string name, int length, Func<JsValue[], JsValue> body)
    {
        if (ScriptFunctions.Names.Contains(name) || !wanted(name))
            return;

        engine.SetValue(name, new ClrFunction(engine, name, (_, args) => body(args), length));
    }

    private static JsValue OrNull(JsValue value) => value.IsUndefined() ? JsValue.Null : value;
}
