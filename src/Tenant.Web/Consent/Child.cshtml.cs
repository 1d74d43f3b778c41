using Schoolplein.Platform;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Schoolplein.Platform.Consent;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Persistence;

namespace Schoolplein.Tenant.Web.Consent;

/// <summary>
/// One child's current answers and full history, for the child's guardians, the group's teachers
/// and the school admins. Admins also enter paper forms here.
/// </summary>
public sealed class ChildModel(CurrentUser viewer, ConsentService service, ConsentReader reader, SchoolpleinDb db, IStringLocalizer<ConsentPagesText> text) : PageModel
{
    public sealed record ChildView(Guid Id, string Name, string? Group, bool Archived, bool IsOwnChild);
    public sealed record Row(CategoryView Category, CurrentAnswer? Current);
    public sealed record GuardianOption(Guid Id, string Name);

    public ChildView Child { get; private set; } = null!;
    public IReadOnlyList<Row> Answers { get; private set; } = [];
    public IReadOnlyList<HistoryEntry> History { get; private set; } = [];
    public IReadOnlyList<GuardianOption> Guardians { get; private set; } = [];
    public IReadOnlyList<CategoryView> OpenCategories { get; private set; } = [];
    public bool CanEnterPaper { get; private set; }

    [BindProperty]
    public PaperInput Paper { get; set; } = new();

    [TempData]
    public string? Saved { get; set; }

    public sealed class PaperInput
    {
        public Guid? CategoryId { get; set; }
        public string? Answer { get; set; }
        public Guid? GuardianId { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(Guid pupilId, CancellationToken ct)
    {
        await service.EnsureDefaultCategoriesAsync(ct);
        return await LoadAsync(pupilId, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostPaperAsync(Guid pupilId, CancellationToken ct)
    {
        if (!await LoadAsync(pupilId, ct))
        {
            return NotFound();
        }
        if (!CanEnterPaper)
        {
            return Forbid();
        }
        var granted = ConsentWeb.ParseAnswer(Paper.Answer);
        if (Paper.CategoryId is not { } categoryId || OpenCategories.All(c => c.Id != categoryId))
        {
            ModelState.AddModelError("Paper.CategoryId", text["Error.ChooseCategory"]);
        }
        if (granted is null)
        {
            ModelState.AddModelError("Paper.Answer", text["Error.ChooseAnswer"]);
        }
        if (Paper.GuardianId is { } guardian && Guardians.All(g => g.Id != guardian))
        {
            ModelState.AddModelError("Paper.GuardianId", text["Error.ChooseGuardian"]);
        }
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var outcome = await service.RecordAsync(new RecordConsent(pupilId, Paper.CategoryId!.Value, granted!.Value, ConsentSource.Paper, Paper.GuardianId, viewer.Id), ct);
        if (!outcome.Succeeded)
        {
            ModelState.AddProblems(outcome.Problems.Select(p => p.On("CategoryId")), text, nameof(Paper));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        Saved = text["PaperSaved"];
        return Redirect($"/toestemming/kind/{pupilId}");
    }

    private async Task<bool> LoadAsync(Guid pupilId, CancellationToken ct)
    {
        var userId = viewer.Id;
        var isAdmin = viewer.IsAdmin;
        var child = await reader.VisiblePupils(userId, isAdmin, viewer.IsTeacher).AsNoTracking()
            .Where(p => p.Id == pupilId)
            .Select(p => new
            {
                p.Id, p.FirstName, p.LastNamePrefix, p.LastName, Group = p.Group!.Name, Archived = p.ArchivedAt != null,
                Own = p.Guardians.Any(g => g.UserId == userId),
            })
            .FirstOrDefaultAsync(ct);
        if (child is null)
        {
            return false;
        }
        Child = new ChildView(child.Id, PersonName.Format(child.FirstName, child.LastNamePrefix, child.LastName), child.Group, child.Archived, child.Own);
        var categories = await reader.CategoriesAsync(includeRetired: true, ct);
        var answers = await reader.CurrentAnswersAsync([pupilId], ct);
        Answers = categories
            .Where(c => !c.Retired || answers.ContainsKey((pupilId, c.Id)))
            .Select(c => new Row(c, answers.GetValueOrDefault((pupilId, c.Id))))
            .ToList();
        History = await reader.HistoryAsync(pupilId, ct);
        CanEnterPaper = isAdmin && !child.Archived;
        if (CanEnterPaper)
        {
            OpenCategories = categories.Where(c => !c.Retired).ToList();
            Guardians = (await db.Guardianships.AsNoTracking()
                    .Where(g => g.PupilId == pupilId)
                    .Select(g => new { g.UserId, g.User!.FullName })
                    .ToListAsync(ct))
                .Select(g => new GuardianOption(g.UserId, g.FullName))
                .OrderBy(g => g.Name)
                .ToList();
        }
        return true;
    }
}
