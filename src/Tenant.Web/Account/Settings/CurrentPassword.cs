using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using Schoolplein.Platform.Identity;

namespace Schoolplein.Tenant.Web.Account.Settings;

/// <summary>
/// Changes that matter (password, e-mail address, deleting the account) ask for the current
/// password; wrong guesses count towards the lockout like on the sign-in page.
/// </summary>
public static class CurrentPassword
{
    public static async Task<bool> CheckAsync(
        SignInManager<AppUser> signIn, AppUser user, string? password, ModelStateDictionary state, string field, IStringLocalizer<SettingsText> text)
    {
        if (string.IsNullOrEmpty(password))
        {
            state.AddModelError(field, text["CurrentPasswordRequired"]);
            return false;
        }
        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            state.AddModelError(field, text["LockedOut"]);
            return false;
        }
        if (!result.Succeeded)
        {
            state.AddModelError(field, text["CurrentPasswordWrong"]);
            return false;
        }
        return true;
    }
}
