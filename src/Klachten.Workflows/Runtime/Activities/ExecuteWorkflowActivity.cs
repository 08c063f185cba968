using System.Text.Json.Nodes;
using Klachten.Workflows.Definitions;

namespace Klachten.Workflows.Runtime.Activities;

/// <summary>
/// Starts a new instance of a published workflow and runs it within this step (Elsa's ExecuteWorkflow). Without
/// waiting it completes once the child finished or waits, with Elsa's <c>ExecuteWorkflowResult</c> as Result; with
/// waiting it completes when the child has finished: at once (same Result) or later with the child's output as
/// Result, which is what Elsa gives in that case.
/// </summary>
internal sealed class ExecuteWorkflowActivity : IActivityBehavior
{
    public const string Type = "Elsa.ExecuteWorkflow";

    public ActivityTypeInfo Descriptor { get; } = new(Type, "Composition", "Workflow uitvoeren", "Start een nieuwe instantie van een workflow en voert die meteen uit.", ActivityKind.Task)
    {
        Inputs = ChildWorkflowRequests.Inputs,
        Outputs = [new("Result", "ExecuteWorkflowResult", "Resultaat", "Id, status en uitvoer van de nieuwe instantie.")],
    };

    public ActivityResult Execute(ActivityContext context) => ChildWorkflowRequests.Request(context, dispatch: false);

    public ActivityResult Resume(ActivityContext context, Bookmark bookmark, JsonObject? input) => ChildWorkflowRequests.Resume(context, input);
}
