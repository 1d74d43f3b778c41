using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Schoolplein.Platform.Forms;
using Schoolplein.Platform.Identity;

namespace Schoolplein.Tenant.Web.Account;

// Signing out twice is signing out.
[AllowAnonymous]
[AllowResubmit]
public sealed class SignOutModel(SignInManager<AppUser> signIn) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        // The chosen child goes with the person: the next one on this phone starts at "all children".
        ChildSwitch.ChildChoice.Forget(Response);
        return Redirect("/");
    }
}
