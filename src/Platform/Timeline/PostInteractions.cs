using Microsoft.EntityFrameworkCore;
using Npgsql;
using Schoolplein.Platform.Notifications;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Persistence;

namespace Schoolplein.Platform.Timeline;

/// <summary>
/// What readers do with a post: like, comment, open (read receipts). Every step re-checks visibility
/// in its query. Commands answer null when the post or comment does not exist for the viewer (a 404,
/// the same as another school's id), or an <see cref="Outcome"/> whose problems are keys of the
/// timeline's resources.
/// </summary>
public sealed class PostInteractions(SchoolpleinDb db, TimelineService timeline, Notifier notifier, TimeProvider time)
{
    public async Task<Outcome?> ToggleLikeAsync(CurrentUser viewer, Guid postId, CancellationToken ct)
    {
        var post = await timeline.Visible(viewer).Where(p => p.Id == postId).Select(p => new { p.AllowLikes }).FirstOrDefaultAsync(ct);
        if (post is null)
        {
            return null;
        }
        if (!post.AllowLikes)
        {
            return Outcome.Refused("ErrorLikesOff");
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
        return Outcome.Done;
    }

    /// <summary>Adds a comment (plain text) and tells the post's author.</summary>
    public async Task<Outcome?> CommentAsync(CurrentUser viewer, Guid postId, string? input, CancellationToken ct)
    {
        var post = await timeline.Visible(viewer).Where(p => p.Id == postId)
            .Select(p => new { p.AllowComments, p.AuthorId, p.Title }).FirstOrDefaultAsync(ct);
        if (post is null)
        {
            return null;
        }
        if (!post.AllowComments)
        {
            return Outcome.Refused("ErrorCommentsOff");
        }
        var text = (input ?? "").Replace("\r\n", "\n").Trim();
        if (text.Length == 0)
        {
            return Outcome.Refused("ErrorCommentRequired");
        }
        if (text.Length > PostComment.TextMax)
        {
            return Outcome.Refused("ErrorCommentTooLong", PostComment.TextMax);
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
        return Outcome.Done;
    }

    /// <summary>Removes a comment: its writer, the post's author or an admin.</summary>
    public async Task<Outcome?> DeleteCommentAsync(CurrentUser viewer, Guid postId, Guid commentId, CancellationToken ct)
    {
        var found = await FindDeletableCommentAsync(viewer, postId, commentId, ct);
        if (found is null || !found.Succeeded)
        {
            return found is null ? null : Outcome.Refused(found.Problems);
        }
        found.Value!.DeletedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return Outcome.Done;
    }

    /// <summary>What <see cref="DeleteCommentAsync"/> would answer, with the comment's text when the viewer may delete it; changes nothing.</summary>
    public async Task<Outcome<string>?> MayDeleteCommentAsync(CurrentUser viewer, Guid postId, Guid commentId, CancellationToken ct) =>
        await FindDeletableCommentAsync(viewer, postId, commentId, ct) switch
        {
            null => null,
            { Succeeded: true } found => Outcome<string>.Done(found.Value!.Text),
            var refused => Outcome<string>.Refused(refused.Problems),
        };

    private async Task<Outcome<PostComment>?> FindDeletableCommentAsync(CurrentUser viewer, Guid postId, Guid commentId, CancellationToken ct)
    {
        var visible = timeline.Visible(viewer);
        var comment = await db.Set<PostComment>()
            .Where(c => c.Id == commentId && c.PostId == postId && visible.Any(p => p.Id == c.PostId))
            .Select(c => new { Comment = c, PostAuthor = db.Set<Post>().Where(p => p.Id == c.PostId).Select(p => p.AuthorId).First() })
            .FirstOrDefaultAsync(ct);
        if (comment is null)
        {
            return null;
        }
        if (!viewer.IsAdmin && comment.Comment.AuthorId != viewer.Id && comment.PostAuthor != viewer.Id)
        {
            return Outcome<PostComment>.Refused("ErrorNotYourComment");
        }
        return Outcome<PostComment>.Done(comment.Comment);
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
