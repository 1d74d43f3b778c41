using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Schoolplein.Platform.Identity;

namespace Schoolplein.Tenant.Web.Timeline;

/// <summary>
/// The timeline's side column as a fragment (no layout), fetched by wwwroot/js/app.js only when the screen is
/// wide enough to show it. Rendering it with every timeline cost five queries on every phone, where CSS hid it.
/// Parents only (staff get a 404, as they got no column before); a child filter must be one of the viewer's own children.
/// </summary>
[Authorize]
public sealed class SideModel(CurrentUser viewer, TimelineSide side) : PageModel
{
    public TimelineSide.View View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid? child, CancellationToken ct)
    {
        if (!viewer.IsParent || (child is { } c && !(await viewer.ChildrenAsync(ct)).Contains(c)))
        {
            return NotFound();
        }
        View = await side.ForAsync(viewer, child, await side.TodayAsync(viewer, child, ct), ct);
        // Personal, and stale within minutes (today's agenda, open questions): never kept by a cache.
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
