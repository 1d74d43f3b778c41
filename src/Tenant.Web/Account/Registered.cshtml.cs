using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Schoolplein.Tenant.Web.Account;

/// <summary>"Check your mailbox": the same answer whether or not the address already had an account.</summary>
[AllowAnonymous]
public sealed class RegisteredModel : PageModel
{
    public string? Email { get; private set; }

    public void OnGet() => Email = TempData["RegisteredEmail"] as string;
}
