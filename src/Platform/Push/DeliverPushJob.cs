using System.Text;
using System.Text.Json;
using Hangfire;
using Schoolplein.Platform.Jobs;
using Schoolplein.Platform.Email;

namespace Schoolplein.Platform.Push;

/// <summary>
/// Pushes a batch of notifications, with the same claim / mark-sent / back-off / dead rules as
/// e-mail (<see cref="OutboxRows"/>). One row goes to every device of its user; a device whose
/// push service answers 404 or 410 is unsubscribed. The row counts as sent when at least one
/// device accepted it (or none is left); it is retried only when every remaining device failed.
/// A few rows at a time are <see cref="PushRowDelivery"/>; this job runs the batch and schedules what is left.
/// </summary>
public sealed class DeliverPushJob(OutboxRows rows, IBackgroundJobClient jobs, TimeProvider time, PushRowDelivery delivery)
{
    private const string Table = OutboxTables.Push;
    /// <summary>Push services accept about 4 KB of encrypted payload; we stay well under.</summary>
    public const int MaxPayloadBytes = 3000;

    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [10, 60, 300])]
    public async Task RunBatchAsync(Guid tenantId, Guid batchId, CancellationToken ct)
    {
        var ids = await rows.DueInBatchAsync(Table, batchId, ct);
        var stopped = false;
        foreach (var chunk in ids.Chunk(PushRowDelivery.Chunk))
        {
            if (ct.IsCancellationRequested)
            {
                stopped = true;
                break;
            }
            await delivery.DeliverAsync(chunk);
        }
        var next = await rows.NextDueAsync(Table, batchId, CancellationToken.None);
        if (next is { } at)
        {
            jobs.ScheduleAt<DeliverPushJob>(j => j.RunBatchAsync(tenantId, batchId, CancellationToken.None), stopped ? time.GetUtcNow() : at, time);
        }
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
