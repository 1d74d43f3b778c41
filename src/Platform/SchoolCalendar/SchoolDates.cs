using System.Globalization;

namespace Schoolplein.Platform.SchoolCalendar;

/// <summary>
/// The window every school date lies in: 1 January 2000 to 31 December 2100. Wide enough for any
/// school year, a birth date or an archive; narrow enough that a day plus or minus a few years
/// (the school-day lookups, a calendar grid, the iCal writer's DATE end) never leaves
/// <see cref="DateOnly"/>, whose MinValue and MaxValue make AddDays and AddMonths throw.
/// Every form that takes a date refuses one outside it with a clear message; the calendar, the feed
/// and the school-day lookups skip stored dates outside it (data from before this check, direct inserts).
/// </summary>
public static class SchoolDates
{
    public static readonly DateOnly Earliest = new(2000, 1, 1);
    public static readonly DateOnly Latest = new(2100, 12, 31);

    /// <summary>The years of the window, for messages ("tussen 2000 en 2100").</summary>
    public static object[] MessageArgs => [Earliest.Year, Latest.Year];

    public static bool InRange(DateOnly day) => day >= Earliest && day <= Latest;

    /// <summary>An empty optional date, or one inside the window.</summary>
    public static bool EmptyOrInRange(DateOnly? day) => day is not { } d || InRange(d);

    /// <summary>True when the instant's UTC date lies in the window (at its far edges a school's own date is the same or a day off).</summary>
    public static bool InRange(DateTimeOffset instant) => InRange(DateOnly.FromDateTime(instant.UtcDateTime));

    /// <summary>"yyyy-MM-dd" (what date inputs send) inside the window; null for anything else.</summary>
    public static DateOnly? Parse(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && InRange(day)
            ? day : null;

    /// <summary>The first day of a "yyyy-MM" month inside the window; null for anything else.</summary>
    public static DateOnly? ParseMonth(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && InRange(day)
            ? day : null;

    /// <summary>
    /// <paramref name="day"/> plus <paramref name="days"/>, stopping at DateOnly's ends instead of
    /// throwing: for lookups around a day ("closures a year either side") that must not fail on a
    /// stored date at the edge.
    /// </summary>
    public static DateOnly AddDaysSafe(DateOnly day, int days)
    {
        var number = (long)day.DayNumber + days;
        return number <= DateOnly.MinValue.DayNumber ? DateOnly.MinValue
            : number >= DateOnly.MaxValue.DayNumber ? DateOnly.MaxValue
            : DateOnly.FromDayNumber((int)number);
    }
}
