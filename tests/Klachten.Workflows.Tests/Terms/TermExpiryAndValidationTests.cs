using System.Globalization;
using Klachten.Contracts;
using Klachten.Workflows.Terms;
using static Klachten.Workflows.Tests.Terms.DutchHolidaysTests;

namespace Klachten.Workflows.Tests.Terms;

public sealed class TermExpiryAndValidationTests
{
    private static readonly TermCalculator Calculator = new(new LegalCalendar(new CalendarSettings()));

    [Theory]
    [InlineData("2026-03-26", "2026-03-28T00:00:00.0000000+01:00")]
    [InlineData("2026-03-27", "2026-03-31T00:00:00.0000000+02:00")]
    [InlineData("2026-10-22", "2026-10-24T00:00:00.0000000+02:00")]
    [InlineData("2026-10-23", "2026-10-27T00:00:00.0000000+01:00")]
    public void Compute_AroundDaylightSavingChange_ExpiresAtAmsterdamMidnightWithOffsetOfThatDay(string start, string expected)
    {
        var result = Calculator.Compute(Date(start), 1, TermUnit.WorkingDays);

        Assert.Equal(expected, result.ExpiresAt.ToString("O", CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Compute_Winter_ExpiresAtIsUtcMidnightMinusOneHour()
    {
        var result = Calculator.Compute(Date("2026-12-23"), 10, TermUnit.WorkingDays);

        Assert.Equal(new DateTime(2027, 1, 8, 23, 0, 0, DateTimeKind.Utc), result.ExpiresAt.UtcDateTime);
    }

    [Fact]
    public void Compute_Result_EchoesStartAmountAndUnit()
    {
        var result = Calculator.Compute(Date("2026-11-25"), 2, TermUnit.Weeks);

        Assert.Equal((Date("2026-11-25"), 2, TermUnit.Weeks), (result.Start, result.Amount, result.Unit));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(367)]
    [InlineData(int.MinValue)]
    [InlineData(int.MaxValue)]
    public void Compute_AmountOutside1To366_ThrowsArgumentOutOfRange(int amount)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Calculator.Compute(Date("2026-06-01"), amount, TermUnit.CalendarDays));
    }

    [Theory]
    [InlineData(TermUnit.CalendarDays, "2027-06-02")]
    [InlineData(TermUnit.Weeks, "2033-06-07")] // 6 June 2033 is Tweede Pinksterdag
    [InlineData(TermUnit.WorkingDays, "2027-11-05")]
    public void Compute_Amount366_Accepted(TermUnit unit, string expectedDue)
    {
        Assert.Equal(Date(expectedDue), Calculator.Compute(Date("2026-06-01"), 366, unit).Due);
    }

    [Fact]
    public void Compute_UnknownUnit_ThrowsArgumentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Calculator.Compute(Date("2026-06-01"), 1, (TermUnit)99));
    }

    [Theory]
    [InlineData("2026-03-29T00:59:00Z")]
    [InlineData("2026-03-29T01:00:00Z")]
    [InlineData("2026-10-25T00:59:00Z")]
    [InlineData("2026-10-25T01:00:00Z")]
    [InlineData("2031-07-01T12:00:00Z")]
    [InlineData("2031-12-01T12:00:00Z")]
    public void EuropeanRule_WithoutTimeZoneData_MatchesSystemAmsterdamOffsets(string instant)
    {
        var utc = DateTime.Parse(instant, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
        var system = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

        Assert.Equal(system.GetUtcOffset(utc), AmsterdamTime.EuropeanRule().GetUtcOffset(utc));
    }
}
