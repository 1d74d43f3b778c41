using Schoolplein.Platform.Schools;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Schoolplein.Platform.Blobs;
using Schoolplein.Tenant.Web.Modules;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Leave;
using Schoolplein.Platform.Modules;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.SchoolCalendar;

using Schoolplein.Tenant.Web.ChildSwitch;
using Schoolplein.Tenant.Web.Shared;

using Schoolplein.Tenant.Web.Push;

namespace Schoolplein.Tenant.Web.Leave;

/// <summary>A guardian requests leave for one or more children; the law's rules are explained before anything is saved.</summary>
[Authorize(Roles = Roles.Parent)]
[RequiresModule(SchoolModules.Leave)]
[RequestSizeLimit(LeaveAttachments.MaxBytes + 256 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = LeaveAttachments.MaxBytes + 256 * 1024)]
public sealed class NewModel(CurrentUser viewer, SchoolpleinDb db, LeaveRequester requester, TenantSettingsStore<LeaveSettings> settings, SchoolClock clock, IStringLocalizer<LeaveText> text) : PageModel
{
    [BindProperty]
    public RequestForm Input { get; set; } = new();

    public IReadOnlyList<Option> Children { get; private set; } = [];
    public IReadOnlyList<Option> Types { get; private set; } = [];
    public int LeadTimeWeeks { get; private set; }
    public DateOnly Today { get; private set; }
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public LeaveSubmission? Checked { get; private set; }

    public sealed record Option(Guid Id, string Name);

    public sealed class RequestForm
    {
        public List<Guid> PupilIds { get; set; } = [];
        /// <summary>"Vacation", "ImportantCircumstances" or the id of a school-defined type.</summary>
        public string? Type { get; set; }
        [ModelBinder(typeof(IsoDateBinder))]
        public DateOnly? Start { get; set; }
        [ModelBinder(typeof(IsoDateBinder))]
        public DateOnly? End { get; set; }
        public string? Reason { get; set; }
        public IFormFile? Attachment { get; set; }
        /// <summary>The werkgeversverklaring for vakantieverlof (art. 13a): its own field, required for that kind.</summary>
        public IFormFile? EmployerStatement { get; set; }
    }

    // ChildChoice (the header's child list and choice, read once per request) comes per handler: the page already has six
    // constructor dependencies (house rule: at most six).
    public async Task OnGetAsync([FromServices] ChildChoice choice, CancellationToken ct)
    {
        await LoadAsync(choice, ct);
        // The child chosen in the header starts ticked; the parent can add the others (leave is often for all children at once).
        if (Input.PupilIds.Count == 0 && await choice.ChosenIdAsync(Request, ct) is { } chosen)
        {
            Input.PupilIds.Add(chosen);
        }
    }

    public Task<IActionResult> OnPostCheckAsync([FromServices] ChildChoice choice, CancellationToken ct) => HandleAsync(choice, save: false, ct);

    public Task<IActionResult> OnPostAsync([FromServices] ChildChoice choice, CancellationToken ct) => HandleAsync(choice, save: true, ct);

    private async Task<IActionResult> HandleAsync(ChildChoice choice, bool save, CancellationToken ct)
    {
        await LoadAsync(choice, ct);
        if (!ModelState.IsValid)
        {
            Errors = [text["Error_InvalidInput"]];
            return Page();
        }
        LeaveKind kind;
        Guid? typeId = null;
        if (Enum.TryParse<LeaveKind>(Input.Type, out var parsed) && parsed != LeaveKind.Other && Enum.IsDefined(parsed))
        {
            kind = parsed;
        }
        else if (Guid.TryParse(Input.Type, out var id))
        {
            (kind, typeId) = (LeaveKind.Other, id);
        }
        else
        {
            Errors = [text["Error_TypeRequired"]];
            return Page();
        }
        if (Input.Attachment?.Length > LeaveAttachments.MaxBytes || Input.EmployerStatement?.Length > LeaveAttachments.MaxBytes)
        {
            Errors = [text["Error_FileTooLarge", LeaveAttachments.MaxBytes / (1024 * 1024)]];
            return Page();
        }
        var file = await ReadAsync(Input.Attachment, ct);
        var statement = await ReadAsync(Input.EmployerStatement, ct);
        var outcome = await requester.SubmitAsync(viewer.Id,
            new LeaveInput(kind, typeId, Input.Start, Input.End, Input.Reason, Input.PupilIds, file, statement), save, ct);
        if (!outcome.Succeeded)
        {
            Errors = [text[outcome.Error!, outcome.ErrorArgs]];
            return Page();
        }
        var submission = outcome.Value!;
        if (submission.RequestId is { } requestId)
        {
            TempData["LeaveDone"] = text["Submitted"].Value;
            PushOffer.OfferOnNextPage(TempData);
            return Redirect($"/verlof/{requestId}");
        }
        if (submission.Assessment.Refused)
        {
            Errors = submission.Assessment.Refusals.Select(f => text.Explain(f, submission.ChildNames)).ToList();
        }
        Checked = submission;
        return Page();
    }

    private static async Task<UploadedFile?> ReadAsync(IFormFile? upload, CancellationToken ct)
    {
        if (upload is not { Length: > 0 })
        {
            return null;
        }
        using var buffer = new MemoryStream();
        await upload.CopyToAsync(buffer, ct);
        return new UploadedFile(upload.FileName, buffer.ToArray());
    }

    private async Task LoadAsync(ChildChoice choice, CancellationToken ct)
    {
        Today = clock.Today;
        LeadTimeWeeks = (await settings.GetAsync(ct)).LeadTimeWeeks;
        Children = (await choice.ChildrenAsync(ct)).Select(k => new Option(k.Id, k.FullName)).ToList();
        Types = await db.Set<LeaveType>().AsNoTracking().Where(t => t.Active).OrderBy(t => t.Name)
            .Select(t => new Option(t.Id, t.Name)).ToListAsync(ct);
    }
}
