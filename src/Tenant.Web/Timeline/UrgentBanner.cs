using Schoolplein.Platform.Timeline;
using Schoolplein.Tenant.Web.Shared;

namespace Schoolplein.Tenant.Web.Timeline;

/// <summary>Urgent messages the signed-in parent has not opened: shown on top of every page until opened (asked with the layout's other questions).</summary>
public sealed class UrgentBanner(PageChrome chrome)
{
    public async Task<IReadOnlyList<UrgentBannerItem>> ForAsync(CancellationToken ct = default) =>
        (await chrome.GetAsync(ct)).Urgent;
}
