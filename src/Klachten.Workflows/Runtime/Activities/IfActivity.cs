using Klachten.Workflows.Definitions;

namespace Klachten.Workflows.Runtime.Activities;

/// <summary>Runs <c>then</c> when the condition holds, otherwise <c>else</c>; completes after that branch.</summary>
internal sealed class IfActivity : IContainerBehavior
{
    public const string Type = "Elsa.If";

    public ActivityTypeInfo Descriptor { get; } = new(Type, "Branching", "Als", "Voert 'Then' uit als de voorwaarde waar is, anders 'Else'.")
    {
        EmbeddedPorts = ["Then", "Else"],
        Inputs = [new("Condition", "Boolean", "Voorwaarde", "Waar: 'Then'; onwaar: 'Else'.", DefaultSyntax: "JavaScript")],
        Outputs = [new("Result", "Boolean", "Resultaat", "De uitkomst van de voorwaarde.")],
    };

    public ContainerStep Start(ActivityContext context)
    {
        var condition = context.GetBool("condition") == true;
        context.Outputs["result"] = condition;
        var branch = context.Activity.EmbeddedAt(condition ? "then" : "else");
        return branch is null ? ContainerStep.Complete() : ContainerStep.Run(branch);
    }

    public ContainerStep ChildCompleted(ActivityContext context, ActivityModel child, IReadOnlyList<string> outcomes) => ContainerStep.Complete();
}
