using System.Globalization;
using System.Text;
using Klachten.Contracts;
using Klachten.Server.Features.Complaints;

namespace Klachten.Server.Features.Web;

/// <summary>
/// The figures the regulation's owner reports per year: complaints received, per category, per status and per
/// outcome, the share of terms met, and the average lead time (receipt to closing) of the cases closed. Pure, so the
/// numbers are tested without a server.
/// </summary>
internal sealed record AnnualFigures(
    int Year,
    int Received,
    IReadOnlyList<(string Key, int Count)> PerCategory,
    IReadOnlyList<(string Key, int Count)> PerStatus,
    IReadOnlyList<(string Key, int Count)> PerOutcome,
    int TermsJudged,
    int TermsMet,
    int Closed,
    double? AverageLeadTimeDays)
{
    internal sealed record CaseRow(Guid Id, string Category, ComplaintStatus Status, DateOnly ReceivedOn, DateOnly? ClosedOn, string? Advice);

    /// <summary>A term: met when completed before it expired; missed when completed late or still open after expiry.</summary>
    internal sealed record TermRow(Guid CaseId, Persistence.HumanTaskStatus TaskStatus, DateTimeOffset? ExpiresAt, DateTimeOffset? CompletedAt);

    /// <summary>The complaints whose data the figures contain (those received in the year).</summary>
    public IReadOnlyList<Guid> CaseIds { get; init; } = [];

    public double? TermsMetPercentage => TermsJudged == 0 ? null : Math.Round(100.0 * TermsMet / TermsJudged, 1);

    public static AnnualFigures Compute(int year, IEnumerable<CaseRow> cases, IEnumerable<TermRow> terms, DateTimeOffset now)
    {
        var ofYear = cases.Where(c => c.ReceivedOn.Year == year).ToList();
        var ids = ofYear.Select(c => c.Id).ToHashSet();
        var judged = terms.Where(t => ids.Contains(t.CaseId) && t.ExpiresAt is not null)
            .Select(t => t.TaskStatus switch
            {
                Persistence.HumanTaskStatus.Completed => (bool?)(t.CompletedAt < t.ExpiresAt),
                Persistence.HumanTaskStatus.Open when now >= t.ExpiresAt => false,
                _ => null,
            })
            .OfType<bool>()
            .ToList();
        var closed = ofYear.Where(c => c.ClosedOn is not null).ToList();
        return new AnnualFigures(
            year,
            ofYear.Count,
            Count(ofYear, c => DutchLabels.Category(c.Category), DutchLabels.Categories.Select(x => x.Text)),
            Count(ofYear, c => DutchLabels.Status(c.Status), DutchLabels.Statuses.Select(s => s.Text)),
            Count(closed, Outcome, []),
            judged.Count,
            judged.Count(met => met),
            closed.Count,
            closed.Count == 0 ? null : Math.Round(closed.Average(c => c.ClosedOn!.Value.DayNumber - c.ReceivedOn.DayNumber), 1))
        {
            CaseIds = [.. ofYear.Select(c => c.Id)],
        };
    }

    /// <summary>Semicolon-separated with decimal commas and a byte-order mark: opens as columns in Dutch Excel.</summary>
    public string ToCsv()
    {
        var csv = new StringBuilder();
        void Row(string part, string key, string value) => csv.Append(Cell(part)).Append(';').Append(Cell(key)).Append(';').Append(value).Append("\r\n");
        Row("Onderdeel", "Categorie", "Waarde");
        Row("Jaar", "", Year.ToString(CultureInfo.InvariantCulture));
        Row("Ontvangen", "Totaal", Received.ToString(CultureInfo.InvariantCulture));
        foreach (var (key, count) in PerCategory)
        {
            Row("Per categorie", key, count.ToString(CultureInfo.InvariantCulture));
        }

        foreach (var (key, count) in PerStatus)
        {
            Row("Per status", key, count.ToString(CultureInfo.InvariantCulture));
        }

        foreach (var (key, count) in PerOutcome)
        {
            Row("Per uitkomst", key, count.ToString(CultureInfo.InvariantCulture));
        }

        Row("Termijnen", "Beoordeeld", TermsJudged.ToString(CultureInfo.InvariantCulture));
        Row("Termijnen", "Gehaald", TermsMet.ToString(CultureInfo.InvariantCulture));
        Row("Termijnen", "Gehaald (%)", Decimal(TermsMetPercentage));
        Row("Doorlooptijd", "Afgesloten klachten", Closed.ToString(CultureInfo.InvariantCulture));
        Row("Doorlooptijd", "Gemiddeld (kalenderdagen)", Decimal(AverageLeadTimeDays));
        return csv.ToString();
    }

    private static string Outcome(CaseRow c) => c.Advice is { Length: > 0 } advice ? $"{DutchLabels.Status(c.Status)}: {advice}" : DutchLabels.Status(c.Status);

    // Every known key is listed (also with 0), then any other value that occurs, so year-on-year files line up.
    private static List<(string Key, int Count)> Count(IEnumerable<CaseRow> rows, Func<CaseRow, string> key, IEnumerable<string> known)
    {
        var counts = rows.GroupBy(key).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var keys = known.Concat(counts.Keys.Order(StringComparer.Ordinal)).Distinct(StringComparer.Ordinal);
        return [.. keys.Select(k => (k, counts.GetValueOrDefault(k)))];
    }

    private static string Decimal(double? value) => value?.ToString("0.0", WebText.Dutch) ?? "";

    private static string Cell(string text) =>
        text.IndexOfAny([';', '"', '\n', '\r']) >= 0 ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;
}
