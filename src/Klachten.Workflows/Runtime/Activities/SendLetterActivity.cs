using Klachten.Workflows.Definitions;

namespace Klachten.Workflows.Runtime.Activities;

/// <summary>Requests a letter with a stable id; the host turns it into a message to the notification service.</summary>
internal sealed class SendLetterActivity : IActivityBehavior
{
    public const string Type = "Klachten.SendLetter";

    public ActivityTypeInfo Descriptor { get; } = new(Type, "Klachten", "Brief versturen", "Vraagt een brief aan bij de notificatiedienst.")
    {
        Inputs =
        [
            new("LetterKind", "String", "Soort brief", "Het briefsjabloon, bijvoorbeeld Ontvangstbevestiging."),
            new("Recipients", "String[]", "Ontvangers", "Wie de brief krijgt, bijvoorbeeld klager.", "multitext"),
            new("CopyTo", "String[]", "Kopie aan", "Wie een kopie krijgt.", "multitext"),
            new("Attachments", "String[]", "Bijlagen", "Bijlagen bij de brief.", "multitext"),
        ],
    };

    public ActivityResult Execute(ActivityContext context)
    {
        var kind = context.GetString("letterKind") ?? context.GetString("template");
        if (string.IsNullOrWhiteSpace(kind))
        {
            return ActivityResult.Fault("Een brief heeft een soort (letterKind) nodig.");
        }

        context.AddEffect(new RequestLetter(context.StableId("letter"), context.Activity.Id!, kind,
            context.GetStrings("recipients"), context.GetStrings("copyTo"), context.GetStrings("attachments")));
        context.JournalPayload["letterKind"] = kind;
        return ActivityResult.Done;
    }
}
