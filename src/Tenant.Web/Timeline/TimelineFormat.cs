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

    /// <summary>
    /// When an event takes place, in the school's time zone and the reader's language: "13:00–14:00" within one day,
    /// "wo 9 dec 09:00 – vr 11 dec 15:00" over several days (hours alone would read as every day's hours),
    /// <paramref name="allDay"/> for one whole day and "wo 9 – vr 11 dec" for several whole days.
    /// <paramref name="span"/> joins the two ends ("{0} – {1}", from the feature's resources).
    /// </summary>
    public static string EventTimes(Schoolplein.Platform.Calendar.EventOccurrence e, TimeZoneInfo zone, string allDay, string span)
    {
        if (e.AllDay)
        {
            if (e.LastDay <= e.Day)
            {
                return allDay;
            }
            // The month once when both days are in it: "wo 9 – vr 11 dec"; else both: "ma 28 dec – vr 1 jan".
            var first = e.Day.Month == e.LastDay.Month && e.Day.Year == e.LastDay.Year
                ? e.Day.ToString("ddd d", CultureInfo.CurrentCulture)
                : DateText.Compact(e.Day);
            return string.Format(CultureInfo.CurrentCulture, span, first, DateText.Compact(e.LastDay));
        }
        var start = TimeZoneInfo.ConvertTime(e.Start, zone).DateTime;
        var end = TimeZoneInfo.ConvertTime(e.End, zone).DateTime;
        // An evening until midnight ends on its own day ("20:00–00:00").
        var lastDay = end.TimeOfDay == TimeSpan.Zero && end > start ? end.Date.AddDays(-1) : end.Date;
        if (lastDay <= start.Date)
        {
            return $"{DateText.Time(start)}–{DateText.Time(end)}";
        }
        return string.Format(CultureInfo.CurrentCulture, span,
            $"{DateText.Compact(DateOnly.FromDateTime(start))} {DateText.Time(start)}",
            $"{DateText.Compact(DateOnly.FromDateTime(end))} {DateText.Time(end)}");
    }

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
