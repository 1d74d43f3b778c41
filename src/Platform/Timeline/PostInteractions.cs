using Microsoft.EntityFrameworkCore;
using Npgsql;
using Schoolplein.Platform.Notifications;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Persistence;

namespace Schoolplein.Platform.Timeline;

public enum InteractionOutcome
{
    Done,
    NotFound,
    NotAllowed,
}

/// <summary>What readers do with a post: like, comment, open (read receipts). Every step re-checks visibility in its query.</summary>
public sealed class PostInteractions(SchoolpleinDb db, TimelineService timeline, Notifier notifier, TimeProvider time)
{
    public async Task<InteractionOutcome> ToggleLikeAsync(CurrentUser viewer, Guid postId, CancellationToken ct)
    {
        var post = await timeline.Visible(viewer).Where(p => p.Id == postId).Select(p => new { p.AllowLikes }).FirstOrDefaultAsync(ct);
        if (post is null)
        {
            return InteractionOutcome.NotFound;
        }
        if (!post.AllowLikes)
        {
            return InteractionOutcome.NotAllowed;
        }
        var removed = await db.Set<PostLike>().Where(l => l.PostId == postId && l.UserId == viewer.Id).ExecuteDeleteAsync(ct);
        if (removed == 0)
        {
            db.Add(new PostLike { PostId = postId, UserId = viewer.Id, CreatedAt = time.GetUtcNow() });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // A double click: the first one liked it already.
                db.ChangeTracker.Clear();
            }
        }
        return InteractionOutcome.Done;
    }

    /// <summary>Adds a comment (plain text) and tells the post's author; problems are resource keys.</summary>
    public async Task<(InteractionOutcome Outcome, Problem? Problem)> CommentAsync(CurrentUser viewer, Guid postId, string? input, CancellationToken ct)
    {
        var post = await timeline.Visible(viewer).Where(p => p.Id == postId)
            .Select(p => new { p.AllowComments, p.AuthorId, p.Title }).FirstOrDefaultAsync(ct);
        if (post is null)
        {
            return (InteractionOutcome.NotFound, null);
        }
        if (!post.AllowComments)
        {
            return (InteractionOutcome.NotAllowed, new Problem("ErrorCommentsOff"));
        }
        var text = (input ?? "").Replace("\r\n", "\n").Trim();
        if (text.Length == 0)
        {
            return (InteractionOutcome.NotAllowed, new Problem("ErrorCommentRequired"));
        }
        if (text.Length > PostComment.TextMax)
        {
            return (InteractionOutcome.NotAllowed, new Problem("ErrorCommentTooLong", PostComment.TextMax));
        }
        db.Add(new PostComment { PostId = postId, AuthorId = viewer.Id, Text = text, CreatedAt = time.GetUtcNow() });
        if (post.AuthorId != viewer.Id)
        {
            var name = await db.Users.Where(u => u.Id == viewer.Id)
                .Select(u => u.FullName).FirstAsync(ct);
            await notifier.NotifyAsync([post.AuthorId], new NotificationContent(
                TimelineNotifications.CommentKind, typeof(TimelineNotificationText),
                "CommentTitle", [post.Title], "CommentBody", [name, PostHtml.Excerpt(text, 280)],
                TimelineNotifications.Link(postId) + "#reacties", SourceId: postId), ct);
        }
        await db.SaveChangesAsync(ct);
        return (InteractionOutcome.Done, null);
    }

    /// <summary>Removes a comment: its writer, the post's author or an admin.</summary>
    public async Task<InteractionOutcome> DeleteCommentAsync(CurrentUser viewer, Guid postId, Guid commentId, CancellationToken ct)
    {
        var (outcome, comment) = await FindDeletableCommentAsync(viewer, postId, commentId, ct);
        if (outcome == InteractionOutcome.Done)
        {
            comment!.DeletedAt = time.GetUtcNow();
            await db.SaveChangesAsync(ct);
        }
        return outcome;
    }

    /// <summary>What <see cref="DeleteCommentAsync"/> would answer (Done: the viewer may delete it), and the comment's text; changes nothing.</summary>
    public async Task<(InteractionOutcome Outcome, string? Text)> MayDeleteCommentAsync(CurrentUser viewer, Guid postId, Guid commentId, CancellationToken ct)
    {
        var (outcome, comment) = await FindDeletableCommentAsync(viewer, postId, commentId, ct);
        return (outcome, comment?.Text);
    }

    private async Task<(InteractionOutcome Outcome, PostComment? Comment)> FindDeletableCommentAsync(CurrentUser viewer, Guid postId, Guid commentId, CancellationToken ct)
    {
        var visible = timeline.Visible(viewer);
        var comment = await db.Set<PostComment>()
            .Where(c => c.Id == commentId && c.PostId == postId && visible.Any(p => p.Id == c.PostId))
            .Select(c => new { Comment = c, PostAuthor = db.Set<Post>().Where(p => p.Id == c.PostId).Select(p => p.AuthorId).First() })
            .FirstOrDefaultAsync(ct);
        if (comment is null)
        {
            return (InteractionOutcome.NotFound, null);
        }
        if (!viewer.IsAdmin && comment.Comment.AuthorId != viewer.Id && comment.PostAuthor != viewer.Id)
        {
            return (InteractionOutcome.NotAllowed, null);
        }
        return (InteractionOutcome.Done, comment.Comment);
    }

    /// <summary>
    /// The user opened the post: marks its notifications read, and for an urgent message writes
    /// the read receipt once (append-only; a second opening changes nothing). The caller has found
    /// the post through <see cref="TimelineService.Visible"/>: anyone who may see an urgent
    /// message can mark it read, also a parent who joined after it was sent and the sender, or
    /// it would say "not read yet" to them forever. Whether a receipt counts towards the reach is
    /// the overview's business (<see cref="UrgentMessages"/> counts recipients only).
    /// </summary>
    public async Task OpenedAsync(Guid postId, Guid userId, bool urgent, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (urgent)
        {
            var tenantId = db.CurrentTenantId;
            var id = Guid.CreateVersion7();
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO urgent_read_receipts (id, tenant_id, post_id, user_id, read_at)
                VALUES ({id}, {tenantId}, {postId}, {userId}, {now})
                ON CONFLICT DO NOTHING
                """, ct);
        }
        await db.Notifications.Where(n => n.UserId == userId && n.SourceId == postId && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
    }
}
