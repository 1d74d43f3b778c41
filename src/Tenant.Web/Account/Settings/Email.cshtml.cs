using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Schoolplein.Platform.Accounts;
using Schoolplein.Platform.Identity;

namespace Schoolplein.Tenant.Web.Account.Settings;

/// <summary>Asks for a new sign-in address; it takes effect only through the link mailed to that address.</summary>
public sealed class EmailModel(SignInManager<AppUser> signIn, EmailChanges changes, IStringLocalizer<SettingsText> text) : PageModel
{
    [BindProperty]
    public string? NewEmail { get; set; }

    [BindProperty]
    public string? CurrentPassword { get; set; }

    public string? CurrentEmail { get; private set; }
    public string? SentTo { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await signIn.UserManager.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }
        CurrentEmail = user.Email;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await signIn.UserManager.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }
        CurrentEmail = user.Email;
        var email = NewEmail?.Trim() ?? "";
        if (!PersonInput.IsEmail(email))
        {
            ModelState.AddModelError(nameof(NewEmail), text["NewEmailInvalid"]);
            return Page();
        }
        if (string.Equals(email, user.Email, StringComparison.OrdinalIgnoreCase))
        {
            ModelState.AddModelError(nameof(NewEmail), text["NewEmailSame"]);
            return Page();
        }
        if (!await Settings.CurrentPassword.CheckAsync(signIn, user, CurrentPassword, ModelState, nameof(CurrentPassword), text))
        {
            return Page();
        }
        await changes.RequestAsync(user, email, ct);
        SentTo = email;
        return Page();
    }
}
