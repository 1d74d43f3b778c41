using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.LinkCodes;
using Schoolplein.Tenant.Web.Localization;

namespace Schoolplein.Tenant.Web.Account;

/// <summary>
/// Step 1 of joining: the koppelcode. A valid code offers a new account or signing in with an
/// existing one (which links the child at once); a signed-in user links with one click.
/// GET only fills in the code from a letter's QR link: checking happens on POST, which is rate-limited.
/// Signed in, the page reads as "link another child". Once a child is linked the parent is signed
/// in either way, so both paths end on the home page with the confirmation.
/// </summary>
[AllowAnonymous]
[LinkCodeAttempt]
public sealed class JoinModel(
    CurrentUser viewer, LinkCodeService codes, SignInManager<AppUser> signIn, IStringLocalizer<JoinText> text, IStringLocalizer<AccountText> accountText) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public LinkCodeCheck? Valid { get; private set; }

    /// <summary>The linked child's first name for the home page's confirmation (same TempData key as <see cref="Home.IndexModel.LinkedChild"/>).</summary>
    [TempData]
    public string? LinkedChild { get; set; }
    public bool SignedIn => viewer.IsSignedIn;

    public void OnGet(string? code) => Code = code;

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Code))
        {
            ModelState.AddModelError(nameof(Code), text["CodeRequired"]);
            return Page();
        }
        var check = await codes.CheckAsync(Code, SignedIn ? viewer.Id : null, ct);
        if (!check.IsValid)
        {
            ModelState.AddModelError(nameof(Code), LinkCodeMessages.For(text, check));
            return Page();
        }
        Code = LinkCodeFormat.Display(check.Code!);
        Valid = check;
        return Page();
    }

    /// <summary>A signed-in user links the child to their own account.</summary>
    public async Task<IActionResult> OnPostLinkAsync(CancellationToken ct)
    {
        if (!SignedIn)
        {
            return Challenge();
        }
        return await LinkAsync(viewer.Id, ct);
    }

    /// <summary>An existing account of this school: the password is checked like on the sign-in page, then the child is linked.</summary>
    public async Task<IActionResult> OnPostSignInAsync(CancellationToken ct)
    {
        var check = await codes.CheckAsync(Code, null, ct);
        if (check.Status is not (LinkCodeStatus.Valid or LinkCodeStatus.AlreadyLinked))
        {
            ModelState.AddModelError(nameof(Code), LinkCodeMessages.For(text, check));
            return Page();
        }
        Code = LinkCodeFormat.Display(check.Code!);
        Valid = check;
        var email = Email?.Trim() ?? "";
        if (email.Length == 0 || string.IsNullOrEmpty(Password))
        {
            ModelState.AddModelError(nameof(Email), accountText["Required"]);
            return Page();
        }
        var user = await signIn.UserManager.FindByEmailAsync(email);
        if (user is null)
        {
            ModelState.AddModelError(nameof(Email), accountText["InvalidCredentials"]);
            return Page();
        }
        var result = await signIn.CheckPasswordSignInAsync(user, Password, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            ModelState.AddModelError(nameof(Email), accountText["LockedOut"]);
            return Page();
        }
        if (!result.Succeeded)
        {
            ModelState.AddModelError(nameof(Email), accountText["InvalidCredentials"]);
            return Page();
        }
        if (!user.EmailConfirmed)
        {
            ModelState.AddModelError(nameof(Email), accountText["NotActivated"]);
            return Page();
        }
        var linked = await codes.LinkAsync(user.Id, Code, ct);
        if (linked.Status is not (LinkCodeStatus.Valid or LinkCodeStatus.AlreadyLinked))
        {
            ModelState.AddModelError(nameof(Code), LinkCodeMessages.For(text, linked));
            return Page();
        }
        // The new parent role must be in the cookie.
        await signIn.SignInAsync(user, isPersistent: true);
        LocalizationWeb.AppendCultureCookie(Response, user.Language);
        return LinkedHome(linked);
    }

    private async Task<IActionResult> LinkAsync(Guid userId, CancellationToken ct)
    {
        var linked = await codes.LinkAsync(userId, Code, ct);
        if (!linked.IsValid)
        {
            ModelState.AddModelError(nameof(Code), LinkCodeMessages.For(text, linked));
            return Page();
        }
        if (await signIn.UserManager.GetUserAsync(User) is { } user)
        {
            await signIn.RefreshSignInAsync(user);
        }
        return LinkedHome(linked);
    }

    /// <summary>Post/redirect/get to the home page, where the child now shows; reloading links nothing twice.</summary>
    private LocalRedirectResult LinkedHome(LinkCodeCheck linked)
    {
        LinkedChild = linked.ChildFirstName ?? "";
        return LocalRedirect("/");
    }
}
