using Microsoft.EntityFrameworkCore;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Persistence;

namespace Schoolplein.Tenant.Web.Notifications;

/// <summary>The unread count in the header (one indexed count per page view).</summary>
public sealed class NotificationBell(CurrentUser viewer, SchoolpleinDb db)
{
    public Task<int> UnreadAsync()
    {
        var userId = viewer.Id;
        return db.Notifications.CountAsync(n => n.UserId == userId && n.ReadAt == null);
    }
}
