using Klachten.Workflows.Definitions;

namespace Klachten.Workflows.Runtime.Activities;

/// <summary>Sets the instance's correlation id.</summary>
internal sealed class CorrelateActivity : IActivityBehavior
{
    public const string Type = "Elsa.Correlate";

    public ActivityTypeInfo Descriptor { get; } = new(Type, "Primitives", "Correleren", "Zet de correlatiesleutel van de workflow.")
    {
        Inputs = [new("CorrelationId", "String", "Correlatiesleutel", "De sleutel waarmee de workflow gevonden wordt.")],
    };

    public ActivityResult Execute(ActivityContext context)
    {
        context.State.CorrelationId = context.GetString("correlationId");
        return ActivityResult.Done;
    }
}
