using Microsoft.EntityFrameworkCore;

namespace Schoolplein.Platform.Tenancy;

/// <summary>
/// A school in the tenant catalogue. The catalogue is not tenant-owned: it is the table
/// the host name is resolved against, so every role may read every row. The school app's
/// database role may only update the branding columns of its own school's row (column grants
/// in <c>DatabaseMigrator.GrantSql</c>, row-level security policy in the migration
/// <c>SchoolBrandingByAdmins</c>); everything else is written by the backoffice.
/// </summary>
public sealed class Tenant
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public TenantStatus Status { get; set; } = TenantStatus.Onboarding;
    public string PrimaryColor { get; set; } = "#1D5FA8";
    public string Locale { get; set; } = "nl-NL";
    public string TimeZone { get; set; } = "Europe/Amsterdam";
    public string? Address { get; set; }
    public string? Phone { get; set; }
    public string? ContactEmail { get; set; }
    public List<string> Modules { get; set; } = [];

    /// <summary>Logo bytes; never part of the catalogue projection that host resolution reads.</summary>
    public byte[]? Logo { get; set; }
    public string? LogoContentType { get; set; }
    public DateTimeOffset? LogoUpdatedAt { get; set; }

    /// <summary>Plain text the school shows on its sign-in page and above the parents' timeline (school admins set it).</summary>
    public string? WelcomeText { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Price plan (<see cref="SchoolPlans"/>); billed per active pupil.</summary>
    public string Plan { get; set; } = SchoolPlans.Standard;
    public string? StripeCustomerId { get; set; }
    public string? StripeSubscriptionId { get; set; }
    public BillingStatus BillingStatus { get; set; } = BillingStatus.None;
    /// <summary>While a payment is overdue: the school is suspended after this moment unless it pays.</summary>
    public DateTimeOffset? GraceUntil { get; set; }
    /// <summary>Creation time of the newest Stripe event applied; older events arriving late do not undo it.</summary>
    public DateTimeOffset? BillingEventAt { get; set; }
    /// <summary>
    /// True only while the school is suspended because it did not pay (the grace sweep). Payment
    /// lifts that suspension; a suspension by staff (false) stays until staff lift it, whatever Stripe says.
    /// </summary>
    public bool SuspendedForBilling { get; set; }
    /// <summary>Go-live checklist item that the system cannot see: the koppelcode letters were handed out.</summary>
    public DateTimeOffset? LettersPrintedAt { get; set; }
}

public static class SchoolPlans
{
    public const string Standard = "standard";
    public const string Plus = "plus";

    public static readonly IReadOnlyList<string> All = [Standard, Plus];
}

public enum BillingStatus
{
    /// <summary>No subscription yet.</summary>
    None = 0,
    Active = 1,
    /// <summary>A payment failed; the grace period runs.</summary>
    PastDue = 2,
    Canceled = 3,
}

public enum TenantStatus
{
    Onboarding = 0,
    Active = 1,
    Suspended = 2,
    Archived = 3,
}

internal sealed class TenantConfiguration : Microsoft.EntityFrameworkCore.IEntityTypeConfiguration<Tenant>
{
    public void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<Tenant> b)
    {
        b.ToTable("tenants");
        b.HasIndex(t => t.Slug).IsUnique();
        b.Property(t => t.Slug).HasMaxLength(SlugRules.MaxLength);
        b.Property(t => t.Name).HasMaxLength(200);
        b.Property(t => t.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(t => t.PrimaryColor).HasMaxLength(7);
        b.Property(t => t.Locale).HasMaxLength(10);
        b.Property(t => t.TimeZone).HasMaxLength(64);
        b.Property(t => t.Address).HasMaxLength(300);
        b.Property(t => t.Phone).HasMaxLength(32);
        b.Property(t => t.ContactEmail).HasMaxLength(254);
        b.Property(t => t.LogoContentType).HasMaxLength(64);
        b.Property(t => t.WelcomeText).HasMaxLength(Schools.SchoolBranding.MaxWelcomeLength);
        b.Property(t => t.Plan).HasMaxLength(20).HasDefaultValue(SchoolPlans.Standard);
        b.Property(t => t.StripeCustomerId).HasMaxLength(255);
        b.Property(t => t.StripeSubscriptionId).HasMaxLength(255);
        b.Property(t => t.BillingStatus).HasConversion<string>().HasMaxLength(20).HasDefaultValue(BillingStatus.None);
        b.HasIndex(t => t.StripeCustomerId).IsUnique();
    }
}
