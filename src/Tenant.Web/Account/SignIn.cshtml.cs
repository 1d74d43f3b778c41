using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Schoolplein.Platform.Forms;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Localization;
using Schoolplein.Tenant.Web.Localization;

namespace Schoolplein.Tenant.Web.Account;

// Signing in again is harmless, and only running again gives the browser its sign-in cookie.
[AllowAnonymous]
[AllowResubmit]
public sealed class SignInModel(SignInManager<AppUser> signIn, IStringLocalizer<AccountText> text, SignInThrottle throttle, DummyPassword dummy) : PageModel
{
    [BindProperty]
    public SignInInput Input { get; set; } = new();

    public string? ReturnUrl { get; private set; }

    public void OnGet(string? returnUrl) => ReturnUrl = returnUrl;

    public async Task<IActionResult> OnPostAsync(string? returnUrl)
    {
        ReturnUrl = returnUrl;
        var email = Input.Email?.Trim() ?? "";
        if (email.Length == 0 || string.IsNullOrEmpty(Input.Password))
        {
            ModelState.AddModelError("", text["Required"]);
            return Page();
        }
        if (throttle.SignInWait(HttpContext, email) is { } wait)
        {
            ModelState.AddModelError("", text.Plural("TooManyAttempts", SignInThrottle.RetryAfter(HttpContext, wait)));
            return Page();
        }
        var user = await signIn.UserManager.FindByEmailAsync(email);
        if (user is null)
        {
            // Same work as a wrong password for a known address: the timing does not tell.
            dummy.Verify(Input.Password);
            throttle.SignInFailed(HttpContext, email);
            ModelState.AddModelError("", text["InvalidCredentials"]);
            return Page();
        }
        // No lockout of the account (anyone could lock any parent out): the throttle refuses the
        // address that keeps failing for this account instead.
        var result = await signIn.CheckPasswordSignInAsync(user, Input.Password, lockoutOnFailure: false);
        if (result.IsLockedOut)
        {
            ModelState.AddModelError("", text["LockedOut"]);
            return Page();
        }
        if (!result.Succeeded)
        {
            throttle.SignInFailed(HttpContext, email);
            ModelState.AddModelError("", text["InvalidCredentials"]);
            return Page();
        }
        if (!user.EmailConfirmed)
        {
            ModelState.AddModelError("", text["NotActivated"]);
            return Page();
        }
        await signIn.SignInAsync(user, isPersistent: true);
        LocalizationWeb.AppendCultureCookie(Response, user.Language);
        return LocalRedirect(Shared.LocalUrl.OrDefault(Url, returnUrl, "/"));
    }

    public sealed class SignInInput
    {
        public string? Email { get; set; }
        public string? Password { get; set; }
    }
}
