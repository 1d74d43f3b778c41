using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Notifications;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Tenancy;
using Schoolplein.Platform.Localization;

namespace Schoolplein.Tenant.Web.Notifications;

/// <summary>The signed-in user's own notifications, newest first, 50 per page.</summary>
public sealed class IndexModel(CurrentUser viewer, SchoolpleinDb db, NotificationInbox inbox, TenantContext tenant) : PageModel
{
    private const int PageSize = 50;
    private static readonly long MinMilliseconds = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();
    private static readonly long MaxMilliseconds = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    public IReadOnlyList<Row> Items { get; private set; } = [];
    public DateTimeOffset? NextBefore { get; private set; }

    public sealed record Row(Guid Id, string Title, string Body, bool Urgent, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt);

    public string Local(DateTimeOffset at) =>
        DateText.ShortWithTime(TimeZoneInfo.ConvertTime(at, tenant.Required.TimeZoneInfo).DateTime);

    public async Task OnGetAsync(long? before, CancellationToken ct)
    {
        var userId = viewer.Id;
        var query = db.Notifications.AsNoTracking().Where(n => n.UserId == userId);
        // A cursor outside what DateTimeOffset can hold (a hand-made link) shows the first page.
        if (before is { } ms && ms >= MinMilliseconds && ms <= MaxMilliseconds)
        {
            var cut = DateTimeOffset.FromUnixTimeMilliseconds(ms);
            query = query.Where(n => n.CreatedAt < cut);
        }
        var rows = await query.OrderByDescending(n => n.CreatedAt).Take(PageSize + 1)
            .Select(n => new Row(n.Id, n.Title, n.Body, n.Urgent, n.CreatedAt, n.ReadAt))
            .ToListAsync(ct);
        Items = rows.Take(PageSize).ToList();
        NextBefore = rows.Count > PageSize ? Items[^1].CreatedAt : null;
    }

    public async Task<IActionResult> OnPostMarkAllReadAsync(CancellationToken ct)
    {
        await inbox.MarkAllReadAsync(viewer.Id, ct);
        return RedirectToPage();
    }
}
