namespace Schoolplein.Platform.Calendar;

/// <summary>What makes an event valid. Returns resource keys (CalendarText) of the problems; empty when fine.</summary>
public static class EventRules
{
    public const int MaxRepeatDays = 400;
    public const int MaxCapacity = 1000;

    public static IReadOnlyList<string> Validate(string? title, EventSchedule s, int? capacity, TimeZoneInfo zone)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(title))
        {
            errors.Add("ErrorTitleRequired");
        }
        else if (title.Trim().Length > 200)
        {
            errors.Add("ErrorTitleTooLong");
        }
        if (!s.InSchoolDates)
        {
            // The checks below turn dates into instants, which a date at DateOnly's edge would overflow.
            errors.Add("ErrorDateOutOfRange");
            return errors;
        }
        if (!s.AllDay && (s.StartTime is null || s.EndTime is null))
        {
            errors.Add("ErrorTimesRequired");
        }
        else if (s.EndDate < s.StartDate)
        {
            errors.Add("ErrorEndBeforeStart");
        }
        else if (!s.AllDay && SchoolTime.ToInstant(s.EndDate, s.EndTime!.Value, zone) <= SchoolTime.ToInstant(s.StartDate, s.StartTime!.Value, zone))
        {
            errors.Add("ErrorEndBeforeStart");
        }
        if (s.RepeatDays != WeekDays.None)
        {
            if (s.RepeatUntil is not { } until)
            {
                errors.Add("ErrorRepeatUntilRequired");
            }
            else if (until <= s.StartDate)
            {
                errors.Add("ErrorRepeatUntilBeforeStart");
            }
            else if (until.DayNumber - s.StartDate.DayNumber > MaxRepeatDays)
            {
                errors.Add("ErrorRepeatTooLong");
            }
            if (!s.RepeatDays.Includes(s.StartDate.DayOfWeek))
            {
                errors.Add("ErrorRepeatStartDay");
            }
            if (s.ExtraDays >= 7)
            {
                errors.Add("ErrorRepeatMultiWeek");
            }
        }
        if (capacity is { } places && (places < 1 || places > MaxCapacity))
        {
            errors.Add("ErrorCapacity");
        }
        return errors;
    }
}
