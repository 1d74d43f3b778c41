using Microsoft.EntityFrameworkCore;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Notifications;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Schools;
using Schoolplein.Platform.Tenancy;

namespace Schoolplein.Platform.Push;

/// <summary>
/// Notifications by web push: one delivery row per (notification, push) for recipients who
/// want push (urgent: everyone) and have at least one subscribed device. Non-urgent pushes
/// written in the school's quiet hours are held until they end.
/// </summary>
public sealed class PushChannel(SchoolpleinDb db, TenantSettingsStore<SchoolSettings> settings, TenantContext tenant, TimeProvider time) : INotificationChannel
{
    public static string IdempotencyKey(Guid notificationId) => $"notification:{notificationId:N}:push";

    public async Task AddAsync(IReadOnlyList<NotificationDraft> drafts, CancellationToken ct)
    {
        var wanted = drafts
            .Where(d => d.Content.Urgent || d.Recipient.NotifyBy.HasFlag(NotificationChannels.Push))
            .ToList();
        if (wanted.Count == 0)
        {
            return;
        }
        var userIds = wanted.Select(d => d.Recipient.UserId).Distinct().ToList();
        var subscribed = (await db.Set<PushSubscription>().AsNoTracking()
            .Where(s => userIds.Contains(s.UserId))
            .Select(s => s.UserId)
            .Distinct()
            .ToListAsync(ct)).ToHashSet();
        if (subscribed.Count == 0)
        {
            return;
        }
        var now = time.GetUtcNow();
        DateTimeOffset? held = null;
        if (wanted.Any(d => !d.Content.Urgent))
        {
            var school = await settings.GetAsync(ct);
            held = QuietHours.HeldUntil(now, tenant.Required.TimeZoneInfo, school.QuietHoursStart, school.QuietHoursEnd);
        }
        foreach (var draft in wanted.Where(d => subscribed.Contains(d.Recipient.UserId)))
        {
            db.Add(new PushDelivery
            {
                NotificationId = draft.Notification.Id,
                UserId = draft.Recipient.UserId,
                IdempotencyKey = IdempotencyKey(draft.Notification.Id),
                NextAttemptAt = draft.Content.Urgent ? null : held,
                CreatedAt = now,
            });
        }
    }
}
