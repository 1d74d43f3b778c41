using Schoolplein.Platform.Calendar;
using Xunit;

namespace Schoolplein.Platform.Tests.Calendar;

public sealed class CalendarFeedWriterTests
{
    private static readonly DateTimeOffset Stamp = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ZonedEventsReferToTheVTimezoneAndRepeatUntilIsInUtc()
    {
        var gym = new FeedEvent("gym@zon.schoolplein", "Gym", null, "Gymzaal",
            new EventSchedule(false, new(2027, 3, 19), new(2027, 3, 19), new(8, 45), new(9, 30), WeekDays.Friday, new(2027, 4, 9)),
            2, Stamp, Stamp, null);
        var text = CalendarFeedWriter.Write("De Zon", "Europe/Amsterdam", [gym]);
        Assert.Contains("BEGIN:VTIMEZONE", text);
        Assert.Contains("TZID:Europe/Amsterdam", text);
        Assert.Contains("DTSTART;TZID=Europe/Amsterdam:20270319T084500", text);
        Assert.Contains("RRULE:FREQ=WEEKLY;UNTIL=20270409T064500Z;BYDAY=FR", text);
        Assert.Contains("SEQUENCE:2", text);
        Assert.Contains("UID:gym@zon.schoolplein", text);
        Assert.Contains("LAST-MODIFIED:20261128T120000Z", text);
    }

    [Fact]
    public void AllDayEventsAreDatesWithAnExclusiveEnd()
    {
        var camp = new FeedEvent("kamp@zon.schoolplein", "Kamp", null, null,
            new EventSchedule(true, new(2027, 6, 2), new(2027, 6, 4), null, null), 0, Stamp, Stamp, null);
        var text = CalendarFeedWriter.Write("De Zon", "Europe/Amsterdam", [camp]);
        Assert.Contains("DTSTART;VALUE=DATE:20270602", text);
        Assert.Contains("DTEND;VALUE=DATE:20270605", text);
    }
}
