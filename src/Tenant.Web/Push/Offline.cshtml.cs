using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Schoolplein.Tenant.Web.Push;

/// <summary>The page the service worker caches and shows when a page cannot load (no connection).</summary>
[AllowAnonymous]
public sealed class OfflineModel : PageModel
{
    public void OnGet()
    {
    }
}
