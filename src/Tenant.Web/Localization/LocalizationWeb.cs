using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Schoolplein.Platform.Identity;

namespace Schoolplein.Tenant.Web.Localization;

/// <summary>
/// Dutch by default; English per user. The language lives in the profile and in a culture
/// cookie that sign-in and the language switch write, so it is known before
/// authentication (the neutral pages need it too). The browser's language is not used.
/// </summary>
public static class LocalizationWeb
{
    public static readonly CultureInfo Dutch = new("nl-NL");
    public static readonly CultureInfo English = new("en-GB");

    public static IServiceCollection AddSchoolLocalization(this IServiceCollection services)
    {
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(Dutch);
            o.SupportedCultures = [Dutch, English];
            o.SupportedUICultures = [Dutch, English];
            o.FallBackToParentUICultures = true;
            o.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });
        return services;
    }

    public static CultureInfo ForLanguage(string? language) => language == "en" ? English : Dutch;

    /// <summary>"en" or "nl" (anything else is Dutch).</summary>
    public static string Normalize(string? language) => language == "en" ? "en" : "nl";

    /// <summary>
    /// The one way the language changes (footer switch and settings page): the culture cookie,
    /// and for a signed-in user the profile (saved with any other change made to <paramref name="user"/>)
    /// and the sign-in, whose claims carry the language.
    /// </summary>
    public static async Task<IdentityResult> ApplyLanguageAsync(HttpResponse response, SignInManager<AppUser> signIn, AppUser? user, string language)
    {
        var chosen = Normalize(language);
        AppendCultureCookie(response, chosen);
        if (user is null)
        {
            return IdentityResult.Success;
        }
        var changed = user.Language != chosen;
        user.Language = chosen;
        var result = await signIn.UserManager.UpdateAsync(user);
        if (result.Succeeded && changed)
        {
            await signIn.RefreshSignInAsync(user);
        }
        return result;
    }

    public static string LanguageOf(CultureInfo culture) => culture.TwoLetterISOLanguageName == "en" ? "en" : "nl";

    public static void AppendCultureCookie(HttpResponse response, string language)
    {
        var culture = ForLanguage(language).Name;
        response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
    }
}
