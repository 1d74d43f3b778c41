using Ical.Net;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using IcalEvent = Ical.Net.CalendarComponents.CalendarEvent;

namespace Schoolplein.Platform.Calendar;

/// <summary>One event of a feed or an .ics attachment, already visible to the reader.</summary>
public sealed record FeedEvent(
    string Uid,
    string Title,
    string? Description,
    string? Location,
    EventSchedule Schedule,
    int Sequence,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    Uri? Url,
    bool Cancelled = false,
    string? Category = null,
    IReadOnlyList<DateOnly>? SkippedDays = null);

/// <summary>
/// Writes iCalendar text with Ical.Net: a VTIMEZONE for the school's zone, times as local
/// times with TZID (so repeating events keep their wall-clock time across DST), all-day
/// events as DATE values, stable UIDs, and SEQUENCE/LAST-MODIFIED so updates are taken.
/// </summary>
public static class CalendarFeedWriter
{
    public const string ContentType = "text/calendar; charset=utf-8";

    public static string Write(string calendarName, string timeZoneId, IEnumerable<FeedEvent> events, string method = "PUBLISH")
    {
        // A feed is polled by calendar apps that stop syncing on an error, so one bad row must not
        // break it: an item with a date outside the school-date window (stored before forms refused
        // such dates: a closure "until 9999-12-31") is left out rather than written or thrown on.
        var items = events.Where(e => e.Schedule.InSchoolDates).ToList();
        var calendar = new Ical.Net.Calendar { ProductId = "-//Schoolplein//Agenda//NL", Method = method };
        calendar.AddProperty("X-WR-CALNAME", calendarName);
        calendar.AddProperty("X-WR-TIMEZONE", timeZoneId);
        // Suggested refresh for clients that honour it (Apple, Outlook); Google decides itself.
        calendar.AddProperty("REFRESH-INTERVAL;VALUE=DURATION", "PT4H");
        calendar.AddProperty("X-PUBLISHED-TTL", "PT4H");
        var earliest = items.Count == 0 ? new DateTime(2020, 1, 1) : items.Min(e => e.Schedule.StartDate).AddDays(-1).ToDateTime(TimeOnly.MinValue);
        calendar.AddTimeZone(timeZoneId, earliest, includeHistoricalData: false);
        foreach (var item in items)
        {
            calendar.Events.Add(ToIcal(item, timeZoneId));
        }
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    private static IcalEvent ToIcal(FeedEvent item, string timeZoneId)
    {
        var s = item.Schedule;
        var ev = new IcalEvent
        {
            Uid = item.Uid,
            Summary = item.Title,
            Description = item.Description,
            Location = item.Location,
            Sequence = item.Sequence,
            DtStamp = Utc(item.UpdatedAt),
            LastModified = Utc(item.UpdatedAt),
            Created = Utc(item.CreatedAt),
            Url = item.Url,
            Transparency = s.AllDay ? "TRANSPARENT" : "OPAQUE",
        };
        if (item.Cancelled)
        {
            ev.Status = "CANCELLED";
        }
        if (item.Category is not null)
        {
            ev.Categories = [item.Category];
        }
        if (s.AllDay)
        {
            ev.DtStart = new CalDateTime(s.StartDate);
            ev.DtEnd = new CalDateTime(s.EndDate.AddDays(1));
        }
        else
        {
            ev.DtStart = new CalDateTime(s.StartDate, s.StartTime, timeZoneId);
            ev.DtEnd = new CalDateTime(s.EndDate, s.EndTime, timeZoneId);
        }
        if (s.Repeats)
        {
            var rule = new RecurrencePattern(FrequencyType.Weekly)
            {
                ByDay = s.RepeatDays.Days().Select(d => new WeekDay(d)).ToList(),
                // RFC 5545: UNTIL is a DATE for DATE starts and a UTC time for zoned starts.
                Until = s.AllDay
                    ? new CalDateTime(s.RepeatUntil!.Value)
                    : Utc(SchoolTime.ToInstant(s.RepeatUntil!.Value, s.StartTime!.Value, TimeZoneInfo.FindSystemTimeZoneById(timeZoneId))),
            };
            ev.RecurrenceRule = rule;
            // EXDATE takes the value type (and zone) of DTSTART, or calendar apps ignore it.
            foreach (var day in item.SkippedDays ?? [])
            {
                ev.ExceptionDates.Add(s.AllDay ? new CalDateTime(day) : new CalDateTime(day, s.StartTime, timeZoneId));
            }
        }
        return ev;
    }

    private static CalDateTime Utc(DateTimeOffset instant) =>
        new(DateTime.SpecifyKind(instant.UtcDateTime.AddTicks(-(instant.UtcDateTime.Ticks % TimeSpan.TicksPerSecond)), DateTimeKind.Utc), "UTC", true);
}
