using Schoolplein.Platform.SchoolCalendar;

namespace Schoolplein.Platform.Calendar;

/// <summary>When an event happens: one occurrence, or weekly on some days until a date. Pure data, no database.</summary>
public sealed record EventSchedule(
    bool AllDay, DateOnly StartDate, DateOnly EndDate, TimeOnly? StartTime, TimeOnly? EndTime,
    WeekDays RepeatDays = WeekDays.None, DateOnly? RepeatUntil = null)
{
    public bool Repeats => RepeatDays != WeekDays.None && RepeatUntil is not null;

    /// <summary>Days the (first) occurrence spans beyond its first day.</summary>
    public int ExtraDays => EndDate.DayNumber - StartDate.DayNumber;

    public DateOnly LastDate => Repeats ? RepeatUntil!.Value.AddDays(ExtraDays) : EndDate;

    /// <summary>Every date of the schedule lies in the <see cref="SchoolDates"/> window (checked before saving; stored ones outside it are skipped).</summary>
    public bool InSchoolDates =>
        SchoolDates.InRange(StartDate) && SchoolDates.InRange(EndDate) && SchoolDates.EmptyOrInRange(RepeatUntil);

    public static EventSchedule Of(CalendarEvent e) =>
        new(e.AllDay, e.StartDate, e.EndDate, e.StartTime, e.EndTime, e.RepeatDays, e.RepeatUntil);

    /// <summary>The instants of the occurrence that starts on <paramref name="day"/>; all-day events run from local midnight to the midnight after their last day.</summary>
    public (DateTimeOffset Start, DateTimeOffset End) InstantsOn(DateOnly day, TimeZoneInfo zone)
    {
        var lastDay = day.AddDays(ExtraDays);
        return AllDay
            ? (SchoolTime.StartOfDay(day, zone), SchoolTime.StartOfDay(lastDay.AddDays(1), zone))
            : (SchoolTime.ToInstant(day, StartTime!.Value, zone), SchoolTime.ToInstant(lastDay, EndTime!.Value, zone));
    }

    /// <summary>
    /// The days occurrences start on, in order, that overlap [<paramref name="from"/>, <paramref name="to"/>]
    /// (local days, inclusive). The first occurrence is always the start date itself, also when it is
    /// not one of the repeat days (as iCalendar counts DTSTART).
    /// </summary>
    public IEnumerable<DateOnly> OccurrenceDays(DateOnly from, DateOnly to)
    {
        if (StartDate.AddDays(ExtraDays) >= from && StartDate <= to)
        {
            yield return StartDate;
        }
        if (!Repeats)
        {
            yield break;
        }
        var first = from.AddDays(-ExtraDays);
        if (first <= StartDate)
        {
            first = StartDate.AddDays(1);
        }
        var last = RepeatUntil!.Value < to ? RepeatUntil.Value : to;
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            if (RepeatDays.Includes(day.DayOfWeek))
            {
                yield return day;
            }
        }
    }
}
