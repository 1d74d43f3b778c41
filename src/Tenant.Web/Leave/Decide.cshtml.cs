using Schoolplein.Platform.Forms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Schoolplein.Tenant.Web.Modules;
using Schoolplein.Platform;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Leave;
using Schoolplein.Platform.Modules;
using Schoolplein.Platform.Persistence;
using Schoolplein.Tenant.Web.Shared;

namespace Schoolplein.Tenant.Web.Leave;

/// <summary>
/// The director decides a request, or (above ten school days of gewichtige omstandigheden, art. 14 lid 3)
/// forwards it to the leerplichtambtenaar with the generated summary and records the officer's decision.
/// </summary>
[Authorize(Roles = Roles.SchoolAdmin)]
[RequiresModule(SchoolModules.Leave)]
public sealed class DecideModel(CurrentUser viewer, SchoolpleinDb db, LeaveDecider decider, AttendanceOfficerSummary summary, IStringLocalizer<LeaveText> text) : PageModel, IShowsError
{
    public LeaveDetails Leave { get; private set; } = null!;
    public IReadOnlyList<Earlier> History { get; private set; } = [];
    public string? Summary { get; private set; }
    public string? Message { get; private set; }
    public string? Error { get; private set; }
    public string? Note { get; private set; }

    /// <summary>The leerplichtambtenaar's decision as the school records it (only the Officer handler reads it).</summary>
    [BindProperty]
    public OfficerForm Officer { get; set; } = new();

    public sealed class OfficerForm
    {
        public LeaveDecision? Decision { get; set; }
        [ModelBinder(typeof(IsoDateBinder))]
        public DateOnly? DecidedOn { get; set; }
        public string? Reference { get; set; }
        public string? Note { get; set; }
    }

    public sealed record Earlier(Guid Id, string Child, LeaveKind Kind, string? TypeName, DateOnly Start, DateOnly End, int SchoolDays, LeaveStatus Status);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostApproveAsync(Guid id, string? note, CancellationToken ct) => DecideAsync(id, LeaveDecision.Approve, note, ct);

    public Task<IActionResult> OnPostRejectAsync(Guid id, string? note, CancellationToken ct) => DecideAsync(id, LeaveDecision.Reject, note, ct);

    public async Task<IActionResult> OnPostForwardAsync(Guid id, CancellationToken ct)
    {
        var outcome = await decider.ForwardAsync(viewer.Id, id, ct);
        return await AfterAsync(id, outcome, "Forwarded", null, ct);
    }

    public async Task<IActionResult> OnPostOfficerAsync(Guid id, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            if (!await LoadAsync(id, ct))
            {
                return NotFound();
            }
            Error = text["Error_InvalidInput"];
            return Page();
        }
        var outcome = await decider.RecordOfficerDecisionAsync(
            viewer.Id, id, Officer.Decision, Officer.DecidedOn, Officer.Reference, Officer.Note, ct);
        return await AfterAsync(id, outcome, "OfficerRecorded", null, ct);
    }

    private async Task<IActionResult> DecideAsync(Guid id, LeaveDecision decision, string? note, CancellationToken ct)
    {
        var outcome = await decider.DecideAsync(viewer.Id, id, decision, note, ct);
        return await AfterAsync(id, outcome, decision == LeaveDecision.Approve ? "Approved" : "Rejected", note, ct);
    }

    private async Task<IActionResult> AfterAsync(Guid id, Outcome<bool>? outcome, string doneKey, string? note, CancellationToken ct)
    {
        if (outcome is null)
        {
            return NotFound();
        }
        if (!outcome.Succeeded)
        {
            Error = text[outcome.Error!, outcome.ErrorArgs];
            Note = note;
            await LoadAsync(id, ct);
            return Page();
        }
        TempData["LeaveDone"] = text["Done_" + doneKey].Value;
        return Redirect($"/beheer/verlof/{id}");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var details = await LeaveDetails.LoadAsync(db, id, viewer.Id, asAdmin: true, ct);
        if (details is null)
        {
            return false;
        }
        Leave = details;
        Message = TempData["LeaveDone"] as string;
        var children = details.Children.Select(c => c.Id).ToList();
        History = await db.Set<LeaveRequestChild>().AsNoTracking()
            .Where(c => children.Contains(c.PupilId) && c.LeaveRequestId != id)
            .Join(db.Set<LeaveRequest>(), c => c.LeaveRequestId, r => r.Id, (c, r) => new { c, r })
            .OrderByDescending(x => x.r.StartDate)
            .Select(x => new Earlier(x.r.Id, x.c.Pupil!.FirstName, x.r.Kind, x.r.LeaveType!.Name, x.r.StartDate, x.r.EndDate, x.r.SchoolDays, x.r.Status))
            .ToListAsync(ct);
        if (details.ForwardToAttendanceOfficer)
        {
            Summary = await summary.BuildAsync(id, ct);
        }
        return true;
    }
}
