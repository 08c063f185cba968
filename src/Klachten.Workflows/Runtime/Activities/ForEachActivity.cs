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
        IsContainer = true,
        EmbeddedPorts = ["Body"],
        Inputs = [new("Items", "Object", "Items", "De lijst.", DefaultSyntax: "JavaScript")],
        Outputs = [new("CurrentValue", "Object", "Huidig item", "Het item van deze ronde.")],
    };

    public bool IsLoop => true;

    public ContainerStep Start(ActivityContext context)
    {
        // The list is read once: changes to it during the loop do not change the rounds, as in Elsa.
        context.Properties["items"] = Items(context.Evaluate("items"));
        return Round(context, 0);
    }

    public ContainerStep ChildCompleted(ActivityContext context, ActivityModel child, IReadOnlyList<string> outcomes) =>
        Round(context, (context.Properties["index"]?.GetValue<int>() ?? 0) + 1);

    internal static JsonArray Items(JsonNode? value) => value switch
    {
        JsonArray array => (JsonArray)array.DeepClone(),
        JsonValue v when v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().TrimStart().StartsWith('[') => JsonNode.Parse(v.GetValue<string>()) as JsonArray ?? [],
        null => [],
        _ => [value.DeepClone()],
    };

    private static ContainerStep Round(ActivityContext context, int index)
    {
        var items = context.Properties["items"]!.AsArray();
        if (index >= items.Count || context.Activity.EmbeddedAt("body") is not { } body)
        {
            return ContainerStep.Complete();
        }

        context.Properties["index"] = index;
        context.Outputs["currentValue"] = items[index]?.DeepClone();
        return ContainerStep.Run(body);
    }
}
