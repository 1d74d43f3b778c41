using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Persistence;

namespace Schoolplein.Tenant.Web.Notifications;

/// <summary>Opens a notification: marks it read and goes to what it is about. Only the recipient's own.</summary>
public sealed class OpenModel(SchoolpleinDb db, TimeProvider time) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var userId = User.UserId();
        var notification = await db.Notifications.SingleOrDefaultAsync(n => n.Id == id && n.UserId == userId, ct);
        if (notification is null)
        {
            return NotFound();
        }
        notification.ReadAt ??= time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return LocalRedirect(Url.IsLocalUrl(notification.Link) ? notification.Link : "/meldingen");
    }
}
