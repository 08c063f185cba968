using Klachten.Workflows.Definitions;

namespace Klachten.Workflows.Runtime.Activities;

/// <summary>
/// Writes one of the workflow's outputs (<c>workflowState.output</c>), or inside a workflow used as an activity that
/// activity's output; the name need not be declared, as in Elsa.
/// </summary>
internal sealed class SetOutputActivity : IActivityBehavior
{
    public const string Type = "Elsa.SetOutput";

    public ActivityTypeInfo Descriptor { get; } = new(Type, "Composition", "Uitvoer zetten", "Geeft een uitvoer van de workflow een waarde.")
    {
        Inputs =
        [
            new("OutputName", "String", "Uitvoer", "De naam van de uitvoer.", "output-picker"),
            new("OutputValue", "Object", "Waarde", "De waarde.", DefaultSyntax: "JavaScript"),
        ],
    };

    public ActivityResult Execute(ActivityContext context)
    {
        var name = context.GetString("outputName");
        if (string.IsNullOrWhiteSpace(name))
        {
            return ActivityResult.Fault("SetOutput heeft geen naam van een uitvoer.");
        }

        context.WorkflowOutput[name] = context.Evaluate("outputValue");
        return ActivityResult.Done;
    }
}
