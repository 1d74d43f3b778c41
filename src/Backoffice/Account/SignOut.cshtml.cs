using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Schoolplein.Backoffice.Persistence;
using Schoolplein.Platform.Forms;

namespace Schoolplein.Backoffice.Account;

// Signing out twice is signing out.
[AllowResubmit]
public sealed class SignOutModel(SignInManager<BackofficeUser> signIn) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return Redirect("/Account/SignIn");
    }
}
