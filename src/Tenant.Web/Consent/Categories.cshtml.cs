using Schoolplein.Platform;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Schoolplein.Platform.Consent;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Persistence;

namespace Schoolplein.Tenant.Web.Consent;

/// <summary>The school admin's consent settings: categories (add, then edit/retire per category) and the yearly re-confirmation.</summary>
[Authorize(Roles = Roles.SchoolAdmin)]
public sealed class CategoriesModel(
    CurrentUser viewer, ConsentService service, ConsentReader reader, SchoolpleinDb db, IStringLocalizer<ConsentPagesText> text) : PageModel
{
    public sealed record ReconfirmationView(string SchoolYear, DateTimeOffset RequestedAt, int Confirmed);

    public IReadOnlyList<CategoryView> Categories { get; private set; } = [];
    public ReconfirmationView? ThisYear { get; private set; }
    public string SchoolYear { get; private set; } = "";

    [BindProperty]
    public CategoryInput Input { get; set; } = new();

    [TempData]
    public string? Saved { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await service.EnsureDefaultCategoriesAsync(ct);
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        await service.EnsureDefaultCategoriesAsync(ct);
        await LoadAsync(ct);
        ModelState.Clear();
        if (Input.Validate(ModelState, nameof(Input), text, Categories) is not { } valid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        await service.AddCategoryAsync(valid.Name, valid.Description,
            valid.SortOrder ?? (Categories.Count == 0 ? 10 : Categories.Max(c => c.SortOrder) + 10), valid.LockDate, ct);
        Saved = text["CategoryAdded", valid.Name];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostReconfirmAsync(CancellationToken ct)
    {
        var outcome = await service.RequestReconfirmationAsync(viewer.Id, ct);
        if (!outcome.Succeeded)
        {
            await LoadAsync(ct);
            ModelState.AddProblems(outcome.Problems.Select(p => p.On("Reconfirm")), text);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        Saved = text["ReconfirmRequested"];
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Categories = await reader.CategoriesAsync(includeRetired: true, ct);
        SchoolYear = ConsentRules.SchoolYearOf(service.Today);
        var year = SchoolYear;
        ThisYear = await db.ConsentReconfirmations.AsNoTracking()
            .Where(r => r.SchoolYear == year)
            .Select(r => new ReconfirmationView(r.SchoolYear, r.RequestedAt,
                db.ConsentConfirmations.Where(c => c.ReconfirmationId == r.Id).Select(c => c.GuardianUserId).Distinct().Count()))
            .FirstOrDefaultAsync(ct);
    }
}
