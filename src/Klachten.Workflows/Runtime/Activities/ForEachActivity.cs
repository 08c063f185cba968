using System.Text.Json;
using System.Text.Json.Nodes;
using Klachten.Workflows.Definitions;

namespace Klachten.Workflows.Runtime.Activities;

/// <summary>Runs its body once for every item of a list, in order (<c>CurrentValue</c>).</summary>
internal sealed class ForEachActivity : IContainerBehavior
{
    public const string Type = "Elsa.ForEach";

    public ActivityTypeInfo Descriptor { get; } = new(Type, "Looping", "Voor elk", "Voert 'Body' uit voor elk item van de lijst.")
    {
        EmbeddedPorts = ["Body"],
        Inputs = [new("Items", "Object", "Items", "De lijst.", DefaultSyntax: "JavaScript")],
        Outputs = [new("CurrentValue", "Object", "Huidig item", "Het item van deze ronde.")],
    };

    public bool IsLoop => true;

    public ContainerStep Start(ActivityContext context) => Round(context, 0);

    public ContainerStep ChildCompleted(ActivityContext context, ActivityModel child, IReadOnlyList<string> outcomes) =>
        Round(context, (context.Properties["index"]?.GetValue<int>() ?? 0) + 1);

    internal static JsonArray Items(JsonNode? value) => value switch
    {
        JsonArray array => (JsonArray)array.DeepClone(),
        JsonValue v when v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().TrimStart().StartsWith('[') => JsonNode.Parse(v.GetValue<string>()) as JsonArray ?? [],
        null => [],
        _ => [value.DeepClone()],
    };

    // The list is read again each round, as Elsa does: a body that changes it changes the remaining rounds.
    private static ContainerStep Round(ActivityContext context, int index)
    {
        if (context.Evaluate("items") is not { } value)
        {
            return ContainerStep.Faulted("ForEach: de lijst (Items) is leeg (null).");
        }

        var items = Items(value);
        if (index >= items.Count || context.Activity.EmbeddedAt("body") is not { } body)
        {
            return ContainerStep.Complete();
        }

        context.Properties["index"] = index;
        context.Outputs["currentValue"] = items[index]?.DeepClone();
        LoopVariables.Set(context, items[index], index);
        return ContainerStep.Run(body);
    }
}
