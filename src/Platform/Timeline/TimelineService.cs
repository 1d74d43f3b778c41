using Microsoft.EntityFrameworkCore;
using Schoolplein.Platform.Blobs;
using Schoolplein.Platform.Images;
using Schoolplein.Platform.Notifications;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Roster;
using Schoolplein.Platform.Localization;

namespace Schoolplein.Platform.Timeline;

public sealed record PostDraft(
    string? Title, string? Body, bool SchoolWide, IReadOnlyList<Guid> GroupIds, bool Urgent, bool Pinned,
    bool AllowComments, bool AllowLikes, IReadOnlyList<UploadedFile> Photos, IReadOnlyList<UploadedFile> Attachments);

public sealed record PostChanges(
    string? Title, string? Body, bool Pinned, bool AllowComments, bool AllowLikes,
    IReadOnlyList<Guid> RemovePhotoIds, IReadOnlyList<Guid> RemoveAttachmentIds,
    IReadOnlyList<UploadedFile> Photos, IReadOnlyList<UploadedFile> Attachments);

/// <summary>
/// The timeline's rules: who sees which post (inside the query, always), who may post where,
/// and writing posts with their photos, files and notifications in one transaction.
/// </summary>
public sealed class TimelineService(SchoolpleinDb db, IBlobStore blobs, ImagePipeline images, Notifier notifier, UrgentEscalation escalation, TimeProvider time)
{
    public const int MaxPhotos = 10;
    public const long MaxPhotoBytes = 15 * 1024 * 1024;
    public const int LargeSide = 1600;
    public const int ThumbnailSide = 480;

    /// <summary>What a post photo is stored as: the picture people open and the thumbnail in the timeline.</summary>
    public static readonly IReadOnlyList<ImageVariantSpec> PhotoVariants =
        [new("large", LargeSide, LargeSide), new("thumb", ThumbnailSide, ThumbnailSide, Quality: 75)];

    /// <summary>
    /// Posts the viewer may see: school-wide posts, posts of the groups of their current
    /// (non-archived) children and of the groups they teach; admins every post. With
    /// <paramref name="childId"/>: school-wide posts plus that child's group only.
    /// </summary>
    public IQueryable<Post> Visible(CurrentUser viewer, Guid? childId = null)
    {
        // No AsNoTracking here: it would switch tracking off for any query this is composed into.
        var posts = db.Set<Post>().AsQueryable();
        var userId = viewer.Id;
        var isAdmin = viewer.IsAdmin;
        if (childId is { } child)
        {
            return posts.Where(p => !p.Groups.Any() || p.Groups.Any(g => db.Guardianships.Any(
                gu => gu.UserId == userId && gu.PupilId == child && gu.Pupil!.ArchivedAt == null && gu.Pupil.GroupId == g.GroupId)));
        }
        if (isAdmin)
        {
            return posts;
        }
        return posts.Where(p => !p.Groups.Any() || p.Groups.Any(g =>
            db.Guardianships.Any(gu => gu.UserId == userId && gu.Pupil!.ArchivedAt == null && gu.Pupil.GroupId == g.GroupId)
            || db.GroupTeachers.Any(t => t.UserId == userId && t.GroupId == g.GroupId)));
    }

    public IQueryable<PostPhoto> PhotoRows() => db.Set<PostPhoto>();

    public IQueryable<PostAttachment> AttachmentRows() => db.Set<PostAttachment>();

    /// <summary>Posts the viewer may change or delete: their own, or any for an admin.</summary>
    public IQueryable<Post> Manageable(CurrentUser viewer)
    {
        var (userId, isAdmin) = (viewer.Id, viewer.IsAdmin);
        return db.Set<Post>().Where(p => isAdmin || p.AuthorId == userId);
    }

    /// <summary>Urgent messages whose read receipts the viewer may see: an admin all, else their own and those of groups they teach.</summary>
    public IQueryable<Post> ReceiptsVisible(CurrentUser viewer)
    {
        var (userId, isAdmin) = (viewer.Id, viewer.IsAdmin);
        return db.Set<Post>().Where(p => p.Urgent && (isAdmin || p.AuthorId == userId
            || p.Groups.Any(g => db.GroupTeachers.Any(t => t.UserId == userId && t.GroupId == g.GroupId))));
    }

    /// <summary>Groups the viewer may post to: admins every group, teachers their own.</summary>
    public IQueryable<Group> TargetGroups(CurrentUser viewer)
    {
        var (userId, isAdmin) = (viewer.Id, viewer.IsAdmin);
        return db.Groups.AsNoTracking().Where(g => isAdmin || g.Teachers.Any(t => t.UserId == userId))
            .OrderBy(g => g.SortOrder).ThenBy(g => g.Name);
    }

    /// <summary>The guardians a post reaches: of every current pupil (school-wide) or of the pupils in its groups.</summary>
    public IQueryable<Guardianship> Audience(bool schoolWide, IReadOnlyCollection<Guid> groupIds) =>
        db.Guardianships.AsNoTracking().Where(g => g.Pupil!.ArchivedAt == null
            && (schoolWide || (g.Pupil.GroupId != null && groupIds.Contains(g.Pupil.GroupId.Value)))
            && g.User!.DeactivatedAt == null);

    public async Task<Outcome<Guid>> PublishAsync(PostDraft draft, CurrentUser author, CancellationToken ct)
    {
        var problems = new List<Problem>();
        var (title, html, text) = CheckText(draft.Title, draft.Body, problems);
        var groupIds = draft.SchoolWide ? [] : draft.GroupIds.Distinct().ToList();
        if (draft.SchoolWide && !author.IsAdmin)
        {
            problems.Add(new Problem("ErrorSchoolWideAdminOnly"));
        }
        else if (!draft.SchoolWide && groupIds.Count == 0)
        {
            problems.Add(new Problem("ErrorAudience"));
        }
        else if (groupIds.Count > 0 && await TargetGroups(author).CountAsync(g => groupIds.Contains(g.Id), ct) != groupIds.Count)
        {
            problems.Add(new Problem("ErrorGroups"));
        }
        var photos = CheckPhotos(draft.Photos, 0, problems);
        var files = CheckAttachments(draft.Attachments, 0, problems);
        if (problems.Count > 0)
        {
            return Outcome<Guid>.Refused(problems);
        }

        var now = time.GetUtcNow();
        var post = new Post
        {
            AuthorId = author.Id,
            Title = title,
            BodyHtml = html,
            BodyText = text,
            Urgent = draft.Urgent,
            Pinned = draft.Pinned,
            AllowComments = draft.AllowComments,
            AllowLikes = draft.AllowLikes,
            PublishedAt = now,
        };
        post.Groups.AddRange(groupIds.Select(id => new PostGroup { PostId = post.Id, GroupId = id }));
        await AddMediaAsync(post, photos, files, 0, 0, ct);
        db.Add(post);

        var audience = await Audience(draft.SchoolWide, groupIds)
            .Where(g => g.UserId != author.Id)
            .Select(g => new { g.PupilId, g.UserId })
            .ToListAsync(ct);
        if (post.Urgent)
        {
            db.AddRange(audience.Select(a => new UrgentRecipient { PostId = post.Id, PupilId = a.PupilId, UserId = a.UserId }));
        }
        var authorName = await db.Users.Where(u => u.Id == author.Id)
            .Select(u => u.FullName)
            .FirstAsync(ct);
        var groupNames = groupIds.Count == 0 ? "" : string.Join(", ", await db.Groups.Where(g => groupIds.Contains(g.Id))
            .OrderBy(g => g.SortOrder).ThenBy(g => g.Name).Select(g => g.Name).ToListAsync(ct));
        var excerpt = PostHtml.Excerpt(text, 280);
        await notifier.NotifyAsync(
            audience.Select(a => a.UserId),
            new NotificationContent(
                post.Urgent ? TimelineNotifications.UrgentKind : TimelineNotifications.PostKind,
                typeof(TimelineNotificationText),
                post.Urgent ? "UrgentTitle" : "PostTitle", [title],
                groupIds.Count == 0 ? "PostBodySchool" : "PostBodyGroups",
                groupIds.Count == 0 ? [authorName, excerpt] : [authorName, groupNames, excerpt],
                TimelineNotifications.Link(post.Id), post.Urgent, post.Id),
            ct);
        await db.SaveChangesAsync(ct);
        if (post.Urgent)
        {
            // After the commit, so the job finds the message.
            await escalation.ScheduleAsync(post.Id, ct);
        }
        return Outcome<Guid>.Done(post.Id);
    }

    public async Task<Outcome<Guid>> UpdateAsync(Guid postId, PostChanges changes, CurrentUser editor, CancellationToken ct)
    {
        var post = await Manageable(editor).Include(p => p.Photos).Include(p => p.Attachments)
            .FirstOrDefaultAsync(p => p.Id == postId, ct);
        if (post is null)
        {
            return Outcome<Guid>.Refused("ErrorNotFound");
        }
        var problems = new List<Problem>();
        var (title, html, text) = CheckText(changes.Title, changes.Body, problems);
        var removePhotos = post.Photos.Where(p => changes.RemovePhotoIds.Contains(p.Id)).ToList();
        var removeFiles = post.Attachments.Where(a => changes.RemoveAttachmentIds.Contains(a.Id)).ToList();
        var photos = CheckPhotos(changes.Photos, post.Photos.Count - removePhotos.Count, problems);
        var files = CheckAttachments(changes.Attachments, post.Attachments.Count - removeFiles.Count, problems);
        if (problems.Count > 0)
        {
            return Outcome<Guid>.Refused(problems);
        }
        post.Title = title;
        post.BodyHtml = html;
        post.BodyText = text;
        post.Pinned = changes.Pinned;
        post.AllowComments = changes.AllowComments;
        post.AllowLikes = changes.AllowLikes;
        post.UpdatedAt = time.GetUtcNow();
        foreach (var photo in removePhotos)
        {
            await blobs.DeleteAsync(photo.ThumbnailBlobId, ct);
            await blobs.DeleteAsync(photo.LargeBlobId, ct);
            post.Photos.Remove(photo);
            db.Remove(photo);
        }
        foreach (var file in removeFiles)
        {
            await blobs.DeleteAsync(file.BlobId, ct);
            post.Attachments.Remove(file);
            db.Remove(file);
        }
        await AddMediaAsync(post, photos, files,
            post.Photos.Count == 0 ? 0 : post.Photos.Max(p => p.SortOrder) + 1,
            post.Attachments.Count == 0 ? 0 : post.Attachments.Max(a => a.SortOrder) + 1, ct);
        await db.SaveChangesAsync(ct);
        return Outcome<Guid>.Done(post.Id);
    }

    /// <summary>
    /// Removes a post from every timeline. Photos and files are deleted at once (they show
    /// children); the post row stays soft-deleted because urgent read receipts refer to it.
    /// </summary>
    public async Task<bool> DeleteAsync(Guid postId, CurrentUser editor, CancellationToken ct)
    {
        var post = await Manageable(editor).Include(p => p.Photos).Include(p => p.Attachments)
            .FirstOrDefaultAsync(p => p.Id == postId, ct);
        if (post is null)
        {
            return false;
        }
        foreach (var photo in post.Photos)
        {
            await blobs.DeleteAsync(photo.ThumbnailBlobId, ct);
            await blobs.DeleteAsync(photo.LargeBlobId, ct);
        }
        foreach (var file in post.Attachments)
        {
            await blobs.DeleteAsync(file.BlobId, ct);
        }
        db.RemoveRange(post.Photos);
        db.RemoveRange(post.Attachments);
        post.DeletedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return true;
    }

    private sealed record CheckedPhoto(ImageVariant Large, ImageVariant Thumbnail);

    private sealed record CheckedFile(string FileName, string ContentType, byte[] Content);

    private static (string Title, string Html, string Text) CheckText(string? rawTitle, string? rawBody, List<Problem> problems)
    {
        var title = (rawTitle ?? "").Trim();
        if (title.Length == 0)
        {
            problems.Add(new Problem("ErrorTitleRequired"));
        }
        else if (title.Length > Post.TitleMax)
        {
            problems.Add(new Problem("ErrorTitleTooLong", Post.TitleMax));
        }
        if (!PostHtml.IsWithinInputLimits(rawBody))
        {
            // Refused before parsing: the sanitizer's cost grows faster than the input.
            problems.Add(new Problem("ErrorBodyTooLong", Post.BodyMax));
            return (title, "", "");
        }
        var html = PostHtml.Sanitize(rawBody);
        var text = html.Length == 0 ? "" : PostHtml.ToText(html);
        if (text.Trim().Length == 0)
        {
            problems.Add(new Problem("ErrorBodyRequired"));
        }
        else if (text.Length > Post.BodyMax || html.Length > Post.BodyMax * 2)
        {
            problems.Add(new Problem("ErrorBodyTooLong", Post.BodyMax));
        }
        return (title, html, text);
    }

    private List<CheckedPhoto> CheckPhotos(IReadOnlyList<UploadedFile> uploads, int existing, List<Problem> problems)
    {
        var result = new List<CheckedPhoto>();
        if (existing + uploads.Count > MaxPhotos)
        {
            problems.Add(new Problem(Plurals.Key("ErrorTooManyPhotos", MaxPhotos), MaxPhotos));
            return result;
        }
        foreach (var upload in uploads)
        {
            var name = Uploads.CleanFileName(upload.FileName);
            if (upload.Content.LongLength > MaxPhotoBytes)
            {
                problems.Add(new Problem("ErrorPhotoTooLarge", name, MaxPhotoBytes / (1024 * 1024)));
                continue;
            }
            var image = images.Process(upload.Content, PhotoVariants);
            if (!image.Succeeded)
            {
                problems.Add(new Problem("ErrorNotAPhoto", name));
                continue;
            }
            result.Add(new CheckedPhoto(image["large"], image["thumb"]));
        }
        return result;
    }

    private static List<CheckedFile> CheckAttachments(IReadOnlyList<UploadedFile> uploads, int existing, List<Problem> problems)
    {
        var result = new List<CheckedFile>();
        if (existing + uploads.Count > AttachmentRules.MaxPerPost)
        {
            problems.Add(new Problem(Plurals.Key("ErrorTooManyAttachments", AttachmentRules.MaxPerPost), AttachmentRules.MaxPerPost));
            return result;
        }
        foreach (var upload in uploads)
        {
            var name = Uploads.CleanFileName(upload.FileName);
            if (upload.Content.LongLength > AttachmentRules.MaxBytes)
            {
                problems.Add(new Problem("ErrorAttachmentTooLarge", name, AttachmentRules.MaxBytes / (1024 * 1024)));
                continue;
            }
            if (AttachmentRules.ContentTypeOf(upload) is not { } contentType)
            {
                problems.Add(new Problem("ErrorAttachmentType", name));
                continue;
            }
            result.Add(new CheckedFile(name, contentType, upload.Content));
        }
        return result;
    }

    private async Task AddMediaAsync(Post post, List<CheckedPhoto> photos, List<CheckedFile> files, int photoOrder, int fileOrder, CancellationToken ct)
    {
        foreach (var photo in photos)
        {
            var entity = new PostPhoto
            {
                PostId = post.Id,
                LargeBlobId = await blobs.PutAsync(photo.Large.ContentType, photo.Large.Content, ct),
                ThumbnailBlobId = await blobs.PutAsync(photo.Thumbnail.ContentType, photo.Thumbnail.Content, ct),
                Width = photo.Large.Width,
                Height = photo.Large.Height,
                SortOrder = photoOrder++,
            };
            post.Photos.Add(entity);
            db.Add(entity);
        }
        foreach (var file in files)
        {
            var attachment = new PostAttachment
            {
                PostId = post.Id,
                BlobId = await blobs.PutAsync(file.ContentType, file.Content, ct),
                FileName = file.FileName,
                ContentType = file.ContentType,
                Size = file.Content.LongLength,
                SortOrder = fileOrder++,
            };
            post.Attachments.Add(attachment);
            db.Add(attachment);
        }
    }
}
