using Klachten.Contracts;

namespace Klachten.Notifications.Tests.Support;

public static class Letters
{
    public const string Complainant = "j.jansen@example.nl";
    public const string Manager = "p.devries@integratiewerk.example";

    public static string NewId() => "letter-" + Guid.NewGuid().ToString("N");

    public static Dictionary<string, string> FullFields() => new()
    {
        ["reference"] = "K-2026-0007",
        ["today"] = "25 november 2026",
        ["complainantName"] = "Jan Jansen",
        ["receivedOn"] = "24 november 2026",
        ["eventDate"] = "3 november 2026",
        ["category"] = "de bejegening door een medewerker",
        ["representativeName"] = "Mr. A. Bakker",
        ["due"] = "9 december 2026",
        ["explanation"] = "De termijn van 10 werkdagen na 25 november 2026 loopt tot en met 9 december 2026; het weekend telt niet mee.",
        ["task"] = "Neem contact op met de klager",
        ["outcome"] = "Deels gegrond",
        ["advice"] = "De commissie vindt dat de medewerker onvoldoende heeft uitgelegd waarom de afspraak verviel.",
        ["decision"] = "De directeur neemt het advies over en biedt u een nieuw gesprek aan.",
        ["reason"] = "De commissie wil eerst beide partijen horen.",
    };

    public static SendLetter Ontvangstbevestiging(string? id = null, params LetterRecipient[] recipients) => new(
        id ?? NewId(),
        Guid.NewGuid(),
        "K-2026-0007",
        "Ontvangstbevestiging",
        recipients.Length > 0 ? recipients : DefaultRecipients(),
        [],
        new Dictionary<string, string>
        {
            ["reference"] = "K-2026-0007",
            ["complainantName"] = "Jan Jansen",
            ["receivedOn"] = "24 november 2026",
            ["category"] = "de bejegening door een medewerker",
            ["due"] = "9 december 2026",
        },
        NotificationHost.Now);

    public static SendLetter Of(string kind, IReadOnlyDictionary<string, string> fields, IReadOnlyList<string>? attachments = null) => new(
        NewId(), Guid.NewGuid(), "K-2026-0007", kind, DefaultRecipients(), attachments ?? [], fields, NotificationHost.Now);

    public static LetterRecipient[] DefaultRecipients() =>
    [
        new("klager", "Jan Jansen", Complainant, "Dorpsstraat 1\n1234 AB Utrecht", IsCopy: false),
        new("leidinggevende", "Petra de Vries", Manager, null, IsCopy: true),
        new("vertegenwoordiger", "Mr. A. Bakker", null, "Postbus 10, 3500 AA Utrecht", IsCopy: true),
    ];
}
