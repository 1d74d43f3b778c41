using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Schoolplein.Platform.Accounts;
using Schoolplein.Platform.Identity;

namespace Schoolplein.Tenant.Web.Account;

/// <summary>
/// Sets a new password from the forgotten-password mail (which also confirms the address, since
/// the mail arrived). Invitations have their own single-use link: <see cref="InvitationModel"/>.
/// </summary>
[AllowAnonymous]
public sealed class ResetPasswordModel(UserManager<AppUser> users, AccountActivation activation, IStringLocalizer<PasswordText> text) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public string? Email { get; private set; }
    public bool Done { get; private set; }
    /// <summary>Children whose koppelcode other guardians took while this account waited too long for activation.</summary>
    public IReadOnlyList<string> LostChildren { get; private set; } = [];
    public async Task OnGetAsync() => Email = (await FindAsync())?.Email;

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await FindAsync();
        if (user is null)
        {
            return Page();
        }
        Email = user.Email;
        if (string.IsNullOrEmpty(Password))
        {
            ModelState.AddModelError(nameof(Password), text["PasswordRequired"]);
            return Page();
        }
        var result = await users.ResetPasswordAsync(user, Token!, Password);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(nameof(Password), error.Code == "InvalidToken" ? text["ResetInvalid"] : error.Description);
            }
            return Page();
        }
        // Activates an account that never was, settling its koppelcode places like the activation link.
        LostChildren = await activation.ConfirmByResetAsync(user, HttpContext.RequestAborted);
        Done = true;
        return Page();
    }

    private async Task<AppUser?> FindAsync()
    {
        if (UserId is null || string.IsNullOrEmpty(Token))
        {
            return null;
        }
        var user = await users.FindByIdAsync(UserId.Value.ToString());
        // The token is checked before anything of the account (its e-mail) is shown: a user id alone must reveal nothing.
        return user is { DeactivatedAt: null }
            && await users.VerifyUserTokenAsync(user, users.Options.Tokens.PasswordResetTokenProvider, UserManager<AppUser>.ResetPasswordTokenPurpose, Token)
            ? user : null;
    }
}
