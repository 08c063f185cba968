using System.Text.Json.Nodes;
using Klachten.Workflows.Definitions;
using Klachten.Workflows.Expressions;

namespace Klachten.Workflows.Runtime.Activities;

/// <summary>Runs a script (the same sandboxed Jint as every JavaScript expression); its value is the output <c>Result</c>.</summary>
internal sealed class RunJavaScriptActivity : IActivityBehavior
{
    public const string Type = "Elsa.RunJavaScript";

    public ActivityTypeInfo Descriptor { get; } = new(Type, "Scripting", "JavaScript uitvoeren", "Voert een script uit; de waarde ervan is het resultaat.")
    {
        Inputs = [new("Script", "String", "Script", "Het script, met dezelfde functies als JavaScript-expressies (getVariable, setVariable, getInput, …).", "multiline")],
        Outputs = [new("Result", "Object", "Resultaat", "De waarde van het script.")],
    };

    public ActivityResult Execute(ActivityContext context)
    {
        var script = context.GetString("script");
        if (!string.IsNullOrWhiteSpace(script))
        {
            context.Outputs["result"] = context.EvaluateExpression(new JsonObject { ["type"] = ExpressionSyntax.JavaScript, ["value"] = script });
        }

        return ActivityResult.Done;
    }
}
