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
        return Redirect("/");
    }
}
