using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Schoolplein.Platform.Accounts;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Localization;
using Schoolplein.Platform.Persistence;

namespace Schoolplein.Tenant.Web.Account;

/// <summary>Sends a reset link by mail; the answer is the same whether or not the address has an account.</summary>
[AllowAnonymous]
public sealed class ForgotPasswordModel(
    UserManager<AppUser> users, AccountMails mails, SchoolpleinDb db, IStringLocalizer<PasswordText> text, SignInThrottle throttle, IStringLocalizer<AccountText> accountText) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var email = Email?.Trim();
        if (!PersonInput.IsEmail(email))
        {
            ModelState.AddModelError(nameof(Email), text["EmailInvalid"]);
            return Page();
        }
        if (throttle.ResetWait(HttpContext) is { } wait)
        {
            ModelState.AddModelError(nameof(Email), accountText.Plural("TooManyAttempts", SignInThrottle.RetryAfter(HttpContext, wait)));
            return Page();
        }
        var user = await users.FindByEmailAsync(email!);
        // A few mails per account per window; further requests get the same answer and send nothing.
        if (user is { DeactivatedAt: null } && throttle.MayMailReset(email!))
        {
            mails.PasswordReset(user, await users.GeneratePasswordResetTokenAsync(user));
            await db.SaveChangesAsync(ct);
        }
        Sent = true;
        return Page();
    }
}
