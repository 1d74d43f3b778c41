using Schoolplein.Platform.SchoolCalendar;

namespace Schoolplein.Platform.Calendar;

/// <summary>
/// When an event happens: one occurrence, or weekly on some days until a date. Pure data, no
/// database. Repeats skip the school's closures (holidays, study days) unless
/// <paramref name="RepeatInClosures"/>; the first occurrence is the author's own choice and always stays.
/// </summary>
public sealed record EventSchedule(
    bool AllDay, DateOnly StartDate, DateOnly EndDate, TimeOnly? StartTime, TimeOnly? EndTime,
    WeekDays RepeatDays = WeekDays.None, DateOnly? RepeatUntil = null, bool RepeatInClosures = false)
{
    public bool Repeats => RepeatDays != WeekDays.None && RepeatUntil is not null;

    /// <summary>Days the (first) occurrence spans beyond its first day.</summary>
    public int ExtraDays => EndDate.DayNumber - StartDate.DayNumber;

    public DateOnly LastDate => Repeats ? RepeatUntil!.Value.AddDays(ExtraDays) : EndDate;

    /// <summary>Every date of the schedule lies in the <see cref="SchoolDates"/> window (checked before saving; stored ones outside it are skipped).</summary>
    public bool InSchoolDates =>
        SchoolDates.InRange(StartDate) && SchoolDates.InRange(EndDate) && SchoolDates.EmptyOrInRange(RepeatUntil);

    public static EventSchedule Of(CalendarEvent e) =>
        new(e.AllDay, e.StartDate, e.EndDate, e.StartTime, e.EndTime, e.RepeatDays, e.RepeatUntil, e.RepeatsInClosures);

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
    /// not one of the repeat days (as iCalendar counts DTSTART). With <paramref name="schoolDays"/>,
    /// repeats that start on a closed day are left out unless <see cref="RepeatInClosures"/>.
    /// </summary>
    public IEnumerable<DateOnly> OccurrenceDays(DateOnly from, DateOnly to, SchoolCalendar.SchoolDays? schoolDays = null)
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
            if (RepeatDays.Includes(day.DayOfWeek) && !Skips(day, schoolDays))
            {
                yield return day;
            }
        }
    }

    /// <summary>
    /// The repeats left out because the school is closed on their first day: the EXDATEs of the
    /// iCalendar rule, which itself knows nothing of closures.
    /// </summary>
    public IEnumerable<DateOnly> SkippedDays(SchoolCalendar.SchoolDays schoolDays) =>
        Repeats && !RepeatInClosures
            ? OccurrenceDays(StartDate, RepeatUntil!.Value).Skip(1).Where(day => schoolDays.ClosureOn(day) is not null)
            : [];

    private bool Skips(DateOnly day, SchoolCalendar.SchoolDays? schoolDays) =>
        !RepeatInClosures && schoolDays?.ClosureOn(day) is not null;
}
