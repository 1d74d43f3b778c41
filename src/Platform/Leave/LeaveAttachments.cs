using Schoolplein.Platform.Schools;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Schoolplein.Platform.Blobs;
using Schoolplein.Platform.Email;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Localization;

namespace Schoolplein.Platform.Leave;

/// <summary>
/// Small proof files (employer statement, letter): PDF, JPEG or PNG, recognised by their first
/// bytes rather than by the name or the browser's content type.
/// </summary>
public sealed class LeaveAttachments(IBlobStore blobs)
{
    public const int MaxBytes = 5 * 1024 * 1024;

    /// <summary>The resource key of what is wrong with the file, or null.</summary>
    public string? Check(UploadedFile file) =>
        file.Content.Length > MaxBytes ? "Error_FileTooLarge"
        : file.Content.Length == 0 || Uploads.SniffDocumentOrPhoto(file.Content) is null ? "Error_FileType"
        : null;

    public async Task<(Guid BlobId, string Name)> StoreAsync(UploadedFile file, CancellationToken ct)
    {
        var id = await blobs.PutAsync(Uploads.SniffDocumentOrPhoto(file.Content)!, file.Content, ct);
        return (id, Uploads.CleanFileName(file.FileName));
    }

    public Task<BlobContent?> GetAsync(Guid blobId, CancellationToken ct) => blobs.GetAsync(blobId, ct);
}

/// <summary>
/// The summary a school sends to the leerplichtambtenaar for gewichtige omstandigheden above
/// ten school days (art. 14 lid 3): the child, the period, the school days this school year,
/// the reason and the proof. Plain text, in Dutch (the officer's language).
/// </summary>
public sealed class AttendanceOfficerSummary(
    SchoolpleinDb db, TenantSettingsStore<LeaveSettings> settings, LeaveAttachments attachments, EmailOutbox outbox, SchoolEmailComposer composer,
    IStringLocalizerFactory localizers)
{
    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    public async Task<string?> BuildAsync(Guid requestId, CancellationToken ct)
    {
        var request = await db.Set<LeaveRequest>().AsNoTracking()
            .Where(r => r.Id == requestId)
            .Select(r => new
            {
                r.Kind, r.StartDate, r.EndDate, r.SchoolDays, r.Reason, r.CreatedAt, r.AttachmentName,
                Children = r.Children.Select(c => new
                {
                    c.PupilId, c.Pupil!.FirstName, c.Pupil.LastNamePrefix, c.Pupil.LastName, c.Pupil.DateOfBirth, Group = c.Pupil.Group!.Name,
                }).ToList(),
                Requester = db.Users.Where(u => u.Id == r.RequestedById).Select(u => new { u.FirstName, u.LastNamePrefix, u.LastName, u.Email, u.PhoneNumber }).First(),
            })
            .FirstOrDefaultAsync(ct);
        if (request is null)
        {
            return null;
        }
        var text = Text();
        var pupilIds = request.Children.Select(c => c.PupilId).ToList();
        var earlier = await db.Set<LeaveRequestChild>().AsNoTracking()
            .Where(c => pupilIds.Contains(c.PupilId) && c.LeaveRequestId != requestId)
            .Join(db.Set<LeaveRequest>().Where(r => r.Kind == LeaveKind.ImportantCircumstances && LeaveRequester.Counting.Contains(r.Status)),
                c => c.LeaveRequestId, r => r.Id, (c, r) => new { c.PupilId, r.StartDate, r.EndDate, r.SchoolDays, r.Status })
            .OrderBy(x => x.StartDate)
            .ToListAsync(ct);

        var s = new StringBuilder();
        s.AppendLine(text["Summary_Heading"]).AppendLine();
        foreach (var child in request.Children)
        {
            var born = (child.DateOfBirth is { } birth ? DateText.Short(birth, Dutch) : null) ?? "-";
            s.AppendLine(text["Summary_Child", PersonName.Format(child.FirstName, child.LastNamePrefix, child.LastName), born, child.Group ?? "-"]);
        }
        s.AppendLine(text["Summary_Requester", PersonName.Format(request.Requester.FirstName, request.Requester.LastNamePrefix, request.Requester.LastName),
            request.Requester.Email ?? "-", request.Requester.PhoneNumber ?? "-"]);
        s.AppendLine(text[Plurals.Key("Summary_Period", request.SchoolDays), DateText.DayWithYear(request.StartDate, Dutch), DateText.DayWithYear(request.EndDate, Dutch), request.SchoolDays]);
        s.AppendLine(text["Summary_RequestedOn", DateText.DayWithYear(DateOnly.FromDateTime(request.CreatedAt.UtcDateTime), Dutch)]);
        s.AppendLine();
        s.AppendLine(text["Summary_Earlier"]);
        if (earlier.Count == 0)
        {
            s.AppendLine("- " + text["Summary_NoEarlier"]);
        }
        foreach (var e in earlier)
        {
            s.AppendLine($"- {DateText.Short(e.StartDate, Dutch)} – {DateText.Short(e.EndDate, Dutch)}: {e.SchoolDays} ({text["Status_" + e.Status]})");
        }
        var total = request.SchoolDays + earlier.GroupBy(e => e.PupilId).Select(g => g.Sum(e => e.SchoolDays)).DefaultIfEmpty(0).Max();
        s.AppendLine(text.Plural("Summary_Total", total, LeaveRules.MaxDirectorSchoolDays));
        s.AppendLine();
        s.AppendLine(text["Summary_Reason"]);
        s.AppendLine(request.Reason);
        s.AppendLine();
        s.AppendLine(request.AttachmentName is null ? text["Summary_NoAttachment"] : text["Summary_Attachment", request.AttachmentName]);
        return s.ToString();
    }

    /// <summary>Adds the summary (and the proof) to the outbox when the school set the officer's address.</summary>
    public async Task MailAsync(Guid requestId, CancellationToken ct)
    {
        var address = (await settings.GetAsync(ct)).AttendanceOfficerEmail;
        var body = await BuildAsync(requestId, ct);
        if (string.IsNullOrWhiteSpace(address) || body is null)
        {
            return;
        }
        var text = Text();
        var attachment = await db.Set<LeaveRequest>().AsNoTracking().Where(r => r.Id == requestId)
            .Select(r => new { r.AttachmentBlobId, r.AttachmentName }).FirstAsync(ct);
        var message = composer.Compose("leave.forwarded", address, null, text["Summary_Subject"], text["Summary_Heading"],
            body.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries)) with
        {
            IdempotencyKey = $"leave:{requestId:N}:officer",
        };
        if (attachment.AttachmentBlobId is { } blobId && await attachments.GetAsync(blobId, ct) is { } blob)
        {
            message = message with { Attachments = [new EmailAttachment(attachment.AttachmentName ?? "bijlage", blob.ContentType, blob.Content)] };
        }
        outbox.Add(message);
    }

    // The summary is for the officer: always Dutch, whoever clicks.
    private IStringLocalizer Text() => new FixedCultureLocalizer(localizers.Create(typeof(LeaveText)));

    private sealed class FixedCultureLocalizer(IStringLocalizer inner) : IStringLocalizer
    {
        public LocalizedString this[string name] => WithDutch(() => inner[name]);
        public LocalizedString this[string name, params object[] arguments] => WithDutch(() => inner[name, arguments]);
        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => inner.GetAllStrings(includeParentCultures);

        private static LocalizedString WithDutch(Func<LocalizedString> get)
        {
            var (ui, c) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
            CultureInfo.CurrentUICulture = Dutch;
            CultureInfo.CurrentCulture = Dutch;
            try
            {
                return get();
            }
            finally
            {
                CultureInfo.CurrentUICulture = ui;
                CultureInfo.CurrentCulture = c;
            }
        }
    }
}
