using Schoolplein.Platform.Forms;
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

/// <summary>The yearly re-confirmation: a guardian confirms (or changes) every open category of each child in one go.</summary>
[Authorize(Roles = Roles.Parent)]
public sealed class ConfirmModel(CurrentUser viewer, ConsentService service, ConsentReader reader, SchoolpleinDb db, IStringLocalizer<ConsentPagesText> text) : PageModel, IShowsError
{
    public sealed record Choice(CategoryView Category, bool? Current, bool Locked, string? Error);
    public sealed record ChildForm(Guid Id, string Name, IReadOnlyList<Choice> Choices);

    public IReadOnlyList<ChildForm> Children { get; private set; } = [];
    public bool HasErrors { get; private set; }
    /// <summary>A refusal of the whole confirmation (the answers themselves were fine).</summary>
    public string? Error { get; private set; }

    [TempData]
    public string? Saved { get; set; }

    public static string FieldName(Guid pupilId, Guid categoryId) => $"answer-{pupilId:N}-{categoryId:N}";

    public async Task OnGetAsync(CancellationToken ct)
    {
        await service.EnsureDefaultCategoriesAsync(ct);
        await LoadAsync(null, ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var posted = new Dictionary<string, bool?>();
        foreach (var (key, value) in Request.Form)
        {
            posted[key] = ConsentWeb.ParseAnswer(value.ToString());
        }
        await LoadAsync(posted, ct);
        if (Children.Count == 0)
        {
            return Redirect("/toestemming");
        }
        if (HasErrors)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var answers = Children.ToDictionary(child => child.Id, IReadOnlyDictionary<Guid, bool> (child) => child.Choices.Where(c => !c.Locked)
            .ToDictionary(c => c.Category.Id, c => posted[FieldName(child.Id, c.Category.Id)]!.Value));
        var outcome = await service.ConfirmAsync(viewer.Id, answers, ct);
        if (!outcome.Succeeded)
        {
            // The form was checked above; this is a change by someone else meanwhile (a new category, an unlinked child).
            Error = text.Text(outcome.Problems[0]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        Saved = text["Confirmed"];
        return Redirect("/toestemming");
    }

    /// <summary>Builds the form for the children still to confirm; with <paramref name="posted"/>, marks every open category without a valid answer.</summary>
    private async Task LoadAsync(IReadOnlyDictionary<string, bool?>? posted, CancellationToken ct)
    {
        var pending = await reader.ChildrenToConfirmAsync(viewer.Id, ct);
        var names = await db.Pupils.AsNoTracking().Where(p => pending.Contains(p.Id))
            .Select(p => new { p.Id, p.FullName })
            .ToDictionaryAsync(p => p.Id, p => p.FullName, ct);
        var categories = await reader.CategoriesAsync(includeRetired: false, ct);
        var answers = await reader.CurrentAnswersAsync(pending, ct);
        var today = service.Today;
        Children = pending.Select(id => new ChildForm(id, names[id], categories.Select(c =>
        {
            var locked = c.LockDate is { } l && today > l;
            bool? current = answers.TryGetValue((id, c.Id), out var a) ? a.Granted : null;
            string? error = null;
            if (posted is not null && !locked)
            {
                current = posted.GetValueOrDefault(FieldName(id, c.Id));
                if (current is null)
                {
                    error = text["Error.ChooseAnswer"];
                    HasErrors = true;
                }
            }
            return new Choice(c, current, locked, error);
        }).ToList())).ToList();
    }
}
