using Schoolplein.Platform.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Schoolplein.Tenant.Web.Modules;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Modules;
using Schoolplein.Platform.Questions;

using Schoolplein.Tenant.Web.Shared;

namespace Schoolplein.Tenant.Web.Questions;

/// <summary>One conversation: the thread, a reply form, and (for staff) closing it. Opening it marks it read.</summary>
[RequiresModule(SchoolModules.Questions)]
[RequestSizeLimit(QuestionService.MaxAttachmentBytes + 256 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = QuestionService.MaxAttachmentBytes + 256 * 1024)]
public sealed class ConversationModel(CurrentUser viewer, ConversationAccess access, QuestionService questions, IStringLocalizer<QuestionsText> text) : PageModel, IShowsError
{
    public Thread Conversation { get; private set; } = null!;
    public string? Error { get; private set; }
    public string? Message { get; private set; }
    public string? Body { get; private set; }
    public bool CanClose { get; private set; }

    public sealed record Thread(Guid Id, string Subject, string Child, string? Group, Guid StartedById, bool Closed, IReadOnlyList<MessageRow> Messages, IReadOnlyList<string> Teachers);
    public sealed record MessageRow(Guid Id, string Author, bool Mine, string Body, DateTimeOffset At, string? AttachmentName, long? AttachmentSize);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        Message = TempData["QuestionDone"] as string;
        await questions.MarkReadAsync(viewer.Id, id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, string? body, IFormFile? attachment, CancellationToken ct)
    {
        Body = body;
        var file = await MessageFiles.ReadAsync(attachment, ct);
        var outcome = file.Error is null
            ? await questions.ReplyAsync(viewer.Id, viewer.IsAdmin, id, body, file.File, ct)
            : Schoolplein.Platform.Outcome<Guid>.Refused(file.Error, QuestionService.MaxAttachmentBytes / (1024 * 1024));
        if (outcome is null || !await LoadAsync(id, ct))
        {
            return NotFound();
        }
        if (!outcome.Succeeded)
        {
            Error = text[outcome.Error!, outcome.ErrorArgs];
            return Page();
        }
        TempData["QuestionDone"] = text["ReplySent"].Value;
        return Redirect($"/vragen/{id}");
    }

    public async Task<IActionResult> OnPostCloseAsync(Guid id, CancellationToken ct)
    {
        if (!this.IsConfirmed() && await questions.ClosableSubjectAsync(viewer.Id, viewer.IsAdmin, id, ct) is { } subject)
        {
            return this.Ask(text["CloseConfirmTitle"], text["CloseConfirmQuestion", subject], text["CloseConfirmButton"], $"/vragen/{id}");
        }
        if (!await questions.CloseAsync(viewer.Id, viewer.IsAdmin, id, ct))
        {
            return NotFound();
        }
        TempData["QuestionDone"] = text["ClosedDone"].Value;
        return Redirect($"/vragen/{id}");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var userId = viewer.Id;
        var visible = await access.VisibleToAsync(userId, viewer.IsAdmin, ct);
        var thread = await visible.AsNoTracking().Where(c => c.Id == id)
            .Select(c => new Thread(c.Id, c.Subject, c.Pupil!.FirstName, c.Pupil.Group!.Name, c.StartedById, c.ClosedAt != null,
                c.Messages.OrderBy(m => m.CreatedAt)
                    .Select(m => new MessageRow(m.Id, m.Author!.FullName, m.AuthorId == userId, m.Body, m.CreatedAt, m.AttachmentName, m.AttachmentSize))
                    .ToList(),
                c.Pupil.Group.Teachers.OrderBy(t => t.User!.FirstName).Select(t => t.User!.FullName).ToList()))
            .FirstOrDefaultAsync(ct);
        if (thread is null)
        {
            return false;
        }
        Conversation = thread;
        CanClose = thread.StartedById != userId && !thread.Closed;
        return true;
    }
}
