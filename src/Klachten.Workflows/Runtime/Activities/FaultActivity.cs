using Klachten.Workflows.Definitions;

namespace Klachten.Workflows.Runtime.Activities;

/// <summary>Faults the workflow with a message.</summary>
internal sealed class FaultActivity : IActivityBehavior
{
    public const string Type = "Elsa.Fault";

    public ActivityTypeInfo Descriptor { get; } = new(Type, "Primitives", "Fout", "Zet de workflow in een foutstatus met een melding.")
    {
        Ports = [],
        Inputs = [new("Message", "String", "Melding", "De foutmelding.")],
    };

    public ActivityResult Execute(ActivityContext context) =>
        ActivityResult.Fault(context.GetString("message") ?? context.GetString("reason") ?? "De workflow is bewust in een foutstatus gezet.");
}
