using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Timeline;

namespace Schoolplein.Tenant.Web.Timeline;

/// <summary>Urgent messages the signed-in user has not opened: shown on top of every page until opened.</summary>
public sealed class UrgentBanner(CurrentUser viewer, TimelineReader reader)
{
    public async Task<IReadOnlyList<UrgentBannerItem>> ForAsync(CancellationToken ct = default) =>
        viewer.IsParent
            ? await reader.UnreadUrgentAsync(viewer.Id, ct)
            : [];
}
