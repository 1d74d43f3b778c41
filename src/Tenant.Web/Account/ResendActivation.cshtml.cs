using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Schoolplein.Platform.Accounts;
using Schoolplein.Platform.Localization;

namespace Schoolplein.Tenant.Web.Account;

/// <summary>
/// "Resend activation mail": the same answer whether or not the address has an account, or is
/// already active (see <see cref="AccountActivation.ResendAsync"/>); limited per address and per IP like forgotten-password.
/// </summary>
[AllowAnonymous]
public sealed class ResendActivationModel(AccountActivation activation, SignInThrottle throttle, IStringLocalizer<JoinText> text) : PageModel
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
            ModelState.AddModelError(nameof(Email), text["EmailRequired"]);
            return Page();
        }
        if (throttle.ActivationResendWait(HttpContext) is { } wait)
        {
            ModelState.AddModelError(nameof(Email), text.Plural("ResendTooMany", SignInThrottle.RetryAfter(HttpContext, wait)));
            return Page();
        }
        await activation.ResendAsync(email!, () => throttle.MayMailActivation(email!), ct);
        Sent = true;
        return Page();
    }
}
