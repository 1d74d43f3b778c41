using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Schoolplein.Platform.Email;
using Schoolplein.Platform.Observability;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Tenancy;

namespace Schoolplein.Platform.Push;

/// <summary>
/// Pushes one outbox row: claim it, build the message (<see cref="PushMessages"/>), send it to
/// every device of the user (<see cref="PushFanOut"/>) and record the result. Sent when at least
/// one device accepted it or none is left; failed (backed off, or dead) only when every remaining
/// device failed.
/// </summary>
public sealed partial class PushRowDelivery(
    OutboxDeliveries deliveries, PushMessages messages, PushFanOut fanOut, IOptions<PushOptions> options, ILogger<DeliverPushJob> logger)
{
    private const string Table = OutboxTables.Push;

    public async Task DeliverAsync(Guid deliveryId)
    {
        if (!await deliveries.ClaimAsync(Table, deliveryId))
        {
            return;
        }
        var message = await messages.ForDeliveryAsync(deliveryId);
        var sent = await fanOut.SendAsync(message);
        if (sent.Reached > 0 || sent.Failed == 0)
        {
            await deliveries.SentAsync(Table, SchoolpleinMetrics.Channels.Push, deliveryId, message.Kind);
            return;
        }
        var error = sent.Error ?? "Failed";
        await deliveries.FailedAsync(Table, SchoolpleinMetrics.Channels.Push, deliveryId, message.Kind, options.Value.MaxAttempts, error);
        LogFailed(logger, deliveryId, message.Kind, error);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Push {DeliveryId} ({Kind}) failed: {Error}")]
    private static partial void LogFailed(ILogger logger, Guid deliveryId, string kind, string error);
}

/// <summary>One notification ready to push: what to send, for how long the push service keeps it, and to which devices.</summary>
public sealed record OutgoingPush(string Kind, string Payload, int TimeToLiveSeconds, bool Urgent, IReadOnlyList<PushDevice> Devices);

public sealed record PushDevice(Guid Id, PushTarget Target);

/// <summary>Renders the push message of an outbox row: the notification's text and its link on the school's own host.</summary>
public sealed class PushMessages(SchoolpleinDb db, TenantContext tenant, IOptions<TenancyOptions> tenancy, IOptions<PushOptions> options)
{
    public async Task<OutgoingPush> ForDeliveryAsync(Guid deliveryId)
    {
        var item = await db.Set<PushDelivery>().AsNoTracking()
            .Where(d => d.Id == deliveryId)
            .Join(db.Notifications, d => d.NotificationId, n => n.Id, (d, n) => new { d.UserId, n.Kind, n.Title, n.Body, n.Link, n.Urgent, n.Id })
            .SingleAsync(CancellationToken.None);
        var devices = await db.Set<PushSubscription>().AsNoTracking()
            .Where(s => s.UserId == item.UserId)
            .Select(s => new PushDevice(s.Id, new PushTarget(s.Endpoint, s.P256dh, s.Auth)))
            .ToListAsync(CancellationToken.None);
        var payload = DeliverPushJob.Payload(item.Title, item.Body, new Uri(tenancy.Value.SchoolUri(tenant.Required.Slug), item.Link).ToString(), item.Id);
        var ttl = item.Urgent ? options.Value.UrgentTimeToLiveSeconds : options.Value.TimeToLiveSeconds;
        return new OutgoingPush(item.Kind, payload, ttl, item.Urgent, devices);
    }
}

/// <summary>
/// Sends a message to each device. A device whose push service answers 404 or 410 is unsubscribed;
/// the devices that accepted it get their last-delivered time.
/// </summary>
public sealed partial class PushFanOut(IPushSender sender, SchoolpleinDb db, TimeProvider time, ILogger<DeliverPushJob> logger)
{
    public sealed record Result(int Reached, int Failed, string? Error);

    public async Task<Result> SendAsync(OutgoingPush message)
    {
        int failed = 0;
        string? error = null;
        var gone = new List<Guid>();
        var reached = new List<Guid>();
        foreach (var device in message.Devices)
        {
            var (result, why) = await sender.SendAsync(device.Target, message.Payload, message.TimeToLiveSeconds, message.Urgent, CancellationToken.None);
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
        return new Result(reached.Count, failed, error);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Count} push subscriptions the push service no longer knows")]
    private static partial void LogGone(ILogger logger, int count);
}
