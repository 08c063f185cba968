using Klachten.Workflows.Definitions;

namespace Klachten.Workflows.Runtime.Activities;

/// <summary>Sets the complaint's status; the host applies it to the case in the same transaction.</summary>
internal sealed class SetComplaintStatusActivity : IActivityBehavior
{
    public const string Type = "Klachten.SetComplaintStatus";

    /// <summary>Complaint statuses (the contract's list).</summary>
    private static readonly IReadOnlyList<(string Value, string Text)> Statuses =
    [
        ("Informal", "Informeel"),
        ("Received", "Ontvangen"),
        ("InConversation", "In gesprek"),
        ("Withdrawn", "Ingetrokken"),
        ("WithCommittee", "Bij de klachtencommissie"),
        ("AwaitingDecision", "Wacht op besluit"),
        ("Decided", "Besloten"),
        ("NotAdmissible", "Niet-ontvankelijk"),
        ("InformallyResolved", "Opgelost in de informele fase"),
    ];

    public ActivityTypeInfo Descriptor { get; } = new(Type, "Klachten", "Status klacht", "Zet de status van de klacht (bijvoorbeeld WithCommittee).")
    {
        Inputs =
        [
            new("Status", "String", "Status", "De nieuwe status van de klacht.", "dropdown", Statuses),
            new("Note", "String", "Toelichting", "De regel in de tijdlijn van de klacht."),
        ],
    };

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
