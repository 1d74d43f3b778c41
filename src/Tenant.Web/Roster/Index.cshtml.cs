using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Schoolplein.Platform.Identity;

namespace Schoolplein.Tenant.Web.Roster;

/// <summary>The school admin's start page: every admin area with a short count.</summary>
[Authorize(Roles = Roles.SchoolAdmin)]
public sealed class IndexModel(AdminStart start) : PageModel
{
    public AdminCounts Counts { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Counts = await start.CountsAsync(ct);
}
