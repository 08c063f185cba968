using System.Text.Json.Nodes;
using Klachten.Workflows.Definitions;

namespace Klachten.Workflows.Runtime.Activities;

/// <summary>
/// Queues a new instance of a published workflow (Elsa's DispatchWorkflow): it runs after this step has committed.
/// Without waiting the activity completes at once (no Result, as in Elsa); with waiting it completes when the child has
/// finished, with the child's output as Result.
/// </summary>
internal sealed class DispatchWorkflowActivity : IActivityBehavior
{
    public const string Type = "Elsa.DispatchWorkflow";

    public ActivityTypeInfo Descriptor { get; } = new(Type, "Composition", "Workflow starten", "Start een nieuwe instantie van een workflow op de achtergrond.")
    {
        Inputs = ChildWorkflowRequests.Inputs,
        Outputs = [new("Result", "Object", "Resultaat", "De uitvoer van de nieuwe instantie, als erop gewacht is.")],
    };

    public ActivityResult Execute(ActivityContext context) => ChildWorkflowRequests.Request(context, dispatch: true);

    public ActivityResult Resume(ActivityContext context, Bookmark bookmark, JsonObject? input) => ChildWorkflowRequests.Resume(context, input);
}
