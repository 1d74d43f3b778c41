using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Schoolplein.Platform.Calendar;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Modules;

namespace Schoolplein.Tenant.Web.Calendar;

/// <summary>Downloads an event's attachment for users who can see the event.</summary>
public sealed class AttachmentModel(CurrentUser viewer, CalendarService calendar) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, Guid attachmentId, CancellationToken ct)
    {
        var found = await calendar.AttachmentAsync(viewer.Id, viewer.IsAdmin, id, attachmentId, ct);
        if (found is not { } file)
        {
            return NotFound();
        }
        Response.Headers.CacheControl = "private, no-store";
        return File(file.Content, file.Attachment.ContentType, file.Attachment.FileName);
    }
}
