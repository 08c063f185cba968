using System.Globalization;
using System.Text.Json.Nodes;
using Klachten.Workflows.Definitions;
using Klachten.Workflows.Expressions;
using Klachten.Workflows.Terms;

namespace Klachten.Workflows.Runtime.Activities;

/// <summary>Sets the complaint's status; the host applies it to the case in the same transaction.</summary>
internal sealed class SetComplaintStatusActivity : IActivityBehavior
{
    public string TypeName => ActivityTypes.SetComplaintStatus;

    public ActivityResult Execute(ActivityContext context)
    {
        var status = context.GetString("status");
        if (string.IsNullOrWhiteSpace(status))
        {
            return ActivityResult.Fault("Status klacht heeft geen status.");
        }

        context.AddEffect(new SetCaseStatus(status, context.GetString("note")));
        context.JournalPayload["status"] = status;
        return ActivityResult.Done;
    }
}
