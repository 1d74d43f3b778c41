using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Schoolplein.Platform;
using Schoolplein.Platform.Accounts;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Invitations;
using Schoolplein.Tenant.Web.Localization;

namespace Schoolplein.Tenant.Web.Account;

/// <summary>
/// Accepting an invitation (staff, first school admin, imported teacher or parent): choose a password, which
/// also confirms the e-mail address, then be signed in. The token is looked up in this
/// school only, so a link of another school is simply invalid here.
/// </summary>
[AllowAnonymous]
public sealed class InvitationModel(
    AccountInvitations invitations, InvitationAcceptance acceptance, SignInManager<AppUser> signIn, IStringLocalizer<InvitationPageText> text) : PageModel
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
        var accepted = await acceptance.AcceptAsync(Token, Password, Confirm, ct);
        if (!accepted.Succeeded)
        {
            ModelState.AddProblems(accepted.Problems, text);
            return Page();
        }
        var user = accepted.Value!;
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
