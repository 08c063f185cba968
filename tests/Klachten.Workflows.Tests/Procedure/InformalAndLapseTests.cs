using static Klachten.Workflows.Tests.Procedure.Steps;

namespace Klachten.Workflows.Tests.Procedure;

/// <summary>
/// The informal steps (the employee, then the manager), the written complaint that follows when they fail, and the
/// two-year lapse: at registration and at the written complaint.
/// </summary>
public sealed class InformalAndLapseTests
{
    private static readonly DateOnly Registered = new(2026, 12, 21);

    [Fact]
    public void Informal_ResolvedByTheEmployee()
    {
        var driver = Informal(employee: "medewerker1");
        Assert.Equal("medewerker1", driver.OpenTasks[TalkWithEmployee].Assignee);

        driver.Complete(TalkWithEmployee, "Opgelost");

        Assert.Equal([Task(Employee, TalkWithEmployee), Completed(TalkWithEmployee, "Opgelost"), Status("InformallyResolved")], driver.Log);
        FormalPathTests.AssertFinished(driver, "InformallyResolved");
        Assert.False(driver.Withdraw());
    }

    [Fact]
    public void Informal_NotResolvedByTheEmployee_ResolvedByTheManager()
    {
        var driver = Informal(employee: "medewerker1");

        driver.Complete(TalkWithEmployee, "Niet opgelost");
        Assert.Equal("leidinggevende1", driver.OpenTasks[ManagerResolves].Assignee);
        driver.Complete(ManagerResolves, "Opgelost");

        Assert.Equal(
        [
            Task(Employee, TalkWithEmployee), Completed(TalkWithEmployee, "Niet opgelost"),
            Task(Manager, ManagerResolves), Completed(ManagerResolves, "Opgelost"), Status("InformallyResolved"),
        ], driver.Log);
        FormalPathTests.AssertFinished(driver, "InformallyResolved");
    }

    [Fact]
    public void Informal_WithoutAConcernedEmployee_ResolvedByTheManager()
    {
        var driver = Informal(employee: null);

        driver.Complete(ManagerResolves, "Opgelost");

        Assert.Equal([Task(Manager, ManagerResolves), Completed(ManagerResolves, "Opgelost"), Status("InformallyResolved")], driver.Log);
        FormalPathTests.AssertFinished(driver, "InformallyResolved");
    }

    [Fact]
    public void Informal_NotResolved_WrittenComplaintStartsTheFormalStepsCountingFromItsDate()
    {
        var driver = Informal(employee: null);

        driver.Complete(ManagerResolves, "Niet opgelost");
        driver.AdvanceToMorningOf(new DateOnly(2027, 1, 11));
        Assert.True(driver.SubmitWritten(new DateOnly(2027, 1, 8), lapsed: false));
        driver.Complete(ConfirmReceipt, "Bevestigd").Complete(Contact, "Niet ingetrokken", ("contactnotitie", "n"));

        Assert.Equal(
        [
            Task(Manager, ManagerResolves), Completed(ManagerResolves, "Niet opgelost"),
            LetterToComplainant("UitlegSchriftelijkIndienen"),
            WrittenReceived(new DateOnly(2027, 1, 8)),
            Status("Received"),
            // From Friday 8 January: two weeks and ten working days both end on Friday 22 January.
            Task(Director, ConfirmReceipt, "2027-01-22"),
            Task(Director, Contact, "2027-01-22"),
            Completed(ConfirmReceipt, "Bevestigd"), LetterToComplainant("Ontvangstbevestiging", "leidinggevende"), Status("InConversation"),
            Completed(Contact, "Niet ingetrokken"),
            Task(Director, Submit, "2027-01-12"),
        ], driver.Log);
        Assert.Equal([Submit], driver.OpenTasks.Keys);
    }

    [Fact]
    public void Informal_WrittenComplaintMoreThanTwoYearsAfterTheEvent_NotAdmissible()
    {
        var driver = Informal(employee: null, hasRepresentative: true).Complete(ManagerResolves, "Niet opgelost");

        Assert.True(driver.SubmitWritten(Registered, lapsed: true));

        Assert.Equal(
        [
            Task(Manager, ManagerResolves), Completed(ManagerResolves, "Niet opgelost"),
            LetterToComplainant("UitlegSchriftelijkIndienen", "vertegenwoordiger"),
            WrittenReceived(Registered),
            Status("NotAdmissible"),
            LetterToComplainant("NietOntvankelijk", "vertegenwoordiger"),
        ], driver.Log);
        FormalPathTests.AssertFinished(driver, "NotAdmissible");
        Assert.False(driver.Withdraw());
    }

    [Theory]
    [InlineData("Formal", false)]
    [InlineData("Informal", false)]
    [InlineData("Formal", true)]
    public void LapsedAtRegistration_OnlyTheNotAdmissibleLetter(string stage, bool hasRepresentative)
    {
        var driver = new ProcedureDriver(FormalPathTests.Morning(Registered))
            .Start(stage, Registered, lapsed: true, concernedEmployee: "medewerker1", hasRepresentative: hasRepresentative);

        // The registration itself sets NotAdmissible; the procedure only writes the letter.
        Assert.Equal([hasRepresentative ? LetterToComplainant("NietOntvankelijk", "vertegenwoordiger") : LetterToComplainant("NietOntvankelijk")], driver.Log);
        FormalPathTests.AssertFinished(driver, status: null);
        Assert.False(driver.Withdraw());
        Assert.False(driver.SubmitWritten(Registered, lapsed: false));
    }

    [Fact]
    public void Formal_WrittenComplaintIsNotAwaited()
    {
        var driver = FormalPathTests.Started();

        Assert.False(driver.SubmitWritten(Registered, lapsed: false));
        Assert.Equal(2, driver.Log.Count);
    }

    private static ProcedureDriver Informal(string? employee, bool hasRepresentative = false) =>
        new ProcedureDriver(FormalPathTests.Morning(Registered))
            .Start("Informal", Registered, concernedEmployee: employee, hasRepresentative: hasRepresentative);
}
