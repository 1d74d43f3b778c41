using Schoolplein.Platform.Modules;
using Schoolplein.Platform.Tenancy;

namespace Schoolplein.Backoffice.Schools;

/// <summary>The fields of the create and edit forms.</summary>
public sealed class SchoolForm
{
    public string? Name { get; set; }
    public string? Slug { get; set; }
    public string? PrimaryColor { get; set; } = BrandColor.Default;
    public string? Locale { get; set; } = "nl-NL";
    public string? TimeZone { get; set; } = "Europe/Amsterdam";
    public string? Address { get; set; }
    public string? Phone { get; set; }
    public string? ContactEmail { get; set; }
    public string? Plan { get; set; } = SchoolPlans.Standard;
    // Empty by default: an unticked box posts nothing, so a default list would switch modules back on.
    public List<string> Modules { get; set; } = [];
    public string? AdminFirstName { get; set; }
    public string? AdminLastName { get; set; }
    public string? AdminEmail { get; set; }

    public static readonly IReadOnlyList<string> TimeZones =
        ["Europe/Amsterdam", "Europe/Brussels", "America/Kralendijk", "America/Curacao", "America/Aruba", "America/Paramaribo", "Europe/London", "UTC"];

    public NewSchool ToNewSchool() => new(
        Slug ?? "", Name ?? "", string.IsNullOrWhiteSpace(PrimaryColor) ? null : PrimaryColor.Trim(), Locale ?? "", TimeZone ?? "",
        Address, Phone, ContactEmail, Modules, TenantStatus.Onboarding, Plan ?? "");

    public SchoolProfile ToProfile() => new(
        Name ?? "", PrimaryColor?.Trim() ?? "", Locale ?? "", TimeZone ?? "", Address, Phone, ContactEmail, Plan ?? "");
}
