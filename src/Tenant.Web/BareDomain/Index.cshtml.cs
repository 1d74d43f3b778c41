using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Schoolplein.Platform.Tenancy;

namespace Schoolplein.Tenant.Web.BareDomain;

/// <summary>The neutral landing page on the bare base domain; it never shows school data.</summary>
[AllowAnonymous]
public sealed class IndexModel(IOptions<TenancyOptions> tenancy) : PageModel
{
    public string ExampleAddress => tenancy.Value.SchoolUri("jouwschool").Host;

    public void OnGet()
    {
    }
}
