using Schoolplein.Platform.Schools;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Schoolplein.Platform.Blobs;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Leave;
using Schoolplein.Platform.Notifications;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.SchoolCalendar;
using Schoolplein.Platform.Tenancy;
using Schoolplein.Platform.Privacy;

namespace Schoolplein.Platform.Questions;

/// <summary>Resource anchor for question texts (pages, notifications).</summary>
public sealed class QuestionsText;

/// <summary>
/// Who may see a conversation, as a query: the guardian who started it (while still linked to
/// the child), the teachers of the child's current group, and the admins when the school
/// includes them. Every read and write goes through this.
/// </summary>
public sealed class ConversationAccess(SchoolpleinDb db, TenantSettingsStore<QuestionSettings> settings)
{
    public async Task<IQueryable<Conversation>> VisibleToAsync(Guid userId, bool isAdmin, CancellationToken ct = default)
    {
        var admins = isAdmin && (await settings.GetAsync(ct)).IncludeAdmins;
        return db.Set<Conversation>().Where(c =>
            admins
            || (c.StartedById == userId && c.Pupil!.Guardians.Any(g => g.UserId == userId))
            || db.GroupTeachers.Any(t => t.UserId == userId && t.GroupId == c.Pupil!.GroupId));
    }

    /// <summary>Everyone on the school side of a conversation: the group's teachers, plus admins when included.</summary>
    public async Task<List<Guid>> StaffOfAsync(Guid pupilId, CancellationToken ct)
    {
        var teachers = await db.Pupils.Where(p => p.Id == pupilId)
            .SelectMany(p => db.GroupTeachers.Where(t => t.GroupId == p.GroupId).Select(t => t.UserId))
            .ToListAsync(ct);
        if ((await settings.GetAsync(ct)).IncludeAdmins)
        {
            var adminRole = Roles.All.Single(r => r.Name == Roles.SchoolAdmin).Id;
            teachers.AddRange(await db.UserRoles.Where(r => r.RoleId == adminRole).Select(r => r.UserId).ToListAsync(ct));
        }
        return teachers.Distinct().ToList();
    }
}

public sealed record QuestionInput(Guid PupilId, string? Subject, string? Body, UploadedFile? Attachment);

/// <summary>Starting, answering, reading and closing conversations.</summary>
public sealed class QuestionService(SchoolpleinDb db, ConversationAccess access, IBlobStore blobs, Notifier notifier, TimeProvider time)
{
    public const int MaxAttachmentBytes = 2 * 1024 * 1024;

    public async Task<Outcome<Guid>> StartAsync(Guid userId, QuestionInput input, CancellationToken ct = default)
    {
        var child = await db.Guardianships.AsNoTracking()
            .Where(g => g.UserId == userId && g.PupilId == input.PupilId && g.Pupil!.ArchivedAt == null)
            .Select(g => new { g.PupilId, g.Pupil!.FirstName, g.Pupil.GroupId })
            .FirstOrDefaultAsync(ct);
        if (child is null)
        {
            return Outcome<Guid>.Refused("Error_ChildNotLinked");
        }
        if (child.GroupId is null)
        {
            return Outcome<Guid>.Refused("Error_NoGroup");
        }
        var subject = input.Subject?.Trim() ?? "";
        if (subject.Length == 0)
        {
            return Outcome<Guid>.Refused("Error_SubjectRequired");
        }
        if (subject.Length > Conversation.SubjectMaxLength)
        {
            return Outcome<Guid>.Refused("Error_SubjectTooLong", Conversation.SubjectMaxLength);
        }
        if (CheckMessage(input.Body, input.Attachment) is { } error)
        {
            return Outcome<Guid>.Refused(error.Key, error.Args);
        }
        var now = time.GetUtcNow();
        var conversation = new Conversation
        {
            PupilId = child.PupilId,
            StartedById = userId,
            Subject = subject,
            CreatedAt = now,
            LastMessageAt = now,
        };
        db.Add(conversation);
        await AddMessageAsync(conversation, userId, input.Body!.Trim(), input.Attachment, now, ct);
        var staff = await access.StaffOfAsync(child.PupilId, ct);
        var author = await db.Users.Where(u => u.Id == userId).Select(u => u.FirstName).FirstAsync(ct);
        await notifier.NotifyAsync(staff, new NotificationContent(
            "question.asked", typeof(QuestionsText), "Notify_AskedTitle", [author, child.FirstName], "Notify_AskedBody",
            [author, child.FirstName, subject], $"/vragen/{conversation.Id}", SourceId: conversation.Id), ct);
        await db.SaveChangesAsync(ct);
        return Outcome<Guid>.Done(conversation.Id);
    }

    /// <summary>A reply by any participant; null when the user may not see the conversation.</summary>
    public async Task<Outcome<Guid>?> ReplyAsync(Guid userId, bool isAdmin, Guid conversationId, string? body, UploadedFile? attachment, CancellationToken ct = default)
    {
        var conversation = await (await access.VisibleToAsync(userId, isAdmin, ct))
            .Include(c => c.Pupil)
            .FirstOrDefaultAsync(c => c.Id == conversationId, ct);
        if (conversation is null)
        {
            return null;
        }
        if (conversation.ClosedAt is not null)
        {
            return Outcome<Guid>.Refused("Error_Closed");
        }
        if (CheckMessage(body, attachment) is { } error)
        {
            return Outcome<Guid>.Refused(error.Key, error.Args);
        }
        var now = time.GetUtcNow();
        var message = await AddMessageAsync(conversation, userId, body!.Trim(), attachment, now, ct);
        conversation.LastMessageAt = now;
        var author = await db.Users.Where(u => u.Id == userId).Select(u => u.FirstName).FirstAsync(ct);
        var recipients = await access.StaffOfAsync(conversation.PupilId, ct);
        recipients.Add(conversation.StartedById);
        recipients.Remove(userId);
        await notifier.NotifyAsync(recipients, new NotificationContent(
            "question.replied", typeof(QuestionsText), "Notify_RepliedTitle", [author], "Notify_RepliedBody",
            [author, conversation.Subject], $"/vragen/{conversation.Id}", SourceId: conversation.Id), ct);
        await db.SaveChangesAsync(ct);
        return Outcome<Guid>.Done(message.Id);
    }

    /// <summary>Staff close a conversation; the guardian can start a new one. Null when not visible or not staff.</summary>
    /// <summary>The subject of an open conversation the user may close (staff of the child), or null; changes nothing.</summary>
    public async Task<string?> ClosableSubjectAsync(Guid userId, bool isAdmin, Guid conversationId, CancellationToken ct = default) =>
        await (await access.VisibleToAsync(userId, isAdmin, ct)).AsNoTracking()
            .Where(c => c.Id == conversationId && c.StartedById != userId && c.ClosedAt == null)
            .Select(c => c.Subject)
            .FirstOrDefaultAsync(ct);

    public async Task<bool> CloseAsync(Guid userId, bool isAdmin, Guid conversationId, CancellationToken ct = default)
    {
        var conversation = await (await access.VisibleToAsync(userId, isAdmin, ct))
            .Where(c => c.StartedById != userId)
            .FirstOrDefaultAsync(c => c.Id == conversationId, ct);
        if (conversation is null)
        {
            return false;
        }
        if (conversation.ClosedAt is null)
        {
            conversation.ClosedAt = time.GetUtcNow();
            conversation.ClosedById = userId;
            await db.SaveChangesAsync(ct);
        }
        return true;
    }

    public async Task MarkReadAsync(Guid userId, Guid conversationId, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var read = await db.Set<ConversationRead>().FirstOrDefaultAsync(r => r.ConversationId == conversationId && r.UserId == userId, ct);
        if (read is null)
        {
            db.Add(new ConversationRead { ConversationId = conversationId, UserId = userId, ReadAt = now });
        }
        else
        {
            read.ReadAt = now;
        }
        await db.SaveChangesAsync(ct);
    }

    private static (string Key, object[] Args)? CheckMessage(string? body, UploadedFile? attachment)
    {
        var text = body?.Trim() ?? "";
        if (text.Length == 0)
        {
            return ("Error_BodyRequired", []);
        }
        if (text.Length > ConversationMessage.BodyMaxLength)
        {
            return ("Error_BodyTooLong", [ConversationMessage.BodyMaxLength, text.Length]);
        }
        if (attachment is not null)
        {
            if (attachment.Content.Length > MaxAttachmentBytes)
            {
                return ("Error_FileTooLarge", [MaxAttachmentBytes / (1024 * 1024)]);
            }
            if (Uploads.SniffDocumentOrPhoto(attachment.Content) is null)
            {
                return ("Error_FileType", []);
            }
        }
        return null;
    }

    private async Task<ConversationMessage> AddMessageAsync(
        Conversation conversation, Guid userId, string body, UploadedFile? attachment, DateTimeOffset now, CancellationToken ct)
    {
        // Line breaks stored as LF (browsers send CR LF; a CR would be written out as &#xD;, invalid HTML).
        var message = new ConversationMessage { ConversationId = conversation.Id, AuthorId = userId, Body = body.ReplaceLineEndings("\n"), CreatedAt = now };
        if (attachment is not null)
        {
            message.AttachmentBlobId = await blobs.PutAsync(Uploads.SniffDocumentOrPhoto(attachment.Content)!, attachment.Content, ct);
            message.AttachmentName = Uploads.CleanFileName(attachment.FileName);
            message.AttachmentSize = attachment.Content.Length;
        }
        db.Add(message);
        // The author has read everything up to their own message.
        var read = await db.Set<ConversationRead>().FirstOrDefaultAsync(r => r.ConversationId == conversation.Id && r.UserId == userId, ct);
        if (read is null)
        {
            db.Add(new ConversationRead { ConversationId = conversation.Id, UserId = userId, ReadAt = now });
        }
        else
        {
            read.ReadAt = now;
        }
        return message;
    }
}

/// <summary>
/// Office hours on school days. Outside them the question page says from when an answer can be
/// expected. Pure: the caller gives the school's local time and its school days.
/// </summary>
public static class OfficeHours
{
    /// <summary>Null while the school is open (or set no hours); otherwise the next opening moment (local time).</summary>
    public static DateTime? NextOpening(DateTime localNow, TimeOnly? start, TimeOnly? end, SchoolDays days)
    {
        if (start is not { } open || end is not { } close || close <= open)
        {
            return null;
        }
        var today = DateOnly.FromDateTime(localNow);
        var time = TimeOnly.FromDateTime(localNow);
        if (days.IsSchoolDay(today))
        {
            if (time >= open && time < close)
            {
                return null;
            }
            if (time < open)
            {
                return today.ToDateTime(open);
            }
        }
        return days.NextSchoolDay(today).ToDateTime(open);
    }
}

public static class QuestionsRegistration
{
    public static IServiceCollection AddQuestions(this IServiceCollection services)
    {
        services.AddScoped<ConversationAccess>();
        services.AddScoped<QuestionService>();
        services.AddPersonalData<QuestionsPersonalData>();
        services.AddAccountDeletionParticipant<QuestionsPersonalData>();
        return services;
    }
}
