using Schoolplein.Platform.Jobs;

namespace Schoolplein.Platform.Email;

/// <summary>
/// Finds outbox rows (e-mail and push) whose delivery job was lost (the process died between
/// commit and enqueue, or a worker died holding a lease), puts them in fresh batches and starts
/// their jobs. Runs per school from the recurring fan-out.
/// </summary>
public sealed class OutboxSweepJob(OutboxRows rows, IEnumerable<IOutboxDispatcher> dispatchers) : ITenantJob
{
    public async Task RunAsync(Guid tenantId, CancellationToken ct)
    {
        foreach (var dispatcher in dispatchers)
        {
            foreach (var batchId in await rows.RebatchStaleAsync(dispatcher.Table, 5000, ct))
            {
                dispatcher.Dispatch(tenantId, batchId, null);
            }
        }
    }
}
