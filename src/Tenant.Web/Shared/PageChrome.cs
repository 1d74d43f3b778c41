using Microsoft.EntityFrameworkCore;
using Microsoft.FeatureManagement;
using Schoolplein.Platform.Consent;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Modules;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Timeline;

namespace Schoolplein.Tenant.Web.Shared;

/// <summary>
/// What the layout asks on every page of a signed-in user, in one statement instead of three: the bell's unread
/// count and, for parents, the unopened urgent messages and whether the school's consent re-confirmation waits for
/// them. Each part is the owning feature's own query (<see cref="TimelineReader.UnreadUrgent"/>,
/// <see cref="ConsentReader.ToConfirm"/>), composed here. Read once per request, when the layout first asks, which
/// is after the page's handler: a page that marks something read shows the count after that. Not cached beyond the
/// request: every one of these must change on the next page once the user acts.
/// </summary>
public sealed class PageChrome(CurrentUser viewer, SchoolpleinDb db, TimelineReader timeline, ConsentReader consent, IFeatureManager features)
{
    public sealed record State(int Unread, IReadOnlyList<UrgentBannerItem> Urgent, bool ConsentToConfirm);

    private static readonly State Nobody = new(0, [], false);
    private Task<State>? _state;

    public Task<State> GetAsync(CancellationToken ct = default) => _state ??= LoadAsync(ct);

    private async Task<State> LoadAsync(CancellationToken ct)
    {
        if (!viewer.IsSignedIn)
        {
            return Nobody;
        }
        var userId = viewer.Id;
        var unread = db.Notifications.Where(n => n.UserId == userId && n.ReadAt == null);
        if (!viewer.IsParent)
        {
            return new State(await unread.CountAsync(ct), [], false);
        }
        var urgent = timeline.UnreadUrgent(userId);
        var consentOn = await features.IsEnabledAsync(SchoolModules.Consent);
        var toConfirm = consent.ToConfirm(userId);
        // One row (the user's own) carrying the three answers; the urgent list comes along in the same statement.
        var row = await db.Users.AsNoTracking().AsSingleQuery()
            .Where(u => u.Id == userId)
            .Select(u => new
            {
                Unread = unread.Count(),
                Urgent = urgent.ToList(),
                Confirm = consentOn && toConfirm.Any(),
            })
            .FirstOrDefaultAsync(ct);
        return row is null ? Nobody : new State(row.Unread, row.Urgent, row.Confirm);
    }
}
