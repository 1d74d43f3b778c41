using System.Globalization;

namespace Schoolplein.Platform.Localization;

/// <summary>
/// The date and time formats of the school app and its mails, one per context, in the current
/// culture (or the one given):
/// <list type="bullet">
/// <item>in a sentence or heading: "maandag 7 december" (<see cref="Day"/>), with the year when the
/// date may lie in another year (<see cref="DayWithYear"/>), with a time (<see cref="DayAndTime"/>);</item>
/// <item>in a table or list column: "7-12-2026" (<see cref="Short"/>);</item>
/// <item>on a compact label (day tabs, chart axes, the agenda list): "ma 7 dec" (<see cref="Compact"/>);</item>
/// <item>a month heading: "december 2026" (<see cref="Month"/>); a time: "15:10" (<see cref="Time(DateTime)"/>);</item>
/// <item>ISO 8601 only in machine fields (form values, datetime attributes, exports): <see cref="Iso"/>.</item>
/// </list>
/// Resource texts that format a date themselves use one of the sentence patterns below.
/// </summary>
public static class DateText
{
    public const string SentencePattern = "dddd d MMMM";
    public const string SentenceWithYearPattern = "dddd d MMMM yyyy";
    public const string SentenceWithTimePattern = "dddd d MMMM HH:mm";
    public const string CompactPattern = "ddd d MMM";
    public const string MonthPattern = "MMMM yyyy";
    public const string TimePattern = "HH:mm";
    public const string IsoPattern = "yyyy-MM-dd";

    /// <summary>In a sentence: "maandag 7 december" / "Monday 7 December".</summary>
    public static string Day(DateOnly day, CultureInfo? culture = null) =>
        day.ToString(SentencePattern, culture ?? CultureInfo.CurrentCulture);

    /// <summary>In a sentence, with the year: "maandag 7 december 2026" (for days that may lie in another year).</summary>
    public static string DayWithYear(DateOnly day, CultureInfo? culture = null) =>
        day.ToString(SentenceWithYearPattern, culture ?? CultureInfo.CurrentCulture);

    /// <summary>In a sentence, a day and a time: "maandag 7 december 15:10".</summary>
    public static string DayAndTime(DateTime local, CultureInfo? culture = null) =>
        local.ToString(SentenceWithTimePattern, culture ?? CultureInfo.CurrentCulture);

    /// <summary>In a sentence, a day with its year and a time: "maandag 7 december 2026, 15:10".</summary>
    public static string DayWithYearAndTime(DateTime local, CultureInfo? culture = null) =>
        $"{DayWithYear(DateOnly.FromDateTime(local), culture)}, {Time(local)}";

    /// <summary>In a table or list column: "7-12-2026" (Dutch), "7/12/2026" (English).</summary>
    public static string Short(DateOnly day, CultureInfo? culture = null)
    {
        var c = culture ?? CultureInfo.CurrentCulture;
        return day.ToString(c.TwoLetterISOLanguageName == "nl" ? "d-M-yyyy" : "d/M/yyyy", c);
    }

    /// <summary>In a table or list column, with a time: "7-12-2026 15:10".</summary>
    public static string ShortWithTime(DateTime local, CultureInfo? culture = null) =>
        $"{Short(DateOnly.FromDateTime(local), culture)} {Time(local)}";

    /// <summary>On a compact label: "ma 7 dec" / "Mon 7 Dec".</summary>
    public static string Compact(DateOnly day, CultureInfo? culture = null) =>
        day.ToString(CompactPattern, culture ?? CultureInfo.CurrentCulture);

    /// <summary>A month heading: "december 2026".</summary>
    public static string Month(DateOnly day, CultureInfo? culture = null) =>
        day.ToString(MonthPattern, culture ?? CultureInfo.CurrentCulture);

    /// <summary>A clock time: "15:10".</summary>
    public static string Time(DateTime local) => local.ToString(TimePattern, CultureInfo.InvariantCulture);

    /// <summary>A clock time: "15:10".</summary>
    public static string Time(TimeOnly time) => time.ToString(TimePattern, CultureInfo.InvariantCulture);

    /// <summary>Machine fields only (form values, datetime attributes, exports): "2026-12-07".</summary>
    public static string Iso(DateOnly day) => day.ToString(IsoPattern, CultureInfo.InvariantCulture);
}
