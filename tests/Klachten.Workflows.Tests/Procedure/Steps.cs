using System.Globalization;
using Klachten.Contracts;

namespace Klachten.Workflows.Tests.Procedure;

/// <summary>
/// One line per effect or driver action, so a whole path is asserted as one list and a failure shows the difference.
/// Titles, roles and letter kinds are the procedure's own (workflows/klachtenprocedure.json).
/// </summary>
internal static class Steps
{
    public const string TalkWithEmployee = "Bespreek de klacht met de klant";
    public const string ManagerResolves = "Los de klacht op als leidinggevende";
    public const string ConfirmReceipt = "Bevestig de ontvangst van de klacht schriftelijk";
    public const string Contact = "Neem contact op met de klager";
    public const string Submit = "Leg de klacht met rapportage voor aan de Klachtencommissie";
    public const string Advice = "Breng bindend advies uit";
    public const string ExtendedAdvice = "Breng bindend advies uit (verlengde termijn)";
    public const string Decision = "Deel het besluit schriftelijk mee";

    public const string Director = "directeur";
    public const string Committee = "klachtencommissie";
    public const string Employee = "medewerker";
    public const string Manager = "leidinggevende";

    public const string WithdrawalReceived = "event: klacht ingetrokken";

    public static string Task(string role, string title, DateOnly? due) =>
        due is { } day ? $"task [{role}] {title} (due {Iso(day)})" : $"task [{role}] {title} (no term)";

    public static string Task(string role, string title) => Task(role, title, (DateOnly?)null);

    public static string Task(string role, string title, string due) => Task(role, title, DateOnly.Parse(due, CultureInfo.InvariantCulture));

    public static string Letter(string kind, IEnumerable<string> recipients, IEnumerable<string> copyTo) =>
        $"letter {kind} to {string.Join(",", recipients)} cc {string.Join(",", copyTo)}";

    /// <summary>A letter to the complainant alone, with the given copies.</summary>
    public static string LetterToComplainant(string kind, params string[] copyTo) => Letter(kind, ["klager"], copyTo);

    public static string Status(string status) => $"status {status}";

    /// <summary>The term of a task due on <paramref name="due"/> passed at 00:00 Amsterdam time the day after.</summary>
    public static string Overrun(string role, string title, string due) =>
        Overrun(role, title, AmsterdamTime.StartOfDay(DateOnly.Parse(due, CultureInfo.InvariantCulture).AddDays(1)));

    public static string Overrun(string role, string title, DateTimeOffset expiresAt) =>
        $"overrun [{role}] {title} at {AmsterdamTime.Local(expiresAt).ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture)}";

    public static string Withdrawn(string title) => $"task withdrawn: {title}";

    public static string Completed(string title, string outcome) => $"done: {title} -> {outcome}";

    public static string WrittenReceived(DateOnly receivedOn) => $"event: schriftelijke klacht ontvangen {Iso(receivedOn)}";

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
