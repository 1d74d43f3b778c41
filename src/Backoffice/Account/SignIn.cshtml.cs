using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Schoolplein.Backoffice.Persistence;
using Schoolplein.Platform.Forms;

namespace Schoolplein.Backoffice.Account;

// Signing in again is harmless, and only running again answers with the right next step and cookie.
[AllowAnonymous]
[AllowResubmit]
public sealed class SignInModel(SignInManager<BackofficeUser> signIn, IStringLocalizer<AccountText> text) : PageModel, IShowsError
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public string? ReturnUrl { get; private set; }
    public string? Error { get; private set; }

    public void OnGet(string? returnUrl) => ReturnUrl = returnUrl;

    public async Task<IActionResult> OnPostAsync(string? returnUrl)
    {
        ReturnUrl = Url.IsLocalUrl(returnUrl) ? returnUrl : null;
        if (string.IsNullOrWhiteSpace(Email) || string.IsNullOrEmpty(Password))
        {
            Error = text["Required"];
            return Page();
        }
        var result = await signIn.PasswordSignInAsync(Email.Trim(), Password, isPersistent: false, lockoutOnFailure: true);
        if (result.RequiresTwoFactor)
        {
            // Every backoffice user needs the second step (BackofficeSignInManager): code, or enrolment first.
            return RedirectToPage("/Account/TwoFactor", new { returnUrl = ReturnUrl });
        }
        Error = result.IsLockedOut ? text["LockedOut"] : text["InvalidCredentials"];
        return Page();
    }
}
