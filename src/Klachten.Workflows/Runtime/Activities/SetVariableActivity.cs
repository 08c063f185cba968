using System.Text.Json.Nodes;
using Klachten.Workflows.Definitions;

namespace Klachten.Workflows.Runtime.Activities;

/// <summary>Sets a workflow variable to the value of an expression.</summary>
internal sealed class SetVariableActivity : IActivityBehavior
{
    public const string Type = "Elsa.SetVariable";

    public ActivityTypeInfo Descriptor { get; } = new(Type, "Primitives", "Variabele zetten", "Geeft een workflowvariabele een waarde.")
    {
        Inputs =
        [
            new("Variable", "Variable", "Variabele", "De variabele die een waarde krijgt.", "variable-picker", IsWrapped: false),
            new("Value", "Object", "Waarde", "De nieuwe waarde.", DefaultSyntax: "JavaScript"),
        ],
    };

    public ActivityResult Execute(ActivityContext context)
    {
        // Elsa writes the variable as its definition object ({id, name, …}); a plain name is accepted too.
        var variable = context.Activity.GetInput("variable");
        var name = variable switch
        {
            JsonObject o when o["name"] is JsonValue n => n.GetValue<string>(),
            JsonObject o when o["expression"] is JsonObject => context.GetString("variable"),
            JsonValue v => v.GetValue<string>(),
            _ => null,
        };
        if (string.IsNullOrWhiteSpace(name))
        {
            return ActivityResult.Fault("SetVariable heeft geen variabele.");
        }

        // Elsa converts to the variable's declared type: a literal "0" into Int32 becomes the number 0.
        var typeName = (variable as JsonObject)?["typeName"]?.GetValue<string>();
        context.State.Variables[name] = VariableDefinitions.Convert(context.Evaluate("value"), typeName);
        return ActivityResult.Done;
    }
}
