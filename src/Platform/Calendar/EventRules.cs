using Schoolplein.Platform.SchoolCalendar;

namespace Schoolplein.Platform.Calendar;

/// <summary>What makes an event valid. Returns the problems (CalendarText keys); empty when fine.</summary>
public static class EventRules
{
    public const int MaxRepeatDays = 400;
    public const int MaxCapacity = 1000;

    public static IReadOnlyList<Problem> Validate(string? title, EventSchedule s, int? capacity, TimeZoneInfo zone)
    {
        var problems = new List<Problem>();
        if (string.IsNullOrWhiteSpace(title))
        {
            problems.Add(new Problem("ErrorTitleRequired"));
        }
        else if (title.Trim().Length > 200)
        {
            problems.Add(new Problem("ErrorTitleTooLong"));
        }
        if (!s.InSchoolDates)
        {
            // The checks below turn dates into instants, which a date at DateOnly's edge would overflow.
            problems.Add(new Problem("ErrorDateOutOfRange", SchoolDates.MessageArgs));
            return problems;
        }
        if (!s.AllDay && (s.StartTime is null || s.EndTime is null))
        {
            problems.Add(new Problem("ErrorTimesRequired"));
        }
        else if (s.EndDate < s.StartDate)
        {
            problems.Add(new Problem("ErrorEndBeforeStart"));
        }
        else if (!s.AllDay && SchoolTime.ToInstant(s.EndDate, s.EndTime!.Value, zone) <= SchoolTime.ToInstant(s.StartDate, s.StartTime!.Value, zone))
        {
            problems.Add(new Problem("ErrorEndBeforeStart"));
        }
        if (s.RepeatDays != WeekDays.None)
        {
            if (s.RepeatUntil is not { } until)
            {
                problems.Add(new Problem("ErrorRepeatUntilRequired"));
            }
            else if (until <= s.StartDate)
            {
                problems.Add(new Problem("ErrorRepeatUntilBeforeStart"));
            }
            else if (until.DayNumber - s.StartDate.DayNumber > MaxRepeatDays)
            {
                problems.Add(new Problem("ErrorRepeatTooLong"));
            }
            if (!s.RepeatDays.Includes(s.StartDate.DayOfWeek))
            {
                problems.Add(new Problem("ErrorRepeatStartDay"));
            }
            if (s.ExtraDays >= 7)
            {
                problems.Add(new Problem("ErrorRepeatMultiWeek"));
            }
        }
        if (capacity is { } places && (places < 1 || places > MaxCapacity))
        {
            problems.Add(new Problem("ErrorCapacity"));
        }
        return problems;
    }
}
