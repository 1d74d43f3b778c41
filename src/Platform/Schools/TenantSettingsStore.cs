using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Schoolplein.Platform.Persistence;

namespace Schoolplein.Platform.Schools;

/// <summary>
/// A group of one school's settings stored as one row per school (absent = the defaults). The
/// class checks its own values, so every page and job that saves it applies the same rules.
/// </summary>
public interface ITenantSettings : ITenantOwned
{
    DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Why these values cannot be saved (keys of the feature's own resource); empty when fine.</summary>
    IEnumerable<Problem> Validate();
}

/// <summary>
/// Reads and saves the current school's <typeparamref name="T"/>: one small row by primary key
/// per read, the defaults when the school never saved any. No cache, so there is no
/// cross-school cache to get wrong. The one place where per-school settings are written.
/// </summary>
public sealed class TenantSettingsStore<T>(SchoolpleinDb db, TimeProvider time) where T : class, ITenantSettings, new()
{
    public async Task<T> GetAsync(CancellationToken ct = default) =>
        await db.Set<T>().AsNoTracking().FirstOrDefaultAsync(ct) ?? new T();

    /// <summary>Checks and saves <paramref name="settings"/> (from <see cref="GetAsync"/>) for the current school; nothing is saved when refused.</summary>
    public async Task<Outcome> SaveAsync(T settings, CancellationToken ct = default)
    {
        var problems = settings.Validate().ToList();
        if (problems.Count > 0)
        {
            return Outcome.Refused(problems);
        }
        // The key is the school id: always the current school's, whatever the caller passed.
        settings.TenantId = db.CurrentTenantId;
        settings.UpdatedAt = time.GetUtcNow();
        var exists = await db.Set<T>().AnyAsync(ct);
        var tracked = db.Set<T>().Local.FirstOrDefault();
        if (tracked is not null && !ReferenceEquals(tracked, settings))
        {
            db.Entry(tracked).State = EntityState.Detached;
        }
        if (exists)
        {
            db.Update(settings);
        }
        else
        {
            db.Add(settings);
        }
        await db.SaveChangesAsync(ct);
        return Outcome.Done;
    }
}

public static class TenantSettingsRegistration
{
    public static IServiceCollection AddSchoolSettings(this IServiceCollection services) =>
        services.AddScoped(typeof(TenantSettingsStore<>)).AddScoped<SchoolBranding>();
}
