using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Schoolplein.Platform.Accounts;
using Schoolplein.Platform.Identity;

namespace Schoolplein.Tenant.Web.Account;

/// <summary>
/// The link in the "confirm your new address" mail. Opening it only shows a button (mail
/// scanners open links too); the POST changes the address. Works without being signed in.
/// </summary>
[AllowAnonymous]
public sealed class ConfirmEmailModel(CurrentUser viewer, EmailChanges changes, SignInManager<AppUser> signIn) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Email { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public EmailChangeOutcome? Outcome { get; private set; }

    public void OnGet()
    {
        if (UserId is null || string.IsNullOrEmpty(Email) || string.IsNullOrEmpty(Token))
        {
            Outcome = EmailChangeOutcome.InvalidLink;
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Outcome = UserId is { } id ? await changes.ConfirmAsync(id, Email, Token, ct) : EmailChangeOutcome.InvalidLink;
        // The stamp changed: keep this browser signed in when it is the same person.
        if (Outcome == EmailChangeOutcome.Changed && viewer.Id == UserId && await signIn.UserManager.FindByIdAsync(UserId.ToString()!) is { } user)
        {
            await signIn.RefreshSignInAsync(user);
        }
        return Page();
    }
}
