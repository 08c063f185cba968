using System.Text.Json.Nodes;
using Klachten.Workflows.Definitions;

namespace Klachten.Workflows.Runtime.Activities;

/// <summary>Counts from <c>start</c> to <c>end</c> by <c>step</c>, running its body for each value (<c>CurrentValue</c>).</summary>
internal sealed class ForActivity : IContainerBehavior
{
    public const string Type = "Elsa.For";

    public ActivityTypeInfo Descriptor { get; } = new(Type, "Looping", "Tellen", "Voert 'Body' uit voor elke waarde van Start tot End.")
    {
        EmbeddedPorts = ["Body"],
        Inputs =
        [
            new("Start", "Int32", "Start", "De eerste waarde.", DefaultValue: "0"),
            new("End", "Int32", "Einde", "De laatste waarde.", DefaultValue: "0"),
            new("Step", "Int32", "Stap", "Hoeveel de waarde per ronde verandert.", DefaultValue: "1"),
            new("OuterBoundInclusive", "Boolean", "Einde meetellen", "Of de ronde met de eindwaarde ook meedoet.", "checkbox", DefaultValue: "true"),
        ],
        Outputs = [new("CurrentValue", "Int32", "Huidige waarde", "De waarde van deze ronde.")],
    };

    public bool IsLoop => true;

    public ContainerStep Start(ActivityContext context) => Round(context, context.GetInt("start") ?? 0);

    public ContainerStep ChildCompleted(ActivityContext context, ActivityModel child, IReadOnlyList<string> outcomes) =>
        Round(context, (context.Properties["current"]?.GetValue<int>() ?? 0) + (context.GetInt("step") ?? 1));

    private static ContainerStep Round(ActivityContext context, int current)
    {
        var end = context.GetInt("end") ?? 0;
        var step = context.GetInt("step") ?? 1;
        var inclusive = context.GetBool("outerBoundInclusive") ?? true;
        var inRange = step >= 0 ? (inclusive ? current <= end : current < end) : (inclusive ? current >= end : current > end);
        if (!inRange || context.Activity.EmbeddedAt("body") is not { } body)
        {
            return ContainerStep.Complete();
        }

        context.Properties["current"] = current;
        context.Outputs["currentValue"] = JsonValue.Create(current);
        LoopVariables.Set(context, JsonValue.Create(current), null);
        return ContainerStep.Run(body);
    }
}
