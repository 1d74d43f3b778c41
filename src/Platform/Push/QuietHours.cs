namespace Schoolplein.Platform.Push;

/// <summary>
/// Quiet hours of a school (default 21:00–07:00 in the school's time zone): a non-urgent push
/// written then is held until the end of the quiet hours.
/// </summary>
public static class QuietHours
{
    public static readonly TimeOnly DefaultStart = new(21, 0);
    public static readonly TimeOnly DefaultEnd = new(7, 0);

    /// <summary>The moment the quiet hours that contain <paramref name="now"/> end; null outside quiet hours.</summary>
    public static DateTimeOffset? HeldUntil(DateTimeOffset now, TimeZoneInfo zone, TimeOnly start, TimeOnly end)
    {
        if (start == end)
        {
            return null;
        }
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var time = TimeOnly.FromDateTime(local.DateTime);
        var date = DateOnly.FromDateTime(local.DateTime);
        bool quiet;
        DateOnly endDate;
        if (start < end)
        {
            quiet = time >= start && time < end;
            endDate = date;
        }
        else
        {
            // Over midnight: quiet in the evening (ends tomorrow) or in the early morning (ends today).
            quiet = time >= start || time < end;
            endDate = time >= start ? date.AddDays(1) : date;
        }
        if (!quiet)
        {
            return null;
        }
        var localEnd = endDate.ToDateTime(end);
        // A local time skipped by a DST change does not exist: take the first valid minute after it.
        while (zone.IsInvalidTime(localEnd))
        {
            localEnd = localEnd.AddMinutes(1);
        }
        return new DateTimeOffset(localEnd, zone.GetUtcOffset(localEnd)).ToUniversalTime();
    }
}
