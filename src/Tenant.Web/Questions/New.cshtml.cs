using Schoolplein.Platform.Schools;
using Schoolplein.Platform.Forms;
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
using Schoolplein.Platform.Questions;

using Schoolplein.Tenant.Web.Push;

namespace Schoolplein.Tenant.Web.Questions;

/// <summary>A guardian asks the teachers of one of their children a question.</summary>
[Authorize(Roles = Roles.Parent)]
[RequiresModule(SchoolModules.Questions)]
[RequestSizeLimit(QuestionService.MaxAttachmentBytes + 256 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = QuestionService.MaxAttachmentBytes + 256 * 1024)]
public sealed class NewModel(CurrentUser viewer, SchoolpleinDb db, QuestionService questions, TenantSettingsStore<QuestionSettings> settings, IStringLocalizer<QuestionsText> text) : PageModel, IShowsError
{
    public IReadOnlyList<Child> Children { get; private set; } = [];
    public QuestionSettings Settings { get; private set; } = new();
    public string? Error { get; private set; }
    /// <summary>The chosen child; none until the parent chooses, unless they have only one child.</summary>
    public Guid? PupilId { get; private set; }
    public string? Subject { get; private set; }
    public string? Body { get; private set; }

    public sealed record Child(Guid Id, string Name, string? Group);

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        // One child: nothing to choose. Two or more: the parent chooses, so a question never reaches the wrong teachers.
        if (Children.Count == 1)
        {
            PupilId = Children[0].Id;
        }
    }

    public async Task<IActionResult> OnPostAsync(Guid? pupilId, string? subject, string? body, IFormFile? attachment, CancellationToken ct)
    {
        (PupilId, Subject, Body) = (pupilId, subject, body);
        if (pupilId is not { } chosen || chosen == Guid.Empty)
        {
            // Also when the id could not be read: no guessing which child was meant.
            ModelState.Clear();
            PupilId = null;
            Error = text["Error_ChildRequired"];
            await LoadAsync(ct);
            return Page();
        }
        var file = await MessageFiles.ReadAsync(attachment, ct);
        if (file.Error is not null)
        {
            Error = text[file.Error, QuestionService.MaxAttachmentBytes / (1024 * 1024)];
            await LoadAsync(ct);
            return Page();
        }
        var outcome = await questions.StartAsync(viewer.Id, new QuestionInput(chosen, subject, body, file.File), ct);
        if (!outcome.Succeeded)
        {
            Error = text[outcome.Error!, outcome.ErrorArgs];
            await LoadAsync(ct);
            return Page();
        }
        TempData["QuestionDone"] = text["Sent"].Value;
        PushOffer.OfferOnNextPage(TempData);
        return Redirect($"/vragen/{outcome.Value}");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var userId = viewer.Id;
        Settings = await settings.GetAsync(ct);
        Children = await db.Guardianships.AsNoTracking()
            .Where(g => g.UserId == userId && g.Pupil!.ArchivedAt == null)
            .OrderBy(g => g.Pupil!.FirstName)
            .Select(g => new Child(g.PupilId, g.Pupil!.FirstName, g.Pupil.Group!.Name))
            .ToListAsync(ct);
    }
}

/// <summary>Reads an uploaded message attachment into memory, refusing it early when it is too large.</summary>
public static class MessageFiles
{
    public static async Task<(UploadedFile? File, string? Error)> ReadAsync(IFormFile? upload, CancellationToken ct)
    {
        if (upload is not { Length: > 0 })
        {
            return (null, null);
        }
        if (upload.Length > QuestionService.MaxAttachmentBytes)
        {
            return (null, "Error_FileTooLarge");
        }
        using var buffer = new MemoryStream();
        await upload.CopyToAsync(buffer, ct);
        return (new UploadedFile(upload.FileName, buffer.ToArray()), null);
    }
}
