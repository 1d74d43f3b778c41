using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Schoolplein.Platform;
using Schoolplein.Platform.Calendar;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Tenancy;

using Schoolplein.Tenant.Web.Shared;

namespace Schoolplein.Tenant.Web.Calendar;

/// <summary>Change or delete an event; only for staff who may edit it (404 otherwise).</summary>
[Authorize(Roles = Roles.Staff)]
public sealed class EditModel(CurrentUser viewer, CalendarService calendar, SchoolpleinDb db, TenantContext tenant, IStringLocalizer<CalendarText> text)
    : EventEditorModel(viewer, calendar, tenant, text)
{
    public Guid Id { get; private set; }
    public IReadOnlyList<AttachmentRow> Attachments { get; private set; } = [];
    public string? Message { get; private set; }

    public sealed record AttachmentRow(Guid Id, string FileName, long Size);

    private async Task LoadAttachmentsAsync(Guid id, CancellationToken ct) =>
        Attachments = await db.Set<CalendarAttachment>().AsNoTracking().Where(a => a.EventId == id).OrderBy(a => a.CreatedAt)
            .Select(a => new AttachmentRow(a.Id, a.FileName, a.Size)).ToListAsync(ct);

    private Task<CalendarEvent?> FindAsync(Guid id, CancellationToken ct) =>
        Calendar.EditableBy(Viewer).Include(e => e.Groups).FirstOrDefaultAsync(e => e.Id == id, ct);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var e = await FindAsync(id, ct);
        if (e is null)
        {
            return NotFound();
        }
        Id = id;
        Form = EventForm.From(e);
        await LoadGroupsAsync(ct);
        await LoadAttachmentsAsync(id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var e = await FindAsync(id, ct);
        if (e is null)
        {
            return NotFound();
        }
        Id = id;
        if (!await TrySaveAsync(e, ct))
        {
            await LoadAttachmentsAsync(id, ct);
            return Page();
        }
        return Redirect($"/agenda/{id}");
    }

    public async Task<IActionResult> OnPostAttachAsync(Guid id, IFormFile? file, CancellationToken ct)
    {
        var e = await FindAsync(id, ct);
        if (e is null)
        {
            return NotFound();
        }
        Outcome attached;
        if (file is null)
        {
            attached = Outcome.Refused("ErrorAttachmentEmpty");
        }
        else if (file.Length > AttachmentRules.MaxBytes)
        {
            attached = Outcome.Refused("ErrorAttachmentTooLarge");
        }
        else
        {
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ct);
            attached = await Calendar.AttachAsync(id, file.FileName, buffer.ToArray(), ct);
        }
        return await ShowAfterAttachmentChangeAsync(e, attached, "AttachmentAdded", ct);
    }

    public async Task<IActionResult> OnPostDetachAsync(Guid id, Guid attachmentId, CancellationToken ct)
    {
        var e = await FindAsync(id, ct);
        if (e is null)
        {
            return NotFound();
        }
        if (!this.IsConfirmed())
        {
            var fileName = await db.Set<CalendarAttachment>().AsNoTracking().Where(a => a.Id == attachmentId && a.EventId == id)
                .Select(a => a.FileName).FirstOrDefaultAsync(ct);
            return fileName is null
                ? NotFound()
                : this.Ask(Text["DetachConfirmTitle"], Text["DetachConfirmQuestion", fileName, e.Title], Text["DetachConfirmButton"], $"/agenda/{id}/bewerken");
        }
        if (!await Calendar.DetachAsync(id, attachmentId, ct))
        {
            return NotFound();
        }
        return await ShowAfterAttachmentChangeAsync(e, Outcome.Done, "AttachmentRemoved", ct);
    }

    private async Task<IActionResult> ShowAfterAttachmentChangeAsync(CalendarEvent e, Outcome outcome, string doneKey, CancellationToken ct)
    {
        Id = e.Id;
        Form = EventForm.From(e);
        await LoadGroupsAsync(ct);
        await LoadAttachmentsAsync(e.Id, ct);
        if (!outcome.Succeeded)
        {
            ModelState.AddProblems(outcome.Problems, Text);
        }
        else
        {
            Message = Text[doneKey];
        }
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken ct)
    {
        var e = await FindAsync(id, ct);
        if (e is null)
        {
            return NotFound();
        }
        if (!this.IsConfirmed())
        {
            return this.Ask(Text["DeleteConfirmTitle"], Text["DeleteConfirmQuestion", e.Title], Text["DeleteConfirmButton"], $"/agenda/{id}/bewerken");
        }
        await Calendar.DeleteAsync(e, ct);
        return Redirect("/agenda");
    }
}
