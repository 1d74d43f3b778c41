using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Schoolplein.Platform.Persistence;

namespace Schoolplein.Platform.Schools;

/// <summary>
/// A school's own settings, one row per school (absent = defaults). Features add their own
/// clearly named columns; keep each group small.
/// </summary>
public sealed class SchoolSettings : ITenantSettings
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

    public IEnumerable<Problem> Validate()
    {
        if (LinkCodeMaxUses is < 1 or > MaxLinkCodeUses)
        {
            yield return new Problem("MaxUsesInvalid", MaxLinkCodeUses) { Field = nameof(LinkCodeMaxUses) };
        }
        if (LinkCodeValidDays is < 1 or > MaxLinkCodeValidDays)
        {
            yield return new Problem("ValidDaysInvalid", MaxLinkCodeValidDays) { Field = nameof(LinkCodeValidDays) };
        }
        if (UrgentEscalationMinutes is < MinUrgentEscalationMinutes or > MaxUrgentEscalationMinutes)
        {
            yield return new Problem("EscalationMinutesInvalid", MinUrgentEscalationMinutes, MaxUrgentEscalationMinutes)
            { Field = nameof(UrgentEscalationMinutes) };
        }
    }
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
