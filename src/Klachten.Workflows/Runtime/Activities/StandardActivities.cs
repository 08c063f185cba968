using System.Text.Json.Nodes;
using Klachten.Workflows.Definitions;
using Klachten.Workflows.Expressions;

namespace Klachten.Workflows.Runtime.Activities;

/// <summary>Marks where a flowchart starts.</summary>
internal sealed class StartActivity : IActivityBehavior
{
    public string TypeName => ActivityTypes.Start;

    public ActivityResult Execute(ActivityContext context) => ActivityResult.Done;
}

/// <summary>Ends the workflow: the flowchart completes and every other branch is cancelled.</summary>
internal sealed class FinishActivity(string typeName) : IActivityBehavior
{
    public string TypeName => typeName;

    public ActivityResult Execute(ActivityContext context) => ActivityResult.Done;
}

/// <summary>Writes a line of text; the journal keeps it (Elsa writes it to the console).</summary>
internal sealed class WriteLineActivity : IActivityBehavior
{
    public string TypeName => ActivityTypes.WriteLine;

    public ActivityResult Execute(ActivityContext context)
    {
        context.JournalPayload["text"] = context.GetString("text") ?? string.Empty;
        return ActivityResult.Done;
    }
}

/// <summary>Sets a workflow variable to the value of an expression.</summary>
internal sealed class SetVariableActivity : IActivityBehavior
{
    public string TypeName => ActivityTypes.SetVariable;

    public ActivityResult Execute(ActivityContext context)
    {
        // Elsa writes the variable as its definition object ({id, name, …}); a plain name is accepted too.
        var variable = context.Activity.GetInput("variable");
        var name = variable switch
        {
            JsonObject o when o["name"] is JsonValue n => n.GetValue<string>(),
            JsonObject o when o["expression"] is JsonObject => context.GetString("variable"),
            JsonValue v => v.GetValue<string>(),
            _ => null,
        };
        if (string.IsNullOrWhiteSpace(name))
        {
            return ActivityResult.Fault("SetVariable heeft geen variabele.");
        }

        // Elsa converts to the variable's declared type: a literal "0" into Int32 becomes the number 0.
        var typeName = (variable as JsonObject)?["typeName"]?.GetValue<string>();
        context.State.Variables[name] = VariableDefinitions.Convert(context.Evaluate("value"), typeName);
        return ActivityResult.Done;
    }
}

/// <summary>Follows <c>True</c> or <c>False</c> depending on a condition.</summary>
internal sealed class FlowDecisionActivity : IActivityBehavior
{
    public string TypeName => ActivityTypes.FlowDecision;

    public ActivityResult Execute(ActivityContext context) =>
        ActivityResult.Complete(context.GetBool("condition") == true ? "True" : "False");
}

/// <summary>Starts every listed branch.</summary>
internal sealed class FlowForkActivity : IActivityBehavior
{
    public string TypeName => ActivityTypes.FlowFork;

    public ActivityResult Execute(ActivityContext context)
    {
        var branches = context.GetStrings("branches");
        return branches.Count == 0 ? ActivityResult.Done : ActivityResult.Complete(branches);
    }
}

/// <summary>Joins branches; the waiting is done by the flowchart according to the join mode.</summary>
internal sealed class FlowJoinActivity : IActivityBehavior
{
    public string TypeName => ActivityTypes.FlowJoin;

    public ActivityResult Execute(ActivityContext context) => ActivityResult.Done;
}

/// <summary>Faults the workflow with a message.</summary>
internal sealed class FaultActivity : IActivityBehavior
{
    public string TypeName => ActivityTypes.Fault;

    public ActivityResult Execute(ActivityContext context) =>
        ActivityResult.Fault(context.GetString("message") ?? context.GetString("reason") ?? "De workflow is bewust in een foutstatus gezet.");
}

/// <summary>Sets the instance's correlation id.</summary>
internal sealed class CorrelateActivity : IActivityBehavior
{
    public string TypeName => ActivityTypes.Correlate;

    public ActivityResult Execute(ActivityContext context)
    {
        context.State.CorrelationId = context.GetString("correlationId");
        return ActivityResult.Done;
    }
}

/// <summary>Waits for a named event, matched on the instance's correlation id when it has one.</summary>
internal sealed class EventActivity : IActivityBehavior
{
    public string TypeName => ActivityTypes.Event;

    public ActivityResult Execute(ActivityContext context)
    {
        var name = context.GetString("eventName");
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ExpressionException("Event heeft geen naam (eventName).");
        }

        return ActivityResult.Suspend(new BookmarkRequest(BookmarkKind.Event, EventName: name, CorrelationId: context.State.CorrelationId));
    }

    public ActivityResult Resume(ActivityContext context, Bookmark bookmark, JsonObject? input)
    {
        if (input is not null)
        {
            context.Outputs["result"] = input.DeepClone();
        }

        return ActivityResult.Done;
    }
}
