using Klachten.Workflows.Runtime.Activities;

namespace Klachten.Workflows.Definitions;

/// <summary>
/// Type names of the activities other code refers to by name (the engine, validation, the server). Each is spelled
/// once, in its activity class; a new activity needs an entry here only when other code names it.
/// </summary>
public static class ActivityTypes
{
    /// <summary>The flowchart container.</summary>
    public const string Flowchart = FlowchartActivity.Type;

    /// <summary>Marks where a flowchart starts.</summary>
    public const string Start = StartActivity.Type;

    /// <summary>Ends the workflow.</summary>
    public const string Finish = FinishActivity.Type;

    /// <summary>Ends the current branch.</summary>
    public const string End = EndActivity.Type;

    /// <summary>Writes a line to the journal (and console in Elsa).</summary>
    public const string WriteLine = WriteLineActivity.Type;

    /// <summary>Sets a workflow variable.</summary>
    public const string SetVariable = SetVariableActivity.Type;

    /// <summary>Two-way branch on a condition.</summary>
    public const string FlowDecision = FlowDecisionActivity.Type;

    /// <summary>Runs several branches.</summary>
    public const string FlowFork = FlowForkActivity.Type;

    /// <summary>Joins branches (WaitAll or WaitAny).</summary>
    public const string FlowJoin = FlowJoinActivity.Type;

    /// <summary>Faults the workflow with a message.</summary>
    public const string Fault = FaultActivity.Type;

    /// <summary>Waits for a time span.</summary>
    public const string Delay = DelayActivity.Type;

    /// <summary>Waits until an instant.</summary>
    public const string StartAt = StartAtActivity.Type;

    /// <summary>Recurring timer.</summary>
    public const string Timer = TimerActivity.Type;

    /// <summary>Sets the correlation id.</summary>
    public const string Correlate = CorrelateActivity.Type;

    /// <summary>Waits for a named event.</summary>
    public const string Event = EventActivity.Type;

    /// <summary>Publishes an event to waiting Event activities and event-triggered workflows.</summary>
    public const string PublishEvent = PublishEventActivity.Type;

    /// <summary>Starts a child instance within the step, optionally waiting for it to finish.</summary>
    public const string ExecuteWorkflow = ExecuteWorkflowActivity.Type;

    /// <summary>Queues a child instance, optionally waiting for it to finish.</summary>
    public const string DispatchWorkflow = DispatchWorkflowActivity.Type;

    /// <summary>A task for a person in a role.</summary>
    public const string HumanTask = HumanTaskActivity.Type;

    /// <summary>A legal term: a timer whose due instant is counted on the Dutch calendar.</summary>
    public const string Term = TermActivity.Type;

    /// <summary>Sets the status of the complaint the instance belongs to.</summary>
    public const string SetComplaintStatus = SetComplaintStatusActivity.Type;

    /// <summary>Requests a letter from the notification service.</summary>
    public const string SendLetter = SendLetterActivity.Type;

    /// <summary>Runs activities one after the other.</summary>
    public const string Sequence = SequenceActivity.Type;

    /// <summary>Runs one of two embedded branches.</summary>
    public const string If = IfActivity.Type;

    /// <summary>Repeats its body while a condition holds.</summary>
    public const string While = WhileActivity.Type;

    /// <summary>Repeats its body for a range of numbers.</summary>
    public const string For = ForActivity.Type;

    /// <summary>Repeats its body for every item of a list.</summary>
    public const string ForEach = ForEachActivity.Type;

    /// <summary>Runs its body for every item of a list at once.</summary>
    public const string ParallelForEach = ParallelForEachActivity.Type;

    /// <summary>Runs activities at once, completing when all have.</summary>
    public const string Parallel = ParallelActivity.Type;

    /// <summary>Runs branches at once, completing when any or all have.</summary>
    public const string Fork = ForkActivity.Type;

    /// <summary>Ends the nearest loop.</summary>
    public const string Break = BreakActivity.Type;

    /// <summary>Ends the workflow with outcomes.</summary>
    public const string Complete = CompleteActivity.Type;

    /// <summary>Passes the flow on.</summary>
    public const string FlowNode = FlowNodeActivity.Type;

    /// <summary>Runs the activities of matching cases.</summary>
    public const string Switch = SwitchActivity.Type;

    /// <summary>Leaves through the labels of matching cases.</summary>
    public const string FlowSwitch = FlowSwitchActivity.Type;

    /// <summary>Writes a workflow output.</summary>
    public const string SetOutput = SetOutputActivity.Type;

    /// <summary>Names the instance.</summary>
    public const string SetName = SetNameActivity.Type;

    /// <summary>Waits for the next moment of a cron expression.</summary>
    public const string Cron = CronActivity.Type;

    /// <summary>Runs a script.</summary>
    public const string RunJavaScript = RunJavaScriptActivity.Type;

    /// <summary>Sends an e-mail.</summary>
    public const string SendEmail = SendEmailActivity.Type;

    /// <summary>Starts a workflow on an HTTP request.</summary>
    public const string HttpEndpoint = HttpEndpointActivity.Type;

    /// <summary>Answers that request.</summary>
    public const string WriteHttpResponse = WriteHttpResponseActivity.Type;

    /// <summary>Sends an HTTP request and runs the activity of the status code.</summary>
    public const string SendHttpRequest = SendHttpRequestActivity.Type;

    /// <summary>Sends an HTTP request and leaves through the port of the status code.</summary>
    public const string FlowSendHttpRequest = FlowSendHttpRequestActivity.Type;
}
