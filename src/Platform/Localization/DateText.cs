using System.Globalization;

namespace Schoolplein.Platform.Localization;

/// <summary>
/// The date and time formats of the school app and its mails, one per context, in the current
/// culture: in a sentence "maandag 7 december" (with the year only when it is needed to be clear),
/// in a table or list "7-12-2026", and ISO 8601 only in machine fields (form values, datetime
/// attributes, file names). Times are "15:10" in every language the app speaks.
/// </summary>
public static class DateText
{
    /// <summary>In a sentence: "maandag 7 december" / "Monday 7 December".</summary>
    public static string Day(DateOnly day, CultureInfo? culture = null) =>
        day.ToString("dddd d MMMM", culture ?? CultureInfo.CurrentCulture);

    /// <summary>In a sentence, with the year: "maandag 7 december 2026" (for days that may lie in another year).</summary>
    public static string DayWithYear(DateOnly day, CultureInfo? culture = null) =>
        day.ToString("dddd d MMMM yyyy", culture ?? CultureInfo.CurrentCulture);

    /// <summary>In a sentence, a day and time: "maandag 7 december 15:10".</summary>
    public static string DayAndTime(DateTime local, CultureInfo? culture = null) =>
        $"{Day(DateOnly.FromDateTime(local), culture)} {Time(local)}";

    /// <summary>In a table or list: "7-12-2026" (Dutch), "7/12/2026" (English).</summary>
    public static string Short(DateOnly day, CultureInfo? culture = null)
    {
        var c = culture ?? CultureInfo.CurrentCulture;
        return day.ToString(c.TwoLetterISOLanguageName == "nl" ? "d-M-yyyy" : "d/M/yyyy", c);
    }

    /// <summary>A clock time: "15:10".</summary>
    public static string Time(DateTime local) => local.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A clock time: "15:10".</summary>
    public static string Time(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Machine fields only (form values, datetime attributes): "2026-12-07".</summary>
    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
