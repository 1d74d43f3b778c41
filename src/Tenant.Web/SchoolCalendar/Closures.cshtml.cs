using Schoolplein.Platform.Forms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Schoolplein.Platform;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Localization;
using Schoolplein.Platform.SchoolCalendar;
using Schoolplein.Tenant.Web.Shared;

namespace Schoolplein.Tenant.Web.SchoolCalendar;

/// <summary>The school's holidays and study days: school days (leave, absence, office hours) are counted without them.</summary>
[Authorize(Roles = Roles.SchoolAdmin)]
public sealed class ClosuresModel(SchoolpleinDb db, SchoolClosures closures, SchoolClock clock, IStringLocalizer<SchoolCalendarText> text) : PageModel, IShowsError
{
    public IReadOnlyList<SchoolClosure> Closures { get; private set; } = [];
    public DateOnly? YearStart { get; private set; }
    public string? Error { get; private set; }
    public string? Saved { get; private set; }
    public ClosureForm Input { get; private set; } = new();

    public sealed class ClosureForm
    {
        public string? Name { get; set; }
        public ClosureKind Kind { get; set; }
        [ModelBinder(typeof(IsoDateBinder))]
        public DateOnly? Start { get; set; }
        [ModelBinder(typeof(IsoDateBinder))]
        public DateOnly? End { get; set; }
    }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync([FromForm] ClosureForm input, CancellationToken ct)
    {
        Input = input;
        var added = !ModelState.IsValid || !Enum.IsDefined(input.Kind)
            ? Outcome<Guid>.Refused("Error_InvalidInput")
            : await closures.AddAsync(input.Name, input.Kind, input.Start, input.End, ct);
        if (!added.Succeeded)
        {
            Error = text.Text(added.Problems[0]);
            await LoadAsync(ct);
            return Page();
        }
        TempData["ClosureSaved"] = text["Added"].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid closureId, CancellationToken ct)
    {
        if (!this.IsConfirmed())
        {
            var closure = await db.Set<SchoolClosure>().AsNoTracking().Where(c => c.Id == closureId)
                .Select(c => new { c.Name, c.StartDate, c.EndDate }).FirstOrDefaultAsync(ct);
            if (closure is null)
            {
                return NotFound();
            }
            // School days counted for leave and absence change with it.
            return this.Ask(text["DeleteConfirmTitle"], text["DeleteConfirmQuestion", closure.Name, DateText.Day(closure.StartDate), DateText.Day(closure.EndDate)],
                text["DeleteConfirmButton"], "/beheer/schoolkalender");
        }
        if (!await closures.DeleteAsync(closureId, ct))
        {
            return NotFound();
        }
        TempData["ClosureSaved"] = text["Deleted"].Value;
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Saved = TempData["ClosureSaved"] as string;
        var from = clock.Today.AddYears(-1);
        Closures = await db.Set<SchoolClosure>().AsNoTracking().Where(c => c.EndDate >= from).OrderBy(c => c.StartDate).ToListAsync(ct);
        YearStart = new SchoolDays(Closures.Select(c => new Closure(c.StartDate, c.EndDate, c.Kind, c.Name))).SchoolYearStart(clock.Today);
    }
}
