using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Schoolplein.Platform.Identity;

namespace Schoolplein.Tenant.Web.Account;

/// <summary>Step 3 of joining: the activation mail's link confirms the address; then the parent can sign in.</summary>
[AllowAnonymous]
public sealed class ActivateModel(UserManager<AppUser> users) : PageModel
{
    public bool Activated { get; private set; }

    public async Task OnGetAsync(Guid? userId, string? token)
    {
        if (userId is null || string.IsNullOrEmpty(token))
        {
            return;
        }
        // Found through the school's query filter: a link of another school finds no one here.
        var user = await users.FindByIdAsync(userId.Value.ToString());
        if (user is null || user.DeactivatedAt is not null)
        {
            return;
        }
        Activated = user.EmailConfirmed || (await users.ConfirmEmailAsync(user, token)).Succeeded;
    }
}
