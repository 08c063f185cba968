using static Klachten.Workflows.Tests.Procedure.Steps;

namespace Klachten.Workflows.Tests.Procedure;

/// <summary>
/// Withdrawal at every point the procedure listens for it (the event beside the steps, and the contact task's outcome):
/// status Withdrawn, the receipt confirmation still sent when a formal complaint's receipt was not confirmed yet, the
/// withdrawal letter, every open task withdrawn, and nothing left waiting.
/// </summary>
public sealed class WithdrawalTests
{
    private const string Formal = "formal: receipt and contact open";
    private const string AfterReceipt = "formal: receipt confirmed, contact open";
    private const string ContactBeforeReceipt = "contact task outcome Ingetrokken, receipt open";
    private const string ContactAfterReceipt = "contact task outcome Ingetrokken, receipt confirmed";
    private const string AtSubmission = "submission to the committee open";
    private const string WithCommittee = "with the committee";
    private const string WithCommitteeExtended = "with the committee, extended";
    private const string AtDecision = "decision open";
    private const string WithEmployee = "informal: with the employee";
    private const string WithManager = "informal: with the manager";
    private const string AwaitingWritten = "informal: awaiting the written complaint";
    private const string WrittenReceived = "informal: written complaint received, receipt open";

    private static readonly string ReceiptLetter = LetterToComplainant("Ontvangstbevestiging", "leidinggevende");
    private static readonly string WithdrawalLetter = LetterToComplainant("BevestigingIntrekking", "leidinggevende");

    private static readonly string[] AllPoints =
    [
        Formal, AfterReceipt, ContactBeforeReceipt, ContactAfterReceipt, AtSubmission, WithCommittee, WithCommitteeExtended,
        AtDecision, WithEmployee, WithManager, AwaitingWritten, WrittenReceived,
    ];

    public static TheoryData<string> Points() => new(AllPoints);

    [Theory]
    [MemberData(nameof(Points))]
    public void Withdrawn_AtEachPoint_LettersStatusAndEveryOpenTaskWithdrawn(string point)
    {
        var driver = ReachPoint(point);
        var open = driver.OpenTasks.Keys.Order(StringComparer.Ordinal).ToList();
        var before = driver.Log.Count;

        var receiptPending = point is Formal or ContactBeforeReceipt or WrittenReceived;
        if (point is ContactBeforeReceipt or ContactAfterReceipt)
        {
            driver.Complete(Contact, "Ingetrokken", ("contactnotitie", "Klager trekt de klacht in."));
            open.Remove(Contact);
        }
        else
        {
            Assert.True(driver.Withdraw());
        }

        var trigger = point is ContactBeforeReceipt or ContactAfterReceipt ? Completed(Contact, "Ingetrokken") : WithdrawalReceived;
        var after = driver.Log[before..];
        Assert.Equal(trigger, after[0]);

        // Every open task is withdrawn (some at once, the rest when the procedure ends); the status and letters in order.
        var withdrawn = after.Where(line => line.StartsWith("task withdrawn", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(open.Select(Withdrawn), withdrawn);
        Assert.Equal([Status("Withdrawn"), .. receiptPending ? new[] { ReceiptLetter } : [], WithdrawalLetter], after.Skip(1).Except(withdrawn));
        FormalPathTests.AssertFinished(driver, "Withdrawn");
        Assert.False(driver.Withdraw());
    }

    [Fact]
    public void Points_CoverEveryTaskTheWithdrawalCanInterrupt()
    {
        var interrupted = AllPoints.SelectMany(point => ReachPoint(point).OpenTasks.Keys).ToHashSet();

        Assert.Equal(
            new[] { Advice, ConfirmReceipt, Contact, Decision, ExtendedAdvice, ManagerResolves, Submit, TalkWithEmployee }.ToHashSet(),
            interrupted);
    }

    private static ProcedureDriver ReachPoint(string point)
    {
        var registered = new DateOnly(2026, 12, 21);
        var formal = FormalPathTests.Started();
        var informal = new ProcedureDriver(FormalPathTests.Morning(registered)).Start("Informal", registered, concernedEmployee: "medewerker1");
        return point switch
        {
            Formal or ContactBeforeReceipt => formal,
            AfterReceipt or ContactAfterReceipt => formal.Complete(ConfirmReceipt, "Bevestigd"),
            AtSubmission => formal.Complete(ConfirmReceipt, "Bevestigd").Complete(Contact, "Niet ingetrokken", ("contactnotitie", "n")),
            WithCommittee => FormalPathTests.AtCommittee(),
            WithCommitteeExtended => FormalPathTests.AtCommittee().Complete(Advice, "Verlengen", ("toelichting", "t")),
            AtDecision => FormalPathTests.AtCommittee().Complete(Advice, "Gegrond", ("toelichting", "t")),
            WithEmployee => informal,
            WithManager => informal.Complete(TalkWithEmployee, "Niet opgelost"),
            AwaitingWritten => informal.Complete(TalkWithEmployee, "Niet opgelost").Complete(ManagerResolves, "Niet opgelost"),
            WrittenReceived => WrittenComplaint(informal),
            _ => throw new ArgumentOutOfRangeException(nameof(point), point, null),
        };
    }

    private static ProcedureDriver WrittenComplaint(ProcedureDriver informal)
    {
        informal.Complete(TalkWithEmployee, "Niet opgelost").Complete(ManagerResolves, "Niet opgelost");
        Assert.True(informal.SubmitWritten(new DateOnly(2026, 12, 21), lapsed: false));
        return informal;
    }
}
