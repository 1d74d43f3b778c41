using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Schoolplein.Backoffice.Persistence;

namespace Schoolplein.Backoffice.Schools;

[Authorize(Roles = BackofficeRoles.Onboarding + "," + BackofficeRoles.Admin)]
[RequestSizeLimit(2 * 1024 * 1024)]
public sealed class NewModel(SchoolOnboarding onboarding, SchoolMessages text) : PageModel
{
    [BindProperty]
    public SchoolForm Form { get; set; } = new();

    [BindProperty]
    public IFormFile? Logo { get; set; }

    public void OnGet() => Form = new SchoolForm { Modules = [.. Schoolplein.Platform.Modules.SchoolModules.All] };

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        byte[]? logo = null;
        if (Logo is { Length: > 0 })
        {
            using var buffer = new MemoryStream();
            await Logo.CopyToAsync(buffer, ct);
            logo = buffer.ToArray();
        }
        var result = await onboarding.CreateAsync(Form.ToNewSchool(), logo,
            new FirstAdmin(Form.AdminFirstName, Form.AdminLastName, Form.AdminEmail), ct);
        if (!result.Succeeded)
        {
            text.AddTo(ModelState, result.Problems);
            return Page();
        }
        return RedirectToPage("/Schools/Details", new { id = result.Value });
    }
}
