using System.Text.Json.Nodes;
using Klachten.Workflows.Definitions;

namespace Klachten.Workflows.Runtime.Activities;

/// <summary>
/// Runs its body for every item of a list at once (Elsa's ParallelForEach); each run has its own
/// <c>CurrentValue</c> and <c>CurrentIndex</c>. Completes when every run has. Not a Break target: a Break in the body
/// goes on to the enclosing loop.
/// </summary>
internal sealed class ParallelForEachActivity : IContainerBehavior
{
    public const string Type = "Elsa.ParallelForEach";

    /// <summary>Per iteration tag: the item and its index, read when an activity of that run executes.</summary>
    public const string IterationsKey = "iterations";

    public ActivityTypeInfo Descriptor { get; } = new(Type, "Looping", "Parallel voor elk", "Voert 'Body' tegelijk uit voor elk item van de lijst.")
    {
        EmbeddedPorts = ["Body"],
        Inputs = [new("Items", "Object", "Items", "De lijst.", DefaultSyntax: "JavaScript")],
    };

    public ContainerStep Start(ActivityContext context)
    {
        // Elsa: no items (or none at all) and no body complete at once.
        var items = ForEachActivity.Items(context.Evaluate("items"));
        if (items.Count == 0 || context.Activity.EmbeddedAt("body") is not { } body)
        {
            return ContainerStep.Complete();
        }

        var iterations = new JsonObject();
        var tags = new List<string>();
        for (var index = 0; index < items.Count; index++)
        {
            var tag = $"{context.ExecutionId}.{index}";
            iterations[tag] = new JsonObject { ["value"] = items[index]?.DeepClone(), ["index"] = index };
            tags.Add(tag);
        }

        context.Properties[IterationsKey] = iterations;
        context.Properties["pending"] = items.Count;
        return ContainerStep.RunEach(body, tags);
    }

    public ContainerStep ChildCompleted(ActivityContext context, ActivityModel child, IReadOnlyList<string> outcomes)
    {
        var pending = (context.Properties["pending"]?.GetValue<int>() ?? 1) - 1;
        context.Properties["pending"] = pending;
        return pending <= 0 ? ContainerStep.Complete() : ContainerStep.Wait;
    }
}
