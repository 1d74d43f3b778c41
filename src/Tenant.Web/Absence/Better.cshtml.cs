using Schoolplein.Platform.Forms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Schoolplein.Tenant.Web.Modules;
using Schoolplein.Platform.Absence;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Modules;
using Schoolplein.Platform.Persistence;

using Schoolplein.Tenant.Web.Shared;

namespace Schoolplein.Tenant.Web.Absence;

/// <summary>Any guardian of the child reports it better (back at school on a day).</summary>
[Authorize(Roles = Roles.Parent)]
[RequiresModule(SchoolModules.Absence)]
public sealed class BetterModel(CurrentUser viewer, SchoolpleinDb db, AbsenceReporter reporter, IStringLocalizer<AbsenceText> text) : PageModel, IShowsError
{
    public string Child { get; private set; } = "";
    public DateOnly From { get; private set; }
    public DateOnly ReturnDate { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, null, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, [ModelBinder(typeof(IsoDateBinder))] DateOnly? returnDate, CancellationToken ct)
    {
        if (!await LoadAsync(id, returnDate, ct))
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            Error = text["Error_InvalidInput"];
            return Page();
        }
        var outcome = await reporter.MarkBetterAsync(viewer.Id, id, returnDate, ct);
        if (outcome is null)
        {
            return NotFound();
        }
        if (!outcome.Succeeded)
        {
            Error = text[outcome.Error!, outcome.ErrorArgs];
            return Page();
        }
        TempData["AbsenceDone"] = text["MarkedBetter", Child].Value;
        return Redirect("/afwezigheid");
    }

    private async Task<bool> LoadAsync(Guid id, DateOnly? returnDate, CancellationToken ct)
    {
        var userId = viewer.Id;
        var report = await db.Set<AbsenceReport>().AsNoTracking()
            .Where(r => r.Id == id && r.CancelledAt == null && r.Pupil!.Guardians.Any(g => g.UserId == userId))
            .Select(r => new { r.Pupil!.FirstName, r.FromDate })
            .FirstOrDefaultAsync(ct);
        if (report is null)
        {
            return false;
        }
        Child = report.FirstName;
        From = report.FromDate;
        ReturnDate = returnDate ?? await reporter.DefaultReturnDateAsync(ct);
        return true;
    }
}
