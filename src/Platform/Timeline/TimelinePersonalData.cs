using Microsoft.EntityFrameworkCore;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Privacy;

namespace Schoolplein.Platform.Timeline;

/// <summary>
/// The person's comments, likes and the urgent messages they opened. On account deletion the
/// likes go; comments stay in their threads under the anonymised account ("Verwijderd
/// account"), and read receipts stay as the school's proof that a message was read.
/// </summary>
public sealed class TimelinePersonalData(SchoolpleinDb db) : IPersonalDataContributor, IAccountDeletionParticipant
{
    public async Task ContributeAsync(PersonalDataExport export, CancellationToken ct)
    {
        var comments = await db.Set<PostComment>().AsNoTracking()
            .Where(c => c.AuthorId == export.UserId)
            .OrderBy(c => c.CreatedAt)
            .Select(c => new
            {
                Post = db.Set<Post>().Where(p => p.Id == c.PostId).Select(p => p.Title).FirstOrDefault(),
                c.Text,
                c.CreatedAt,
            })
            .ToListAsync(ct);
        var likes = await db.Set<PostLike>().AsNoTracking()
            .Where(l => l.UserId == export.UserId)
            .OrderBy(l => l.CreatedAt)
            .Select(l => new { Post = db.Set<Post>().Where(p => p.Id == l.PostId).Select(p => p.Title).FirstOrDefault(), l.CreatedAt })
            .ToListAsync(ct);
        var urgentRead = await db.Set<UrgentReadReceipt>().AsNoTracking()
            .Where(r => r.UserId == export.UserId)
            .OrderBy(r => r.ReadAt)
            .Select(r => new { Post = db.Set<Post>().Where(p => p.Id == r.PostId).Select(p => p.Title).FirstOrDefault(), r.ReadAt })
            .ToListAsync(ct);
        export.Add("timeline", new { Comments = comments, Likes = likes, UrgentMessagesRead = urgentRead });
    }

    public async Task OnAccountDeletingAsync(AccountDeletionContext context, CancellationToken ct) =>
        await db.Set<PostLike>().Where(l => l.UserId == context.UserId).ExecuteDeleteAsync(ct);
}
