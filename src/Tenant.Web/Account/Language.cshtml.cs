using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Schoolplein.Platform.Forms;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Tenancy;
using Schoolplein.Tenant.Web.Localization;

namespace Schoolplein.Tenant.Web.Account;

/// <summary>Switches the UI language: a cookie for everyone, and the profile for a signed-in user.</summary>
[AllowAnonymous]
[AnyHost]
[AllowResubmit] // choosing the same language twice changes nothing, and each answer must set the cookie
public sealed class LanguageModel(SignInManager<AppUser> signIn) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync(string? language, string? returnUrl)
    {
        var user = User.Identity?.IsAuthenticated == true ? await signIn.UserManager.GetUserAsync(User) : null;
        await LocalizationWeb.ApplyLanguageAsync(Response, signIn, user, language ?? "nl");
        return LocalRedirect(Shared.LocalUrl.OrDefault(Url, returnUrl, "/"));
    }
}
