using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Schoolplein.Platform.Identity;

namespace Schoolplein.Tenant.Web.Account.Settings;

/// <summary>
/// Change password, and sign out everywhere. Both change the security stamp, so sessions on
/// other devices end at their next stamp check (Identity:SecurityStampMinutes).
/// </summary>
public sealed class SecurityModel(SignInManager<AppUser> signIn, IStringLocalizer<SettingsText> text) : PageModel
{
    [BindProperty]
    public string? CurrentPassword { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    public string? Email { get; private set; }
    public bool PasswordChanged { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await signIn.UserManager.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }
        Email = user.Email;
        return Page();
    }

    public async Task<IActionResult> OnPostPasswordAsync()
    {
        if (await signIn.UserManager.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }
        Email = user.Email;
        if (string.IsNullOrEmpty(NewPassword))
        {
            ModelState.AddModelError(nameof(NewPassword), text["NewPasswordRequired"]);
            return Page();
        }
        if (!await Settings.CurrentPassword.CheckAsync(signIn, user, CurrentPassword, ModelState, nameof(CurrentPassword), text))
        {
            return Page();
        }
        var result = await signIn.UserManager.ChangePasswordAsync(user, CurrentPassword!, NewPassword!);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? nameof(CurrentPassword) : nameof(NewPassword), error.Description);
            }
            return Page();
        }
        // The stamp changed: this session gets a fresh cookie, the others end.
        await signIn.RefreshSignInAsync(user);
        PasswordChanged = true;
        return Page();
    }

    public async Task<IActionResult> OnPostSignOutEverywhereAsync()
    {
        if (await signIn.UserManager.GetUserAsync(User) is { } user)
        {
            await signIn.UserManager.UpdateSecurityStampAsync(user);
        }
        await signIn.SignOutAsync();
        TempData["SignInNotice"] = "SignedOutEverywhere";
        return Redirect("/Account/SignIn");
    }
}
