using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Schoolplein.Platform.LinkCodes;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Tenancy;
using Schoolplein.Tenant.Web.Account;
using Schoolplein.Tenant.Web.Security;

namespace Schoolplein.Tenant.Web.BareDomain;

/// <summary>
/// A koppelcode typed on the bare base domain: the code's school is found through the
/// hash directory (no school data is read here) and the parent continues on the school's
/// own join page with the code filled in.
/// </summary>
[AllowAnonymous]
[LinkCodeAttempt]
[FormContinuesOnSchoolHost]
public sealed class KoppelcodeModel(SchoolpleinDb db, TenantCatalog catalog, IOptions<TenancyOptions> tenancy, IStringLocalizer<JoinText> text) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    public void OnGet(string? code) => Code = code;

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Code))
        {
            ModelState.AddModelError(nameof(Code), text["CodeRequired"]);
            return Page();
        }
        if (LinkCodeFormat.Normalize(Code) is not { } code)
        {
            ModelState.AddModelError(nameof(Code), text["CodeInvalid"]);
            return Page();
        }
        var schoolId = await LinkCodeService.FindSchoolAsync(db, code, ct);
        var school = schoolId is { } id ? await catalog.FindByIdAsync(id, ct) : null;
        if (school is null || !school.IsServed)
        {
            ModelState.AddModelError(nameof(Code), text["PlatformNotFound"]);
            return Page();
        }
        return Redirect(tenancy.Value.SchoolUri(school.Slug, $"/Account/Join?code={LinkCodeFormat.Display(code)}").ToString());
    }
}
