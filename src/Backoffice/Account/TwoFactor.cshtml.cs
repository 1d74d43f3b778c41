using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Schoolplein.Backoffice.Audit;
using Schoolplein.Backoffice.Persistence;
using Schoolplein.Platform.Forms;

namespace Schoolplein.Backoffice.Account;

/// <summary>The second sign-in step: a code from the authenticator app, or one of the recovery codes.</summary>
// A used code is refused by the code check itself, and only running again sets the sign-in cookie.
[AllowAnonymous]
[AllowResubmit]
public sealed class TwoFactorModel(SignInManager<BackofficeUser> signIn, AuditLog audit, IStringLocalizer<AccountText> text) : PageModel, IShowsError
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? RecoveryCode { get; set; }

    public string? ReturnUrl { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? returnUrl)
    {
        ReturnUrl = Url.IsLocalUrl(returnUrl) ? returnUrl : null;
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToPage("/Account/SignIn");
        }
        return user.TwoFactorEnabled ? Page() : RedirectToPage("/Account/Enrol", new { returnUrl = ReturnUrl });
    }

    public async Task<IActionResult> OnPostAsync(string? returnUrl)
    {
        ReturnUrl = Url.IsLocalUrl(returnUrl) ? returnUrl : null;
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToPage("/Account/SignIn");
        }
        if (!user.TwoFactorEnabled)
        {
            return RedirectToPage("/Account/Enrol", new { returnUrl = ReturnUrl });
        }
        Microsoft.AspNetCore.Identity.SignInResult result;
        var usedRecovery = false;
        if (!string.IsNullOrWhiteSpace(RecoveryCode))
        {
            usedRecovery = true;
            result = await signIn.TwoFactorRecoveryCodeSignInAsync(RecoveryCode.Replace(" ", "", StringComparison.Ordinal).Trim());
        }
        else if (!string.IsNullOrWhiteSpace(Code))
        {
            result = await signIn.TwoFactorAuthenticatorSignInAsync(Code.Replace(" ", "", StringComparison.Ordinal), isPersistent: false, rememberClient: false);
        }
        else
        {
            Error = text["CodeRequired"];
            return Page();
        }
        if (result.Succeeded)
        {
            await audit.RecordAsync(usedRecovery ? "staff.signin_recovery_code" : "staff.signin", null, null, actor: user);
            return LocalRedirect(ReturnUrl ?? "/");
        }
        Error = result.IsLockedOut ? text["LockedOut"] : text["CodeInvalid"];
        return Page();
    }
}
