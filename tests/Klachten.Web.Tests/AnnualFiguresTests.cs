using Klachten.Contracts;
using Klachten.Server.Features.Web;
using Klachten.Server.Persistence;

namespace Klachten.Web.Tests;

/// <summary>The annual figures and their CSV, without a server.</summary>
public sealed class AnnualFiguresTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.FromHours(1));
    private static readonly Guid A = Guid.NewGuid(), B = Guid.NewGuid(), C = Guid.NewGuid(), D = Guid.NewGuid();

    private static readonly AnnualFigures.CaseRow[] Cases =
    [
        new(A, "Treatment", ComplaintStatus.Decided, new DateOnly(2026, 3, 2), new DateOnly(2026, 4, 11), "Gegrond"),
        new(B, "Discrimination", ComplaintStatus.Withdrawn, new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 21), null),
        new(C, "Treatment", ComplaintStatus.WithCommittee, new DateOnly(2026, 11, 2), null, null),
        new(D, "ServiceEffects", ComplaintStatus.Decided, new DateOnly(2025, 12, 1), new DateOnly(2026, 1, 15), "Ongegrond"),
    ];

    private static readonly AnnualFigures.TermRow[] Terms =
    [
        new(A, HumanTaskStatus.Completed, At(2026, 3, 10), At(2026, 3, 5)),
        new(A, HumanTaskStatus.Completed, At(2026, 3, 20), At(2026, 3, 25)),
        new(B, HumanTaskStatus.Cancelled, At(2026, 5, 30), null),
        new(C, HumanTaskStatus.Open, At(2026, 11, 20), null),
        new(C, HumanTaskStatus.Open, At(2026, 12, 20), null),
        new(D, HumanTaskStatus.Completed, At(2025, 12, 10), At(2025, 12, 2)),
    ];

    [Fact]
    public void Compute_YearOfCases_CountsOnlyComplaintsReceivedThatYear()
    {
        var figures = AnnualFigures.Compute(2026, Cases, Terms, Now);

        Assert.Equal(3, figures.Received);
        Assert.Equal([("Bejegening door een medewerker", 2), ("Effecten van de dienstverlening", 0), ("Discriminatie", 1)], figures.PerCategory);
        Assert.Contains(("Besloten", 1), figures.PerStatus);
        Assert.Contains(("Bij de Klachtencommissie", 1), figures.PerStatus);
        Assert.Equal([("Besloten: Gegrond", 1), ("Ingetrokken", 1)], figures.PerOutcome);
    }

    [Fact]
    public void Compute_Terms_MetBeforeExpiryMissedLateOrOverdueCancelledNotJudged()
    {
        var figures = AnnualFigures.Compute(2026, Cases, Terms, Now);

        // A: one in time, one late; C: one open past expiry (missed), one open and still running (not judged).
        Assert.Equal(3, figures.TermsJudged);
        Assert.Equal(1, figures.TermsMet);
        Assert.Equal(33.3, figures.TermsMetPercentage);
    }

    [Fact]
    public void Compute_LeadTime_AveragesCalendarDaysOfClosedCases()
    {
        var figures = AnnualFigures.Compute(2026, Cases, Terms, Now);

        Assert.Equal(2, figures.Closed);
        Assert.Equal(30.0, figures.AverageLeadTimeDays); // 40 and 20 days
    }

    [Fact]
    public void ToCsv_Figures_SemicolonsDecimalCommasEveryKnownCategory()
    {
        var csv = AnnualFigures.Compute(2026, Cases, Terms, Now).ToCsv();
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("Onderdeel;Categorie;Waarde", lines[0]);
        Assert.Contains("Jaar;;2026", lines);
        Assert.Contains("Ontvangen;Totaal;3", lines);
        Assert.Contains("Per categorie;Effecten van de dienstverlening;0", lines);
        Assert.Contains("Per uitkomst;Besloten: Gegrond;1", lines);
        Assert.Contains("Termijnen;Gehaald (%);33,3", lines);
        Assert.Contains("Doorlooptijd;Gemiddeld (kalenderdagen);30,0", lines);
    }

    [Fact]
    public void Compute_EmptyYear_NoPercentagesAndEmptyCells()
    {
        var figures = AnnualFigures.Compute(2020, Cases, Terms, Now);

        Assert.Equal(0, figures.Received);
        Assert.Null(figures.TermsMetPercentage);
        Assert.Null(figures.AverageLeadTimeDays);
        Assert.Contains("Termijnen;Gehaald (%);\r\n", figures.ToCsv(), StringComparison.Ordinal);
    }

    private static DateTimeOffset At(int year, int month, int day) => new(year, month, day, 0, 0, 0, TimeSpan.FromHours(1));
}
