using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Tenancy;

namespace Schoolplein.Platform.SchoolCalendar;

/// <summary>
/// The school days of the current school. Leave rules, the absence cut-off and office hours
/// count with it; the school calendar (issue 7) shows the same closures.
/// </summary>
public interface ISchoolDayCalendar
{
    /// <summary>
    /// The school's closures around a period: a year either side, so the school year of every
    /// day in the period (and its summer holiday) is known.
    /// </summary>
    Task<SchoolDays> ForPeriodAsync(DateOnly from, DateOnly to, CancellationToken ct = default);

    async Task<int> CountSchoolDaysAsync(DateOnly from, DateOnly to, CancellationToken ct = default) =>
        (await ForPeriodAsync(from, to, ct)).Count(from, to);
}

/// <summary>Weekends plus the school's <see cref="SchoolClosure"/> rows.</summary>
public sealed class ClosureSchoolDayCalendar(SchoolpleinDb db) : ISchoolDayCalendar
{
    public async Task<SchoolDays> ForPeriodAsync(DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        // Safe at DateOnly's ends: a lookup around a stray date answers (with no closures there) instead of throwing.
        var earliest = SchoolDates.AddDaysSafe(from, -400);
        var latest = SchoolDates.AddDaysSafe(to, 400);
        var closures = await db.Set<SchoolClosure>().AsNoTracking()
            .Where(c => c.EndDate >= earliest && c.StartDate <= latest)
            .Select(c => new Closure(c.StartDate, c.EndDate, c.Kind, c.Name))
            .ToListAsync(ct);
        return new SchoolDays(closures);
    }
}

/// <summary>Now and today in the school's time zone, from the injected <see cref="TimeProvider"/>.</summary>
public sealed class SchoolClock(TimeProvider time, TenantContext tenant)
{
    public DateTimeOffset UtcNow => time.GetUtcNow();

    public DateTime LocalNow => TimeZoneInfo.ConvertTime(time.GetUtcNow(), tenant.Required.TimeZoneInfo).DateTime;

    public DateOnly Today => DateOnly.FromDateTime(LocalNow);

    public TimeOnly TimeOfDay => TimeOnly.FromDateTime(LocalNow);

    public DateTime ToLocal(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, tenant.Required.TimeZoneInfo).DateTime;
}

public static class SchoolCalendarRegistration
{
    public static IServiceCollection AddSchoolDayCalendar(this IServiceCollection services)
    {
        services.AddScoped<ISchoolDayCalendar, ClosureSchoolDayCalendar>();
        services.AddScoped<SchoolClock>();
        services.AddScoped<SchoolClosures>();
        return services;
    }
}
