namespace Schoolplein.Platform.Tenancy;

/// <summary>The cached, read-only view of a catalogue entry that requests and jobs carry.</summary>
public sealed record TenantInfo(
    Guid Id,
    string Slug,
    string Name,
    TenantStatus Status,
    string PrimaryColor,
    string Locale,
    string TimeZone,
    string? Address,
    string? Phone,
    string? ContactEmail,
    IReadOnlyList<string> Modules,
    DateTimeOffset? LogoUpdatedAt)
{
    /// <summary>Billing state for the school admin's banner (payment overdue, suspension date).</summary>
    public BillingStatus BillingStatus { get; init; }
    public DateTimeOffset? GraceUntil { get; init; }

    /// <summary>The school's welcome text (plain text) for the sign-in page and the parents' timeline.</summary>
    public string? WelcomeText { get; init; }

    /// <summary>Onboarding and active schools are served; suspended ones get the 503 page; archived ones are gone.</summary>
    public bool IsServed => Status is TenantStatus.Active or TenantStatus.Onboarding;

    public TimeZoneInfo TimeZoneInfo => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
}
