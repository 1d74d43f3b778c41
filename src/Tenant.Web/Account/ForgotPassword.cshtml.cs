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

/// <summary>Sends a reset link by mail; the answer (and its time) is the same whether or not the address has an account.</summary>
[AllowAnonymous]
public sealed class ForgotPasswordModel(
    PasswordResets resets, IStringLocalizer<PasswordText> text, SignInThrottle throttle, IStringLocalizer<AccountText> accountText) : PageModel
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
        // A few mails per account per window; further requests get the same answer and send nothing.
        await resets.RequestAsync(email!, () => throttle.MayMailReset(email!), ct);
        Sent = true;
        return Page();
    }
}
