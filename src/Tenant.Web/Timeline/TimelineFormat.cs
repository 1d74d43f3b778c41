using System.Globalization;
using Schoolplein.Platform.Localization;

namespace Schoolplein.Tenant.Web.Timeline;

/// <summary>A post card as a partial shows it: the post and what the viewer may do with it.</summary>
public sealed record PostCardView(Schoolplein.Platform.Timeline.PostCard Post, bool Full, bool CanManage, bool CommentsOn, string ReturnUrl, bool IsNew = false);

public static class TimelineFormat
{
    /// <summary>"dinsdag 3 maart, 14:05" in the school's time zone and the reader's language.</summary>
    public static string When(DateTimeOffset at, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        return DateText.DayWithYearAndTime(local.DateTime);
    }

    /// <summary>The month on an event's date badge: "dec", "mrt" (no abbreviation dot: the badge is no sentence).</summary>
    public static string MonthBadge(DateOnly day) =>
        day.ToString("MMM", CultureInfo.CurrentCulture).TrimEnd('.');

    /// <summary>An event's hours in the school's time zone ("13:00–14:00"), or <paramref name="allDay"/> for an all-day event.</summary>
    public static string Hours(Schoolplein.Platform.Calendar.EventOccurrence e, TimeZoneInfo zone, string allDay) =>
        e.AllDay ? allDay : $"{DateText.Time(TimeZoneInfo.ConvertTime(e.Start, zone).DateTime)}–{DateText.Time(TimeZoneInfo.ConvertTime(e.End, zone).DateTime)}";

    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{bytes / 1024.0:0} kB",
        _ => $"{bytes / (1024.0 * 1024):0.0} MB",
    };
}

/// <summary>The page-wide form the cards' like buttons submit (Timeline/_LikeForm.cshtml).</summary>
public static class LikeForm
{
    public const string Id = "likes";
}
