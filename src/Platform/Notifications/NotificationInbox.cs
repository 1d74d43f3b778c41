using Microsoft.EntityFrameworkCore;
using Schoolplein.Platform.Persistence;

namespace Schoolplein.Platform.Notifications;

/// <summary>A person's own notifications: opening one marks it read, and all can be marked read at once.</summary>
public sealed class NotificationInbox(SchoolpleinDb db, TimeProvider time)
{
    /// <summary>Marks the user's own notification read and returns its link; null when it is not theirs (or unknown).</summary>
    public async Task<string?> OpenAsync(Guid userId, Guid notificationId, CancellationToken ct)
    {
        var notification = await db.Notifications.SingleOrDefaultAsync(n => n.Id == notificationId && n.UserId == userId, ct);
        if (notification is null)
        {
            return null;
        }
        notification.ReadAt ??= time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return notification.Link;
    }

    public async Task MarkAllReadAsync(Guid userId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await db.Notifications.Where(n => n.UserId == userId && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
    }
}
