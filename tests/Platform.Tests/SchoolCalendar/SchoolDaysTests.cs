using Schoolplein.Platform.SchoolCalendar;
using Xunit;

using Schoolplein.Platform.Tests.Leave;

namespace Schoolplein.Platform.Tests.SchoolCalendar;

public sealed class SchoolDaysTests
{
    private static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);
    private static readonly SchoolDays Calendar = LeaveRulesTests.Calendar;

    [Theory]
    [InlineData("2026-11-30", true)]   // Monday
    [InlineData("2026-11-28", false)]  // Saturday
    [InlineData("2026-10-20", false)]  // herfstvakantie
    [InlineData("2027-02-19", false)]  // studiedag
    [InlineData("2026-08-31", true)]   // first day of the school year
    public void SchoolDaysAreWeekdaysOutsideClosures(string day, bool expected) =>
        Assert.Equal(expected, Calendar.IsSchoolDay(D(day)));

    [Theory]
    [InlineData("2026-12-18", "2027-01-04")] // Friday before the Christmas holiday
    [InlineData("2026-11-27", "2026-11-30")] // Friday
    [InlineData("2027-02-18", "2027-03-01")] // study day and holiday after it
    public void NextSchoolDaySkipsWeekendsAndClosures(string day, string expected) =>
        Assert.Equal(D(expected), Calendar.NextSchoolDay(D(day)));

    [Theory]
    [InlineData("2026-08-31", "2026-08-31")]
    [InlineData("2027-07-16", "2026-08-31")]
    [InlineData("2027-08-10", "2027-08-30")] // in the summer holiday: the coming school year
    [InlineData("2027-09-01", "2027-08-30")]
    public void TheSchoolYearStartsOnTheFirstSchoolDayAfterTheSummerHoliday(string day, string start) =>
        Assert.Equal(D(start), Calendar.SchoolYearStart(D(day)));

    [Fact]
    public void WithoutASummerHolidayTheSchoolYearIsUnknownAndKeyedOnTheFirstOfAugust()
    {
        var empty = new SchoolDays([]);
        Assert.Null(empty.SchoolYearStart(D("2027-03-01")));
        Assert.Null(empty.InFirstTwoWeeks(D("2027-03-01")));
        Assert.Equal(D("2026-08-01"), empty.SchoolYearKey(D("2027-03-01")));
        Assert.Equal(D("2027-08-01"), empty.SchoolYearKey(D("2027-08-01")));
    }

    [Fact]
    public void CountIsInclusiveAndZeroForAnEmptyRange()
    {
        Assert.Equal(1, Calendar.Count(D("2026-11-30"), D("2026-11-30")));
        Assert.Equal(5, Calendar.Count(D("2026-11-30"), D("2026-12-06")));
        Assert.Equal(0, Calendar.Count(D("2026-12-06"), D("2026-11-30")));
    }
}

public sealed class AbsenceStatisticsTests
{
    private static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void WeeksCountChildDaysOnSchoolDaysOnly()
    {
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        Absence.AbsencePeriod[] periods =
        [
            new(a, D("2026-10-12"), D("2026-10-21")), // into the herfstvakantie: only 12-16 October count
            new(b, D("2026-10-15"), null),            // until better: counts up to the last day asked
        ];
        var weeks = Absence.AbsenceStatistics.PerWeek(periods, LeaveRulesTests.Calendar, D("2026-10-28"), 3);
        Assert.Equal([D("2026-10-12"), D("2026-10-19"), D("2026-10-26")], weeks.Select(w => w.Monday));
        Assert.Equal([5 + 2, 0, 3], weeks.Select(w => w.ChildDays));
    }

    [Fact]
    public void MondayOfASundayIsTheMondayBefore() =>
        Assert.Equal(D("2026-11-23"), Absence.AbsenceStatistics.MondayOf(D("2026-11-29")));
}

public sealed class OfficeHoursTests
{
    private static readonly TimeOnly Eight = new(8, 0);
    private static readonly TimeOnly Four = new(16, 0);

    [Theory]
    [InlineData("2026-11-30 10:00", null)]                   // Monday, open
    [InlineData("2026-11-30 07:59", "2026-11-30 08:00")]     // before opening
    [InlineData("2026-11-30 16:00", "2026-12-01 08:00")]     // closing time is closed
    [InlineData("2026-12-04 17:30", "2026-12-07 08:00")]     // Friday evening: Monday
    [InlineData("2026-12-18 17:30", "2027-01-04 08:00")]     // before the Christmas holiday
    [InlineData("2026-12-23 10:00", "2027-01-04 08:00")]     // in the holiday
    public void OutsideOfficeHoursTheNextOpeningOnASchoolDayIsGiven(string now, string? expected)
    {
        var at = DateTime.ParseExact(now, "yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        var next = Questions.OfficeHours.NextOpening(at, Eight, Four, LeaveRulesTests.Calendar);
        Assert.Equal(expected, next?.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void WithoutOfficeHoursThereIsNoNotice() =>
        Assert.Null(Questions.OfficeHours.NextOpening(new DateTime(2026, 11, 28, 23, 0, 0), null, null, LeaveRulesTests.Calendar));
}
