using static Klachten.Workflows.Tests.Procedure.Steps;

namespace Klachten.Workflows.Tests.Procedure;

/// <summary>
/// The formal procedure on the engine alone: receipt and contact in parallel, the committee with and without its one
/// extension, the decision. Registered on Monday 21 December 2026, so terms run over Christmas and New Year.
/// </summary>
public sealed class FormalPathTests
{
    private static readonly DateOnly Registered = new(2026, 12, 21);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AllStepsOnTime_DecidedWithEveryLetterAndTermOnTheLegalCalendar(bool hasRepresentative)
    {
        string[] Cc(params string[] copies) => hasRepresentative ? [.. copies, "vertegenwoordiger"] : copies;
        var driver = Started(hasRepresentative);

        driver.Complete(ConfirmReceipt, "Bevestigd");
        driver.AdvanceToMorningOf(new DateOnly(2027, 1, 5));
        driver.Complete(Contact, "Niet ingetrokken", ("contactnotitie", "Gebeld; klager wil doorgaan."));
        driver.Complete(Submit, "Voorgelegd", ("rapportage", "Stappen tot nu toe."));
        driver.AdvanceToMorningOf(new DateOnly(2027, 1, 25));
        driver.Complete(Advice, "Deels gegrond", ("toelichting", "Advies."));
        driver.Complete(Decision, "Besluit verzonden", ("besluit", "Besluit."));

        Assert.Equal(
        [
            // Two weeks from Monday 21 Dec end on Monday 4 Jan; ten working days skip Christmas and New Year's Day.
            Task(Director, ConfirmReceipt, "2027-01-04"),
            Task(Director, Contact, "2027-01-06"),
            Completed(ConfirmReceipt, "Bevestigd"),
            Letter("Ontvangstbevestiging", ["klager"], Cc("leidinggevende")),
            Status("InConversation"),
            Completed(Contact, "Niet ingetrokken"),
            Task(Director, Submit, "2027-01-06"),
            Completed(Submit, "Voorgelegd"),
            Status("WithCommittee"),
            Letter("VoorgelegdAanCommissie", ["klager"], Cc()),
            Task(Committee, Advice, "2027-01-26"),
            Completed(Advice, "Deels gegrond"),
            Status("AwaitingDecision"),
            Task(Director, Decision, "2027-02-01"),
            Completed(Decision, "Besluit verzonden"),
            Status("Decided"),
            Letter("Besluit", ["klager", "leidinggevende"], Cc("klachtencommissie")),
        ], driver.Log);
        AssertFinished(driver, "Decided");
    }

    [Fact]
    public void AllStepsOnTime_NoTermOverrunsLaterAndNothingListensAnyMore()
    {
        var driver = Started();
        driver.Complete(ConfirmReceipt, "Bevestigd").Complete(Contact, "Niet ingetrokken", ("contactnotitie", "n"))
            .Complete(Submit, "Voorgelegd", ("rapportage", "r")).Complete(Advice, "Ongegrond", ("toelichting", "t"))
            .Complete(Decision, "Besluit verzonden", ("besluit", "b"));
        var lines = driver.Log.Count;

        driver.AdvanceToMorningOf(new DateOnly(2027, 12, 31));

        Assert.Equal(lines, driver.Log.Count);
        Assert.False(driver.Withdraw());
        AssertFinished(driver, "Decided");
    }

    [Theory]
    [InlineData(ConfirmReceipt, "Bevestigd", Contact, "Niet ingetrokken")]
    [InlineData(Contact, "Niet ingetrokken", ConfirmReceipt, "Bevestigd")]
    public void ReceiptAndContact_InEitherOrder_SubmissionOnlyAfterBoth(string first, string firstOutcome, string second, string secondOutcome)
    {
        var driver = Started();

        driver.Complete(first, firstOutcome, ("contactnotitie", "n"));
        Assert.Equal([second], driver.OpenTasks.Keys);
        Assert.Equal("Suspended", driver.State.SubStatus.ToString());
        driver.Complete(second, secondOutcome, ("contactnotitie", "n"));

        Assert.Equal([Submit], driver.OpenTasks.Keys);
        var afterStart = driver.Log.Skip(2).ToList();
        var receiptLines = new[] { Completed(ConfirmReceipt, "Bevestigd"), LetterToComplainant("Ontvangstbevestiging", "leidinggevende"), Status("InConversation") };
        var contactLines = new[] { Completed(Contact, "Niet ingetrokken") };
        Assert.Equal(
            first == ConfirmReceipt ? [.. receiptLines, .. contactLines, Task(Director, Submit, "2026-12-22")] : [.. contactLines, .. receiptLines, Task(Director, Submit, "2026-12-22")],
            afterStart);
    }

    [Theory]
    [InlineData("Gegrond")]
    [InlineData("Deels gegrond")]
    [InlineData("Ongegrond")]
    public void Committee_WithoutExtension_EachAdviceLeadsToTheDecision(string advice)
    {
        var driver = AtCommittee();

        driver.Complete(Advice, advice, ("toelichting", "t"));

        Assert.Equal([Completed(Advice, advice), Status("AwaitingDecision"), Task(Director, Decision, "2026-12-29")], driver.Log[^3..]);
        Assert.Equal([Decision], driver.OpenTasks.Keys);
    }

    [Theory]
    [InlineData("Gegrond")]
    [InlineData("Deels gegrond")]
    [InlineData("Ongegrond")]
    public void Committee_ExtendedOnce_SixWeeksFromSubmissionThenTheDecision(string advice)
    {
        var driver = AtCommittee();
        driver.AdvanceToMorningOf(new DateOnly(2027, 1, 8));

        driver.Complete(Advice, "Verlengen", ("toelichting", "Meer tijd nodig voor hoor en wederhoor."));
        driver.AdvanceToMorningOf(new DateOnly(2027, 1, 29));
        driver.Complete(ExtendedAdvice, advice, ("toelichting", "t"));
        driver.Complete(Decision, "Besluit verzonden", ("besluit", "b"));

        Assert.Equal(
        [
            Task(Committee, Advice, "2027-01-11"),
            Completed(Advice, "Verlengen"),
            LetterToComplainant("VerlengingAdviestermijn"),
            // Six weeks from the submission on 21 December, not from the extension.
            Task(Committee, ExtendedAdvice, "2027-02-01"),
            Completed(ExtendedAdvice, advice),
            Status("AwaitingDecision"),
            Task(Director, Decision, "2027-02-05"),
            Completed(Decision, "Besluit verzonden"),
            Status("Decided"),
            Letter("Besluit", ["klager", "leidinggevende"], ["klachtencommissie"]),
        ], driver.Log[driver.Log.IndexOf(Task(Committee, Advice, "2027-01-11"))..]);
        AssertFinished(driver, "Decided");
    }

    [Fact]
    public void Committee_SecondExtension_IsRefusedWithTheReasonAndChangesNothing()
    {
        var driver = AtCommittee().Complete(Advice, "Verlengen", ("toelichting", "t"));
        var extended = driver.OpenTasks[ExtendedAdvice];
        var lines = driver.Log.Count;

        var refused = Assert.Throws<RefusedOutcomeException>(() => driver.Complete(ExtendedAdvice, "Verlengen", ("toelichting", "t")));

        Assert.Equal("Verlengen", Assert.Single(extended.RefusedOutcomes!).Key);
        Assert.Contains("maar één verlenging", refused.Message, StringComparison.Ordinal);
        Assert.Equal(lines, driver.Log.Count);
        Assert.Equal([ExtendedAdvice], driver.OpenTasks.Keys);
        Assert.Null(AtCommittee().OpenTasks[Advice].RefusedOutcomes);
    }

    /// <summary>Registered as a formal complaint on Monday 21 December 2026 at 09:00 Amsterdam time.</summary>
    internal static ProcedureDriver Started(bool hasRepresentative = false) =>
        new ProcedureDriver(Morning(Registered)).Start("Formal", Registered, hasRepresentative: hasRepresentative);

    /// <summary>Receipt, contact and submission done on the registration day: the committee's advice is open.</summary>
    internal static ProcedureDriver AtCommittee() =>
        Started().Complete(ConfirmReceipt, "Bevestigd").Complete(Contact, "Niet ingetrokken", ("contactnotitie", "n"))
            .Complete(Submit, "Voorgelegd", ("rapportage", "r"));

    internal static DateTimeOffset Morning(DateOnly day) => Klachten.Contracts.AmsterdamTime.StartOfDay(day).AddHours(9);

    internal static void AssertFinished(ProcedureDriver driver, string? status)
    {
        Assert.Equal("Finished", driver.State.SubStatus.ToString());
        Assert.Empty(driver.State.Bookmarks);
        Assert.Empty(driver.OpenTasks);
        Assert.Equal(status, driver.LastStatus);
    }
}
