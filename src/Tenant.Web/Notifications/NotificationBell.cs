using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Persistence;

namespace Schoolplein.Tenant.Web.Notifications;

/// <summary>The unread count in the header (one indexed count per page view).</summary>
public sealed class NotificationBell(SchoolpleinDb db)
{
    public Task<int> UnreadAsync(ClaimsPrincipal user)
    {
        var userId = user.UserId();
        return db.Notifications.CountAsync(n => n.UserId == userId && n.ReadAt == null);
    }
}
