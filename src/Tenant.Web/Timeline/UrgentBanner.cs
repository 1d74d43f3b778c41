using System.Security.Claims;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Timeline;

namespace Schoolplein.Tenant.Web.Timeline;

/// <summary>Urgent messages the signed-in user has not opened: shown on top of every page until opened.</summary>
public sealed class UrgentBanner(TimelineReader reader)
{
    public async Task<IReadOnlyList<UrgentBannerItem>> ForAsync(ClaimsPrincipal user, CancellationToken ct = default) =>
        user.Identity?.IsAuthenticated == true && user.IsInRole(Roles.Parent)
            ? await reader.UnreadUrgentAsync(user.UserId(), ct)
            : [];
}
