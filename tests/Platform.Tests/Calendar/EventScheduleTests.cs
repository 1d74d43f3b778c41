using Schoolplein.Platform.Calendar;
using Xunit;

namespace Schoolplein.Platform.Tests.Calendar;

public sealed class EventScheduleTests
{
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    [Fact]
    public void AWeeklyEventKeepsItsWallClockTimeAcrossTheSpringDstSwitch()
    {
        // Fridays 08:45; clocks go forward on Sunday 28 March 2027.
        var gym = new EventSchedule(false, new(2027, 3, 19), new(2027, 3, 19), new(8, 45), new(9, 30), WeekDays.Friday, new(2027, 4, 2));
        var days = gym.OccurrenceDays(new(2027, 3, 1), new(2027, 4, 30)).ToList();
        Assert.Equal([new(2027, 3, 19), new(2027, 3, 26), new DateOnly(2027, 4, 2)], days);
        Assert.Equal(new DateTimeOffset(2027, 3, 26, 7, 45, 0, TimeSpan.Zero), gym.InstantsOn(days[1], Amsterdam).Start);
        Assert.Equal(new DateTimeOffset(2027, 4, 2, 6, 45, 0, TimeSpan.Zero), gym.InstantsOn(days[2], Amsterdam).Start);
    }

    [Fact]
    public void EverySchoolDayOfAWeekRepeatsMondayToFridayOnly()
    {
        var week = new EventSchedule(true, new(2027, 1, 11), new(2027, 1, 11), null, null, WeekDays.SchoolDays, new(2027, 1, 17));
        Assert.Equal(5, week.OccurrenceDays(new(2027, 1, 1), new(2027, 1, 31)).Count());
        Assert.Equal(new DateOnly(2027, 1, 17), week.LastDate);
    }

    [Fact]
    public void AMultiDayEventOverlappingTheRangeIsIncludedOnce()
    {
        var camp = new EventSchedule(true, new(2027, 5, 30), new(2027, 6, 2), null, null);
        Assert.Equal([new DateOnly(2027, 5, 30)], camp.OccurrenceDays(new(2027, 6, 1), new(2027, 6, 30)));
        var (start, end) = camp.InstantsOn(new(2027, 5, 30), Amsterdam);
        Assert.Equal(new DateTimeOffset(2027, 5, 29, 22, 0, 0, TimeSpan.Zero), start);
        Assert.Equal(new DateTimeOffset(2027, 6, 2, 22, 0, 0, TimeSpan.Zero), end);
    }

    [Fact]
    public void ATimeInTheSpringGapMovesForwardAndAnAutumnTimeThatOccursTwiceIsTheFirst()
    {
        Assert.Equal(new DateTimeOffset(2027, 3, 28, 1, 30, 0, TimeSpan.Zero), SchoolTime.ToInstant(new(2027, 3, 28), new(2, 30), Amsterdam));
        Assert.Equal(new DateTimeOffset(2027, 10, 31, 0, 30, 0, TimeSpan.Zero), SchoolTime.ToInstant(new(2027, 10, 31), new(2, 30), Amsterdam));
    }

    [Fact]
    public void AnEventEndingBeforeItStartsIsRejected()
    {
        var backwards = new EventSchedule(false, new(2027, 2, 1), new(2027, 2, 1), new(10, 0), new(9, 0));
        Assert.Contains("ErrorEndBeforeStart", Keys(EventRules.Validate("Ouderavond", backwards, null, Amsterdam)));
        var daysBackwards = new EventSchedule(true, new(2027, 2, 3), new(2027, 2, 1), null, null);
        Assert.Contains("ErrorEndBeforeStart", Keys(EventRules.Validate("Kamp", daysBackwards, null, Amsterdam)));
    }

    [Fact]
    public void RepeatRulesAreChecked()
    {
        var notOnStartDay = new EventSchedule(false, new(2027, 2, 1), new(2027, 2, 1), new(9, 0), new(10, 0), WeekDays.Tuesday, new(2027, 3, 1));
        Assert.Contains("ErrorRepeatStartDay", Keys(EventRules.Validate("Gym", notOnStartDay, null, Amsterdam)));
        var noEnd = new EventSchedule(false, new(2027, 2, 2), new(2027, 2, 2), new(9, 0), new(10, 0), WeekDays.Tuesday, null);
        Assert.Contains("ErrorRepeatUntilRequired", Keys(EventRules.Validate("Gym", noEnd, null, Amsterdam)));
        var fine = new EventSchedule(false, new(2027, 2, 2), new(2027, 2, 2), new(9, 0), new(10, 0), WeekDays.Tuesday, new(2027, 7, 1));
        Assert.Empty(Keys(EventRules.Validate("Gym", fine, 6, Amsterdam)));
        Assert.Contains("ErrorCapacity", Keys(EventRules.Validate("Gym", fine, 0, Amsterdam)));
    }

    private static List<string> Keys(IEnumerable<Problem> problems) => problems.Select(p => p.Key).ToList();
}
