using Schoolplein.Platform.Schools;
using Schoolplein.Platform.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Schoolplein.Tenant.Web.Modules;
using Schoolplein.Platform.Absence;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Modules;
using Schoolplein.Platform.Persistence;

using Schoolplein.Tenant.Web.ChildSwitch;
using Schoolplein.Tenant.Web.Shared;

using Schoolplein.Tenant.Web.Push;

namespace Schoolplein.Tenant.Web.Absence;

/// <summary>A guardian reports a child absent (ziekmelding/afmelding) and sees the open reports of their children.</summary>
[RequiresModule(SchoolModules.Absence)]
public sealed class IndexModel(
    CurrentUser viewer, SchoolpleinDb db, TenantSettingsStore<AbsenceSettings> settings, AbsenceReasons reasons, AbsenceReporter reporter,
    IStringLocalizer<AbsenceText> text)
    : PageModel, IShowsError
{
    [BindProperty]
    public ReportForm Input { get; set; } = new();

    public IReadOnlyList<Child> Children { get; private set; } = [];
    public IReadOnlyList<ReasonView> Reasons { get; private set; } = [];
    public IReadOnlyList<ReportRow> Reports { get; private set; } = [];
    public DateOnly DefaultFrom { get; private set; }
    public DateOnly Today { get; private set; }
    public AbsenceSettings Settings { get; private set; } = new();
    public string? Error { get; private set; }
    public string? Confirmation { get; private set; }
    /// <summary>Set when the report must be made by phone: the explanation to show with the number.</summary>
    public string? CallInstead { get; private set; }

    public sealed record Child(Guid Id, string Name);
    public sealed record ReportRow(Guid Id, string Child, string? ReasonCode, string? ReasonName, DateOnly From, DateOnly? To, string? Note);

    public sealed class ReportForm
    {
        public Guid PupilId { get; set; }
        public Guid ReasonId { get; set; }
        [ModelBinder(typeof(IsoDateBinder))]
        public DateOnly? FromDate { get; set; }
        public AbsenceUntil Until { get; set; }
        [ModelBinder(typeof(IsoDateBinder))]
        public DateOnly? ToDate { get; set; }
        public string? Note { get; set; }
    }

    // ChildChoice (the header's child list and choice, read once per request) comes per handler: the page already has six
    // constructor dependencies (house rule: at most six).
    public async Task OnGetAsync([FromServices] ChildChoice choice, CancellationToken ct)
    {
        await LoadAsync(choice, ct);
        // The child chosen in the header is the one a parent most likely reports sick.
        if (Input.PupilId == Guid.Empty && await choice.ChosenIdAsync(Request, ct) is { } chosen)
        {
            Input.PupilId = chosen;
        }
    }

    public async Task<IActionResult> OnPostAsync([FromServices] ChildChoice choice, CancellationToken ct)
    {
        if (!viewer.IsParent)
        {
            return Forbid();
        }
        if (!ModelState.IsValid)
        {
            Error = text["Error_InvalidInput"];
            await LoadAsync(choice, ct);
            return Page();
        }
        var outcome = await reporter.ReportAsync(viewer.Id,
            new AbsenceInput(Input.PupilId, Input.ReasonId, Input.FromDate, Input.Until, Input.ToDate, Input.Note), ct);
        if (!outcome.Succeeded)
        {
            Error = text[outcome.Error!, outcome.ErrorArgs];
            await LoadAsync(choice, ct);
            return Page();
        }
        var done = outcome.Value!;
        if (done.CallInstead)
        {
            var options = await settings.GetAsync(ct);
            var reason = (await reasons.ReasonsAsync(false, ct)).FirstOrDefault(r => r.Id == Input.ReasonId);
            CallInstead = reason?.PhoneOnly == true
                ? options.PhoneOnlyExplanation ?? text["PhoneOnlyDefault", text.ReasonName(reason.Code, reason.Name)].Value
                : text["AfterCutOffCall", options.CutOffTime.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture)].Value;
            await LoadAsync(choice, ct);
            return Page();
        }
        TempData["AbsenceDone"] = done.MovedPastCutOff
            ? text["ReportedMoved", AbsencePages.Day(done.FromDate)].Value
            : text["Reported", AbsencePages.Day(done.FromDate)].Value;
        PushOffer.OfferOnNextPage(TempData);
        return RedirectToPage();
    }

    private async Task LoadAsync(ChildChoice choice, CancellationToken ct)
    {
        var userId = viewer.Id;
        Today = reporter.Today;
        Settings = await settings.GetAsync(ct);
        Confirmation = TempData["AbsenceDone"] as string;
        if (!viewer.IsParent)
        {
            return;
        }
        Children = (await choice.ChildrenAsync(ct)).Select(k => new Child(k.Id, k.FullName)).ToList();
        Reasons = await reasons.ReasonsAsync(false, ct);
        DefaultFrom = await reporter.DefaultFromDateAsync(ct);
        var today = Today;
        Reports = await db.Set<AbsenceReport>().AsNoTracking()
            .Where(r => r.CancelledAt == null && (r.ToDate == null || r.ToDate >= today) && r.Pupil!.Guardians.Any(g => g.UserId == userId))
            .OrderBy(r => r.FromDate)
            .Select(r => new ReportRow(r.Id, r.Pupil!.FirstName, r.Reason!.Code, r.Reason.Name, r.FromDate, r.ToDate, r.Note))
            .ToListAsync(ct);
    }
}
