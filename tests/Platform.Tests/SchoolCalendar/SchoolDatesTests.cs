using Schoolplein.Platform.Calendar;
using Schoolplein.Platform.SchoolCalendar;
using Xunit;

namespace Schoolplein.Platform.Tests.SchoolCalendar;

/// <summary>The school-date window and the day arithmetic that must not throw at DateOnly's ends (issue 14, part 2).</summary>
public sealed class SchoolDatesTests
{
    [Theory]
    [InlineData("2026-12-07", true)]
    [InlineData("2000-01-01", true)]
    [InlineData("2100-12-31", true)]
    [InlineData("1999-12-31", false)]
    [InlineData("2101-01-01", false)]
    [InlineData("0001-01-01", false)]
    [InlineData("9999-12-31", false)]
    [InlineData("0000-00-00", false)]
    [InlineData("2026-02-30", false)]
    [InlineData("10 maart", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void OnlyIsoDatesInsideTheWindowParse(string? text, bool parses) =>
        Assert.Equal(parses, SchoolDates.Parse(text) is not null);

    [Theory]
    [InlineData("2026-12", "2026-12-01")]
    [InlineData("9999-12", null)]
    [InlineData("0001-01", null)]
    [InlineData("2026-13", null)]
    [InlineData("2026-12-01", null)]
    public void MonthsParseToTheirFirstDayInsideTheWindow(string text, string? first) =>
        Assert.Equal(first is null ? null : DateOnly.Parse(first, System.Globalization.CultureInfo.InvariantCulture), SchoolDates.ParseMonth(text));

    [Fact]
    public void AddingDaysStopsAtTheEndsOfDateOnly()
    {
        Assert.Equal(DateOnly.MaxValue, SchoolDates.AddDaysSafe(DateOnly.MaxValue, 400));
        Assert.Equal(DateOnly.MinValue, SchoolDates.AddDaysSafe(DateOnly.MinValue, -400));
        Assert.Equal(DateOnly.MaxValue, SchoolDates.AddDaysSafe(DateOnly.MinValue, int.MaxValue));
        Assert.Equal(new DateOnly(2027, 1, 4), SchoolDates.AddDaysSafe(new DateOnly(2026, 12, 31), 4));
    }

    [Fact]
    public void SchoolDaysAnswerNearTheEndsOfDateOnly()
    {
        var days = new SchoolDays([]);
        Assert.Equal(DateOnly.MaxValue, days.NextSchoolDay(DateOnly.MaxValue));
        Assert.Equal(DateOnly.MaxValue, days.NextSchoolDay(DateOnly.MaxValue.AddDays(-1))); // Thursday, then Friday 9999-12-31
        Assert.Equal(2, days.Count(DateOnly.MaxValue.AddDays(-1), DateOnly.MaxValue));
    }

    [Fact]
    public void AClosureOutsideTheWindowIsLeftOut()
    {
        // Stored before forms refused it: "zomervakantie until 9999-12-31" would close the school for good.
        var days = new SchoolDays([
            new Closure(new DateOnly(2026, 7, 18), DateOnly.MaxValue, ClosureKind.SummerHoliday, "Typfout"),
            new Closure(new DateOnly(2026, 10, 17), new DateOnly(2026, 10, 25), ClosureKind.Holiday, "Herfstvakantie"),
        ]);
        Assert.True(days.IsSchoolDay(new DateOnly(2026, 12, 7)));
        Assert.False(days.IsSchoolDay(new DateOnly(2026, 10, 19)));
        Assert.Null(days.SchoolYearStart(new DateOnly(2026, 12, 7)));
        Assert.Equal(new DateOnly(2026, 12, 8), days.NextSchoolDay(new DateOnly(2026, 12, 7)));
    }

    [Fact]
    public void AFeedLeavesOutItemsOutsideTheWindowAndKeepsTheRest()
    {
        var stamp = new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
        var broken = new FeedEvent("closure-1@zon.schoolplein", "Kerstvakantie", null, null,
            new EventSchedule(true, new DateOnly(2026, 12, 19), DateOnly.MaxValue, null, null), 0, stamp, stamp, null);
        var ancient = new FeedEvent("event-2@zon.schoolplein", "Oud", null, null,
            new EventSchedule(false, DateOnly.MinValue, DateOnly.MinValue, new TimeOnly(0, 0), new TimeOnly(1, 0)), 0, stamp, stamp, null);
        var fine = new FeedEvent("event-3@zon.schoolplein", "Kerstviering", null, "Aula",
            new EventSchedule(false, new DateOnly(2026, 12, 17), new DateOnly(2026, 12, 17), new TimeOnly(17, 0), new TimeOnly(18, 30)), 0, stamp, stamp, null);
        var text = CalendarFeedWriter.Write("De Zon", "Europe/Amsterdam", [broken, ancient, fine]);
        Assert.Contains("SUMMARY:Kerstviering", text);
        Assert.DoesNotContain("Kerstvakantie", text);
        Assert.DoesNotContain("SUMMARY:Oud", text);
    }
}
