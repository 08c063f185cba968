using Klachten.Workflows.Definitions;

namespace Klachten.Workflows.Runtime.Activities;

/// <summary>Sends an e-mail through the notification service, in the step's transaction (outbox), once.</summary>
internal sealed class SendEmailActivity : IActivityBehavior
{
    public const string Type = "Elsa.SendEmail";

    public ActivityTypeInfo Descriptor { get; } = new(Type, "Email", "E-mail versturen", "Verstuurt een e-mail via de notificatiedienst.")
    {
        Inputs =
        [
            new("From", "String", "Van (antwoordadres)", "Antwoorden gaan naar dit adres; de afzender is altijd die van de organisatie."),
            new("To", "String[]", "Aan", "De ontvangers.", "multitext"),
            new("Cc", "String[]", "Cc", "Ontvangers in kopie.", "multitext"),
            new("Bcc", "String[]", "Bcc", "Ontvangers in blinde kopie.", "multitext"),
            new("Subject", "String", "Onderwerp", "Het onderwerp."),
            new("Body", "String", "Tekst", "De tekst van de e-mail.", "multiline"),
        ],
    };

    public ActivityResult Execute(ActivityContext context)
    {
        var to = context.GetStrings("to");
        var cc = context.GetStrings("cc");
        var bcc = context.GetStrings("bcc");
        if (to.Count + cc.Count + bcc.Count == 0)
        {
            return ActivityResult.Fault("SendEmail heeft geen ontvanger (To, Cc of Bcc).");
        }

        var from = context.GetString("from");
        context.AddEffect(new EmailRequested(context.StableId("email"), to, cc, bcc, string.IsNullOrWhiteSpace(from) ? null : from,
            context.GetString("subject") ?? string.Empty, context.GetString("body") ?? string.Empty));
        return ActivityResult.Done;
    }
}
