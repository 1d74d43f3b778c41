using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.FeatureManagement;
using Schoolplein.Platform.Consent;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Modules;
using Schoolplein.Platform.Tenancy;
using Schoolplein.Tenant.Web.Modules;
using Schoolplein.Tenant.Web.Shared;
using Schoolplein.Platform.Localization;

namespace Schoolplein.Tenant.Web.Consent;

/// <summary>Resource anchor for the consent pages.</summary>
public sealed class ConsentPagesText;

public static class ConsentWeb
{
    /// <summary>Consent: the services, the menu entry and the re-confirmation banner.</summary>
    public static IServiceCollection AddConsentWeb(this IServiceCollection services)
    {
        services.AddConsent();
        services.AddNavItem(new NavItem("/toestemming", typeof(ConsentPagesText), "Menu", 40, [Roles.Parent, Roles.Teacher, Roles.SchoolAdmin], SchoolModules.Consent));
        services.AddScoped<IPageBannerSource, ReconfirmationBanner>();
        services.RequireModuleForPages("/Consent", SchoolModules.Consent);
        return services;
    }

    /// <summary>A moment in the school's time zone, in the user's culture.</summary>
    public static string Local(this TenantContext tenant, DateTimeOffset at) =>
        DateText.ShortWithTime(TimeZoneInfo.ConvertTime(at, tenant.Required.TimeZoneInfo).DateTime);

    public static string Day(DateOnly day) => DateText.DayWithYear(day);

    /// <summary>Form value of an answer: "allow" / "deny"; anything else is no answer.</summary>
    public static bool? ParseAnswer(string? value) => value switch
    {
        "allow" => true,
        "deny" => false,
        _ => null,
    };
}

/// <summary>"Confirm your choices" on every page while the school's latest re-confirmation request is open for this guardian.</summary>
public sealed class ReconfirmationBanner(PageChrome chrome, IStringLocalizer<ConsentPagesText> text) : IPageBannerSource
{
    public async Task<PageBanner?> GetAsync(CancellationToken ct) =>
        (await chrome.GetAsync(ct)).ConsentToConfirm ? new PageBanner(text["Banner.Text"], ConsentLinks.Confirm, text["Banner.Link"]) : null;
}
