namespace Klachten.Workflows.Definitions;

/// <summary>Type names of the activities this server knows, as Elsa 3 names the standard ones.</summary>
public static class ActivityTypes
{
    /// <summary>The flowchart container.</summary>
    public const string Flowchart = "Elsa.Flowchart";

    /// <summary>Marks where a flowchart starts.</summary>
    public const string Start = "Elsa.Start";

    /// <summary>Ends the workflow.</summary>
    public const string Finish = "Elsa.Finish";

    /// <summary>Ends the current branch.</summary>
    public const string End = "Elsa.End";

    /// <summary>Writes a line to the journal (and console in Elsa).</summary>
    public const string WriteLine = "Elsa.WriteLine";

    /// <summary>Sets a workflow variable.</summary>
    public const string SetVariable = "Elsa.SetVariable";

    /// <summary>Two-way branch on a condition.</summary>
    public const string FlowDecision = "Elsa.FlowDecision";

    /// <summary>Runs several branches.</summary>
    public const string FlowFork = "Elsa.FlowFork";

    /// <summary>Joins branches (WaitAll or WaitAny).</summary>
    public const string FlowJoin = "Elsa.FlowJoin";

    /// <summary>Faults the workflow with a message.</summary>
    public const string Fault = "Elsa.Fault";

    /// <summary>Waits for a time span.</summary>
    public const string Delay = "Elsa.Delay";

    /// <summary>Waits until an instant.</summary>
    public const string StartAt = "Elsa.StartAt";

    /// <summary>Recurring timer.</summary>
    public const string Timer = "Elsa.Timer";

    /// <summary>Sets the correlation id.</summary>
    public const string Correlate = "Elsa.Correlate";

    /// <summary>Waits for a named event.</summary>
    public const string Event = "Elsa.Event";

    /// <summary>A task for a person in a role.</summary>
    public const string HumanTask = "Klachten.HumanTask";

    /// <summary>A legal term: a timer whose due instant is counted on the Dutch calendar.</summary>
    public const string Term = "Klachten.Term";

    /// <summary>Sets the status of the complaint the instance belongs to.</summary>
    public const string SetComplaintStatus = "Klachten.SetComplaintStatus";

    /// <summary>Requests a letter from the notification service.</summary>
    public const string SendLetter = "Klachten.SendLetter";
}
