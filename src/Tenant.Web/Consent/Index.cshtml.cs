using Schoolplein.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Schoolplein.Platform.Consent;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Persistence;

namespace Schoolplein.Tenant.Web.Consent;

/// <summary>
/// A guardian's consent per child: each category with its current answer and a pencil to
/// allow or deny. Staff see their groups' matrices from here.
/// </summary>
public sealed class IndexModel(CurrentUser viewer, ConsentService service, ConsentReader reader, SchoolpleinDb db, IStringLocalizer<ConsentPagesText> text) : PageModel
{
    public sealed record Answer(CategoryView Category, bool? Granted, DateTimeOffset? At, bool Locked);
    public sealed record Child(Guid Id, string Name, string? Group, IReadOnlyList<Answer> Answers);
    public sealed record GroupRow(Guid Id, string Name, int Pupils);
    public sealed record FormError(Guid PupilId, Guid CategoryId, string Message);

    public IReadOnlyList<Child> Children { get; private set; } = [];
    public IReadOnlyList<GroupRow> Groups { get; private set; } = [];
    public bool IsParent { get; private set; }
    public bool IsStaff { get; private set; }
    public bool IsAdmin { get; private set; }
    public FormError? Error { get; private set; }

    [TempData]
    public string? Saved { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await service.EnsureDefaultCategoriesAsync(ct);
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(Guid pupilId, Guid categoryId, string? answer, CancellationToken ct)
    {
        var granted = ConsentWeb.ParseAnswer(answer);
        if (granted is null)
        {
            return await ShowErrorAsync(pupilId, categoryId, text["Error.ChooseAnswer"], ct);
        }
        var outcome = await service.RecordAsync(new RecordConsent(pupilId, categoryId, granted.Value, ConsentSource.Portal, viewer.Id), ct);
        if (outcome.Error is ConsentProblems.PupilNotFound or ConsentProblems.NotAGuardian or ConsentProblems.CategoryNotFound)
        {
            return NotFound();
        }
        if (!outcome.Succeeded)
        {
            return await ShowErrorAsync(pupilId, categoryId, text.Text(outcome.Problems[0]), ct);
        }
        Saved = text["Saved"];
        return Redirect($"/toestemming#child-{pupilId}");
    }

    private async Task<IActionResult> ShowErrorAsync(Guid pupilId, Guid categoryId, string message, CancellationToken ct)
    {
        await LoadAsync(ct);
        if (!Children.Any(c => c.Id == pupilId))
        {
            return NotFound();
        }
        Error = new FormError(pupilId, categoryId, message);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var userId = viewer.Id;
        IsParent = viewer.IsParent;
        IsAdmin = viewer.IsAdmin;
        IsStaff = IsAdmin || viewer.IsTeacher;
        if (IsParent)
        {
            var children = await db.Guardianships.AsNoTracking()
                .Where(g => g.UserId == userId && g.Pupil!.ArchivedAt == null)
                .OrderBy(g => g.Pupil!.FirstName)
                .Select(g => new
                {
                    g.PupilId,
                    g.Pupil!.FirstName,
                    g.Pupil.LastNamePrefix,
                    g.Pupil.LastName,
                    Group = g.Pupil.Group!.Name,
                })
                .ToListAsync(ct);
            var categories = await reader.CategoriesAsync(includeRetired: false, ct);
            var answers = await reader.CurrentAnswersAsync(children.Select(c => c.PupilId).ToList(), ct);
            var today = service.Today;
            Children = children.Select(c => new Child(
                c.PupilId,
                PersonName.Format(c.FirstName, c.LastNamePrefix, c.LastName),
                c.Group,
                categories.Select(cat =>
                {
                    var current = answers.GetValueOrDefault((c.PupilId, cat.Id));
                    return new Answer(cat, current?.Granted, current?.RecordedAt, cat.LockDate is { } l && today > l);
                }).ToList())).ToList();
        }
        if (IsStaff)
        {
            Groups = await reader.VisibleGroups(userId, IsAdmin).AsNoTracking()
                .OrderBy(g => g.SortOrder).ThenBy(g => g.Name)
                .Select(g => new GroupRow(g.Id, g.Name, g.Pupils.Count(p => p.ArchivedAt == null)))
                .ToListAsync(ct);
        }
    }
}
