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

/// <summary>Edit one category: rename (the history keeps the old name), description, order, lock date; retire or bring back.</summary>
[Authorize(Roles = Roles.SchoolAdmin)]
public sealed class CategoryModel(ConsentService service, ConsentReader reader, IStringLocalizer<ConsentPagesText> text) : PageModel
{
    public CategoryView Category { get; private set; } = null!;

    [BindProperty]
    public CategoryInput Input { get; set; } = new();

    [TempData]
    public string? Saved { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid categoryId, CancellationToken ct)
    {
        if (!await LoadAsync(categoryId, ct))
        {
            return NotFound();
        }
        Input = new CategoryInput
        {
            Name = Category.Name,
            Description = Category.Description,
            SortOrder = Category.SortOrder.ToString(System.Globalization.CultureInfo.InvariantCulture),
            LockDate = Category.LockDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid categoryId, CancellationToken ct)
    {
        if (!await LoadAsync(categoryId, ct))
        {
            return NotFound();
        }
        var others = (await reader.CategoriesAsync(includeRetired: true, ct)).Where(c => c.Id != categoryId);
        ModelState.Clear();
        if (Input.Validate(ModelState, nameof(Input), text, others) is not { } valid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        if (!await service.UpdateCategoryAsync(categoryId, valid.Name, valid.Description, valid.SortOrder, valid.LockDate, ct))
        {
            return NotFound();
        }
        Saved = text["CategorySaved", valid.Name];
        return Redirect("/beheer/toestemming");
    }

    public Task<IActionResult> OnPostRetireAsync(Guid categoryId, CancellationToken ct) => SetRetiredAsync(categoryId, true, ct);

    public Task<IActionResult> OnPostRestoreAsync(Guid categoryId, CancellationToken ct) => SetRetiredAsync(categoryId, false, ct);

    private async Task<IActionResult> SetRetiredAsync(Guid categoryId, bool retired, CancellationToken ct)
    {
        if (!await LoadAsync(categoryId, ct))
        {
            return NotFound();
        }
        var outcome = await service.SetRetiredAsync(categoryId, retired, ct);
        if (!outcome.Succeeded)
        {
            ModelState.AddProblems(outcome.Problems.Select(p => p.On("Retire")), text);
            Input = new CategoryInput { Name = Category.Name, Description = Category.Description, SortOrder = Category.SortOrder.ToString(System.Globalization.CultureInfo.InvariantCulture), LockDate = Category.LockDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) };
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        Saved = text[retired ? "CategoryRetired" : "CategoryRestored", Category.Name];
        return Redirect("/beheer/toestemming");
    }

    private async Task<bool> LoadAsync(Guid categoryId, CancellationToken ct)
    {
        var category = (await reader.CategoriesAsync(includeRetired: true, ct)).FirstOrDefault(c => c.Id == categoryId);
        if (category is null)
        {
            return false;
        }
        Category = category;
        return true;
    }
}
