using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.DependencyInjection;
using Schoolplein.Platform.Persistence;

namespace Schoolplein.Platform.Schools;

/// <summary>
/// A school's own settings, one row per school (absent = defaults). Features add their own
/// clearly named columns; keep each group small.
/// </summary>
public sealed class SchoolSettings : ITenantOwned
{
    public const int DefaultLinkCodeMaxUses = 4;
    public const int DefaultLinkCodeValidDays = 365;
    public const int MaxLinkCodeUses = 10;
    public const int MaxLinkCodeValidDays = 730;
    public const int DefaultUrgentEscalationMinutes = 60;
    public const int MinUrgentEscalationMinutes = 5;
    public const int MaxUrgentEscalationMinutes = 24 * 60;

    public Guid TenantId { get; set; }

    /// <summary>How many guardians may join with one koppelcode.</summary>
    public int LinkCodeMaxUses { get; set; } = DefaultLinkCodeMaxUses;

    /// <summary>How long a new koppelcode stays valid.</summary>
    public int LinkCodeValidDays { get; set; } = DefaultLinkCodeValidDays;

    /// <summary>Non-urgent pushes written between these times (school's time zone) wait until the end.</summary>
    public TimeOnly QuietHoursStart { get; set; } = new(21, 0);
    public TimeOnly QuietHoursEnd { get; set; } = new(7, 0);
    /// <summary>
    /// Minutes after an urgent message until guardians who have not opened it get a second
    /// notification; after twice this time the message's page lists the families to phone.
    /// </summary>
    public int UrgentEscalationMinutes { get; set; } = DefaultUrgentEscalationMinutes;

    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class SchoolSettingsConfiguration : IEntityTypeConfiguration<SchoolSettings>
{
    public void Configure(EntityTypeBuilder<SchoolSettings> b)
    {
        b.ToTable("school_settings");
        b.HasKey(s => s.TenantId);
        b.Property(s => s.QuietHoursStart).HasDefaultValue(new TimeOnly(21, 0));
        b.Property(s => s.QuietHoursEnd).HasDefaultValue(new TimeOnly(7, 0));
        b.Property(s => s.UrgentEscalationMinutes).HasDefaultValue(SchoolSettings.DefaultUrgentEscalationMinutes);
    }
}

/// <summary>
/// Reads the current school's settings per request (one small row by primary key); the
/// defaults when the school never saved any. No cache, so no cross-school cache to get wrong.
/// </summary>
public sealed class SchoolSettingsStore(SchoolpleinDb db)
{
    public async Task<SchoolSettings> GetAsync(CancellationToken ct = default) =>
        await db.Set<SchoolSettings>().AsNoTracking().FirstOrDefaultAsync(ct) ?? new SchoolSettings();

    /// <summary>The tracked row, created (not yet saved) with the defaults when absent.</summary>
    public async Task<SchoolSettings> ForUpdateAsync(CancellationToken ct = default)
    {
        var settings = await db.Set<SchoolSettings>().FirstOrDefaultAsync(ct);
        if (settings is null)
        {
            // The key is the school id: set it, or EF would generate a random key for a Guid.
            settings = new SchoolSettings { TenantId = db.CurrentTenantId };
            db.Add(settings);
        }
        return settings;
    }
}

public static class SchoolSettingsRegistration
{
    public static IServiceCollection AddSchoolSettings(this IServiceCollection services) =>
        services.AddScoped<SchoolSettingsStore>();
}
