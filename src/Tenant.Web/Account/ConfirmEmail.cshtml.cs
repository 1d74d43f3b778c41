using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Schoolplein.Platform;
using Schoolplein.Platform.Accounts;
using Schoolplein.Platform.Identity;
using Schoolplein.Tenant.Web.Account.Settings;

namespace Schoolplein.Tenant.Web.Account;

/// <summary>
/// The link in the "confirm your new address" mail. Opening it only shows a button (mail
/// scanners open links too); the POST changes the address. Works without being signed in.
/// </summary>
[AllowAnonymous]
public sealed class ConfirmEmailModel(CurrentUser viewer, EmailChanges changes, SignInManager<AppUser> signIn, IStringLocalizer<SettingsText> text) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Email { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    /// <summary>The address is the account's now (changed by this click or an earlier one).</summary>
    public bool Done { get; private set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
        if (UserId is null || string.IsNullOrEmpty(Email) || string.IsNullOrEmpty(Token))
        {
            Error = text[EmailChanges.InvalidLink];
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var outcome = UserId is { } id ? await changes.ConfirmAsync(id, Email, Token, ct) : Outcome<bool>.Refused(EmailChanges.InvalidLink);
        if (!outcome.Succeeded)
        {
            Error = text.Text(outcome.Problems[0]);
            return Page();
        }
        Done = true;
        // The stamp changed: keep this browser signed in when it is the same person.
        if (outcome.Value && viewer.Id == UserId && await signIn.UserManager.FindByIdAsync(UserId.ToString()!) is { } user)
        {
            await signIn.RefreshSignInAsync(user);
        }
        return Page();
    }
}
