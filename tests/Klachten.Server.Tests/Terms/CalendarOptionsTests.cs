using Klachten.Server.Common;
using Klachten.Server.Features.Terms;
using Klachten.Workflows.Terms;

namespace Klachten.Server.Tests.Terms;

public sealed class CalendarOptionsTests
{
    [Fact]
    public void ToSettings_ValidClosureDay_BecomesNamedHoliday()
    {
        var options = new CalendarOptions { IncludeBevrijdingsdag = false, ExtraClosedDays = [new() { Date = "2027-05-07", Name = " Vrijdag na Hemelvaartsdag " }] };

        var settings = options.ToSettings();

        Assert.False(settings.IncludeBevrijdingsdag);
        Assert.Equal([new Holiday(new DateOnly(2027, 5, 7), "Vrijdag na Hemelvaartsdag")], settings.ExtraClosedDays);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("7-5-2027")]
    [InlineData("2027-02-30")]
    public void ToSettings_BadDate_FailsStartNamingTheKey(string? date)
    {
        var options = new CalendarOptions { ExtraClosedDays = [new() { Date = "2027-05-07", Name = "a" }, new() { Date = date, Name = "b" }] };

        var exception = Assert.Throws<StartupException>(options.ToSettings);

        Assert.Contains("Klachten:Calendar:ExtraClosedDays:1:Date", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToSettings_MissingName_FailsStartNamingTheKey()
    {
        var options = new CalendarOptions { ExtraClosedDays = [new() { Date = "2027-05-07" }] };

        var exception = Assert.Throws<StartupException>(options.ToSettings);

        Assert.Contains("Klachten:Calendar:ExtraClosedDays:0:Name", exception.Message, StringComparison.Ordinal);
    }
}
