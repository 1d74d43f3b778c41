namespace Schoolplein.Platform.Calendar;

/// <summary>Wall-clock times of a school's time zone to UTC instants and back, with DST gaps and overlaps decided once.</summary>
public static class SchoolTime
{
    /// <summary>
    /// The instant of a local date and time. A time in the spring-forward gap (02:30 on the last
    /// Sunday of March) does not exist: it is read with the offset before the gap, i.e. moved
    /// forward as clocks do (03:30). A time that occurs twice (autumn) is its first occurrence.
    /// </summary>
    public static DateTimeOffset ToInstant(DateOnly date, TimeOnly time, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            return new DateTimeOffset(local, zone.GetUtcOffset(local.AddHours(-6))).ToUniversalTime();
        }
        if (zone.IsAmbiguousTime(local))
        {
            return new DateTimeOffset(local, zone.GetAmbiguousTimeOffsets(local).Max()).ToUniversalTime();
        }
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>Start of a local day (midnight) as an instant.</summary>
    public static DateTimeOffset StartOfDay(DateOnly date, TimeZoneInfo zone) => ToInstant(date, TimeOnly.MinValue, zone);

    public static DateTime ToLocal(DateTimeOffset instant, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(instant, zone).DateTime;

    public static DateOnly LocalDate(DateTimeOffset instant, TimeZoneInfo zone) => DateOnly.FromDateTime(ToLocal(instant, zone));

    public static TimeOnly LocalTime(DateTimeOffset instant, TimeZoneInfo zone) => TimeOnly.FromDateTime(ToLocal(instant, zone));
}
