using System.Text;
using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Schoolplein.Platform.Jobs;
using Schoolplein.Platform.Email;
using Schoolplein.Platform.Observability;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Tenancy;

namespace Schoolplein.Platform.Push;

/// <summary>
/// Pushes a batch of notifications, with the same claim / mark-sent / back-off / dead rules as
/// e-mail (<see cref="OutboxRows"/>). One row goes to every device of its user; a device whose
/// push service answers 404 or 410 is unsubscribed. The row counts as sent when at least one
/// device accepted it (or none is left); it is retried only when every remaining device failed.
/// </summary>
public sealed partial class DeliverPushJob(
    SchoolpleinDb db, OutboxRows rows, IPushSender sender, IBackgroundJobClient jobs, TenantContext tenant,
    IOptions<TenancyOptions> tenancy, IOptions<PushOptions> options, TimeProvider time, SchoolpleinMetrics metrics, ILogger<DeliverPushJob> logger)
{
    private const string Table = OutboxTables.Push;
    /// <summary>Push services accept about 4 KB of encrypted payload; we stay well under.</summary>
    public const int MaxPayloadBytes = 3000;

    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [10, 60, 300])]
    public async Task RunBatchAsync(Guid tenantId, Guid batchId, CancellationToken ct)
    {
        var ids = await rows.DueInBatchAsync(Table, batchId, ct);
        var stopped = false;
        foreach (var id in ids)
        {
            if (ct.IsCancellationRequested)
            {
                stopped = true;
                break;
            }
            await DeliverAsync(id, ct);
        }
        var next = await rows.NextDueAsync(Table, batchId, CancellationToken.None);
        if (next is { } at)
        {
            jobs.ScheduleAt<DeliverPushJob>(j => j.RunBatchAsync(tenantId, batchId, CancellationToken.None), stopped ? time.GetUtcNow() : at, time);
        }
    }

    private async Task DeliverAsync(Guid deliveryId, CancellationToken ct)
    {
        if (!await rows.ClaimAsync(Table, deliveryId, CancellationToken.None))
        {
            return;
        }
        var item = await db.Set<PushDelivery>().AsNoTracking()
            .Where(d => d.Id == deliveryId)
            .Join(db.Notifications, d => d.NotificationId, n => n.Id, (d, n) => new { d.UserId, n.Kind, n.Title, n.Body, n.Link, n.Urgent, n.Id })
            .SingleAsync(CancellationToken.None);
        var devices = await db.Set<PushSubscription>().AsNoTracking()
            .Where(s => s.UserId == item.UserId)
            .Select(s => new { s.Id, Target = new PushTarget(s.Endpoint, s.P256dh, s.Auth) })
            .ToListAsync(CancellationToken.None);
        var payload = Payload(item.Title, item.Body, new Uri(tenancy.Value.SchoolUri(tenant.Required.Slug), item.Link).ToString(), item.Id);
        var ttl = item.Urgent ? options.Value.UrgentTimeToLiveSeconds : options.Value.TimeToLiveSeconds;
        int failed = 0;
        string? error = null;
        var gone = new List<Guid>();
        var reached = new List<Guid>();
        foreach (var device in devices)
        {
            var (result, why) = await sender.SendAsync(device.Target, payload, ttl, item.Urgent, CancellationToken.None);
            switch (result)
            {
                case PushResult.Delivered:
                    reached.Add(device.Id);
                    break;
                case PushResult.Gone:
                    gone.Add(device.Id);
                    break;
                default:
                    failed++;
                    error = why;
                    break;
            }
        }
        if (gone.Count > 0)
        {
            await db.Set<PushSubscription>().Where(s => gone.Contains(s.Id)).ExecuteDeleteAsync(CancellationToken.None);
            LogGone(logger, gone.Count);
        }
        if (reached.Count > 0)
        {
            var now = time.GetUtcNow();
            await db.Set<PushSubscription>().Where(s => reached.Contains(s.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastDeliveredAt, now), CancellationToken.None);
        }
        if (reached.Count > 0 || failed == 0)
        {
            await rows.MarkSentAsync(Table, deliveryId);
            metrics.Delivered(SchoolpleinMetrics.Channels.Push, item.Kind);
            return;
        }
        var dead = await rows.MarkFailedAsync(Table, deliveryId, options.Value.MaxAttempts, error ?? "Failed");
        metrics.Failed(SchoolpleinMetrics.Channels.Push, item.Kind, error ?? "Failed", final: dead);
        LogFailed(logger, deliveryId, item.Kind, error ?? "Failed");
    }

    /// <summary>What the service worker shows: title, a short body and the URL to open; always under <see cref="MaxPayloadBytes"/>.</summary>
    public static string Payload(string title, string body, string url, Guid notificationId)
    {
        var shortTitle = Shorten(title, 120);
        var shortBody = Shorten(body, 240);
        string json;
        do
        {
            json = JsonSerializer.Serialize(new { title = shortTitle, body = shortBody, url, tag = notificationId.ToString("N") });
            shortBody = Shorten(shortBody, shortBody.Length / 2);
        }
        while (Encoding.UTF8.GetByteCount(json) > MaxPayloadBytes && shortBody.Length > 0);
        return json;
    }

    private static string Shorten(string value, int max)
    {
        if (value.Length <= max)
        {
            return value;
        }
        if (max <= 1)
        {
            return "";
        }
        var cut = max - 1;
        // Never split a surrogate pair (emoji): half a character is not valid text.
        if (char.IsHighSurrogate(value[cut - 1]))
        {
            cut--;
        }
        return value[..cut] + "…";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Count} push subscriptions the push service no longer knows")]
    private static partial void LogGone(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Push {DeliveryId} ({Kind}) failed: {Error}")]
    private static partial void LogFailed(ILogger logger, Guid deliveryId, string kind, string error);
}

public sealed class PushDispatcher(IBackgroundJobClient jobs, TimeProvider time) : IOutboxDispatcher
{
    public Type RowType => typeof(PushDelivery);
    public string Table => OutboxTables.Push;

    public void Dispatch(Guid tenantId, Guid batchId, DateTimeOffset? notBefore)
    {
        if (notBefore is { } at)
        {
            jobs.ScheduleAt<DeliverPushJob>(j => j.RunBatchAsync(tenantId, batchId, CancellationToken.None), at, time);
        }
        else
        {
            jobs.Enqueue<DeliverPushJob>(j => j.RunBatchAsync(tenantId, batchId, CancellationToken.None));
        }
    }
}
