using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Timeline;

namespace Schoolplein.Tenant.Web.Timeline;

/// <summary>The urgent messages a staff member may follow up, newest first, with the share of children reached.</summary>
[Authorize(Roles = Roles.Staff)]
public sealed class UrgentListModel(CurrentUser viewer, UrgentMessages urgent) : PageModel
{
    public IReadOnlyList<UrgentListItem> Messages { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Messages = await urgent.ListAsync(viewer, ct);
}
