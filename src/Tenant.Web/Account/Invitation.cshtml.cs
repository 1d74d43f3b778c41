using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Invitations;
using Schoolplein.Platform.Persistence;
using Schoolplein.Tenant.Web.Localization;

namespace Schoolplein.Tenant.Web.Account;

/// <summary>
/// Accepting an invitation (first school admin, imported teacher): choose a password, which
/// also confirms the e-mail address, then be signed in. The token is looked up in this
/// school only, so a link of another school is simply invalid here.
/// </summary>
[AllowAnonymous]
public sealed class InvitationModel(
    StaffInvitations invitations, UserManager<AppUser> users, SignInManager<AppUser> signIn, SchoolpleinDb db,
    TimeProvider time, IStringLocalizer<InvitationPageText> text) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? Confirm { get; set; }

    public string? FirstName { get; private set; }
    public string? Email { get; private set; }
    public bool Valid { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var invitation = await invitations.FindOpenAsync(Token, ct);
        if (invitation is null)
        {
            return Invalid();
        }
        Show(invitation);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var invitation = await invitations.FindOpenAsync(Token, ct);
        if (invitation is null)
        {
            return Invalid();
        }
        Show(invitation);
        var user = invitation.User!;
        if (await users.HasPasswordAsync(user))
        {
            ModelState.AddModelError("", text["AlreadyActive"]);
            return Page();
        }
        if (string.IsNullOrEmpty(Password))
        {
            ModelState.AddModelError(nameof(Password), text["Required"]);
            return Page();
        }
        if (Password != Confirm)
        {
            ModelState.AddModelError(nameof(Confirm), text["Mismatch"]);
            return Page();
        }
        foreach (var validator in users.PasswordValidators)
        {
            var check = await validator.ValidateAsync(users, user, Password);
            foreach (var error in check.Errors)
            {
                ModelState.AddModelError(nameof(Password), error.Description);
            }
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        // One save: password, confirmed address and the used invitation together.
        user.PasswordHash = users.PasswordHasher.HashPassword(user, Password);
        user.EmailConfirmed = true;
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        invitation.AcceptedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await signIn.SignInAsync(user, isPersistent: true);
        LocalizationWeb.AppendCultureCookie(Response, user.Language);
        return LocalRedirect("/");
    }

    private void Show(Invitation invitation)
    {
        Valid = true;
        FirstName = invitation.User!.FirstName;
        Email = invitation.User.Email;
    }

    private PageResult Invalid()
    {
        Valid = false;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
