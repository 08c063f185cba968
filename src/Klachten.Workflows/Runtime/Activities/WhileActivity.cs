using Klachten.Workflows.Definitions;

namespace Klachten.Workflows.Runtime.Activities;

/// <summary>Runs its body as long as the condition holds, checked before every round.</summary>
internal sealed class WhileActivity : IContainerBehavior
{
    public const string Type = "Elsa.While";

    public ActivityTypeInfo Descriptor { get; } = new(Type, "Looping", "Zolang", "Herhaalt 'Body' zolang de voorwaarde waar is.")
    {
        EmbeddedPorts = ["Body"],
        Inputs = [new("Condition", "Boolean", "Voorwaarde", "Zolang waar, wordt 'Body' opnieuw uitgevoerd.", DefaultSyntax: "JavaScript")],
    };

    public bool IsLoop => true;

    public ContainerStep Start(ActivityContext context) => Round(context);

    public ContainerStep ChildCompleted(ActivityContext context, ActivityModel child, IReadOnlyList<string> outcomes) => Round(context);

    // Without a body nothing can change the condition: one check, then done (the step limit guards the rest).
    private static ContainerStep Round(ActivityContext context) =>
        context.GetBool("condition") == true && context.Activity.EmbeddedAt("body") is { } body ? ContainerStep.Run(body) : ContainerStep.Complete();
}
