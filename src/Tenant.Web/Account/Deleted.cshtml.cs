using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Schoolplein.Tenant.Web.Account;

/// <summary>Shown once an account was deleted (the visitor is signed out by then).</summary>
[AllowAnonymous]
public sealed class DeletedModel : PageModel
{
    public void OnGet()
    {
    }
}
