using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Notifications;

namespace Schoolplein.Tenant.Web.Notifications;

/// <summary>Opens a notification: marks it read and goes to what it is about. Only the recipient's own.</summary>
public sealed class OpenModel(CurrentUser viewer, NotificationInbox inbox) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await inbox.OpenAsync(viewer.Id, id, ct) is not { } link)
        {
            return NotFound();
        }
        return LocalRedirect(Url.IsLocalUrl(link) ? link : "/meldingen");
    }
}
