using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Schoolplein.Platform.Tenancy;

namespace Schoolplein.Tenant.Web.Errors;

/// <summary>Rendered for error status codes; on a school host in the school's layout, elsewhere neutral.</summary>
[AllowAnonymous]
[AnyHost]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public int Code { get; private set; }

    public void OnGet(int code) => Code = code;

    public void OnPost(int code) => Code = code;
}
