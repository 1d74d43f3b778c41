using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Schoolplein.Platform.Email;

/// <summary>One committed outbox batch whose delivery job is still to be enqueued.</summary>
public readonly record struct OutboxDispatch(IOutboxDispatcher Dispatcher, Guid TenantId, Guid BatchId, DateTimeOffset? NotBefore);

/// <summary>
/// Hands committed outbox batches from the request to <see cref="OutboxDispatchPump"/>, which
/// enqueues their Hangfire jobs. Hangfire's enqueue is synchronous (a storage round trip and a
/// distributed-lock free INSERT on its own pool): on the request thread it blocked a thread-pool
/// thread per write, and a burst of 200 bookings starved the pool of a 2-core machine.
/// <para>
/// A batch that is queued but not yet enqueued when the process dies is not lost: its rows are
/// committed and pending, so <see cref="OutboxSweepJob"/> (every 5 minutes, for rows older than
/// <see cref="OutboxOptions.SweepGraceSeconds"/>) puts them in a fresh batch and starts it.
/// </para>
/// </summary>
public sealed class OutboxDispatchQueue(ILogger<OutboxDispatchQueue> logger)
{
    /// <summary>Enough for a fan-out to 1,000,000 recipients in batches of 200; a full queue falls back to enqueuing inline.</summary>
    public const int Capacity = 5000;

    private readonly Channel<OutboxDispatch> _channel = Channel.CreateBounded<OutboxDispatch>(
        new BoundedChannelOptions(Capacity) { SingleReader = false, SingleWriter = false, FullMode = BoundedChannelFullMode.Wait });

    private volatile bool _draining;

    /// <summary>Queued and not yet handed to Hangfire (for tests and metrics).</summary>
    public int Count => _channel.Reader.Count;

    internal ChannelReader<OutboxDispatch> Reader => _channel.Reader;

    /// <summary>Whether a pump is running in this process; without one (a command-line tool, a host not started) batches are enqueued inline.</summary>
    internal bool Draining
    {
        get => _draining;
        set => _draining = value;
    }

    public void Post(OutboxDispatch dispatch)
    {
        if (_draining && _channel.Writer.TryWrite(dispatch))
        {
            return;
        }
        Send(dispatch);
    }

    /// <summary>Enqueues the batch's Hangfire job now; a failure is logged and left to the outbox sweep.</summary>
    internal void Send(OutboxDispatch dispatch)
    {
        try
        {
            dispatch.Dispatcher.Dispatch(dispatch.TenantId, dispatch.BatchId, dispatch.NotBefore);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The rows are committed and pending: the outbox sweep batches and sends them.
            logger.LogWarning(ex,
                "Delivery of outbox batch {BatchId} ({Table}) of school {TenantId} could not be enqueued after commit; the outbox sweep will send it",
                dispatch.BatchId, dispatch.Dispatcher.Table, dispatch.TenantId);
        }
    }
}

/// <summary>
/// Drains <see cref="OutboxDispatchQueue"/> into Hangfire off the request threads. Two readers, so
/// one slow storage round trip does not hold up the next batch; on shutdown it stops taking new
/// batches (they are enqueued inline again) and sends what is queued before the host stops.
/// </summary>
public sealed class OutboxDispatchPump(OutboxDispatchQueue queue) : IHostedService
{
    private const int Readers = 2;
    private readonly CancellationTokenSource _stopping = new();
    private Task[] _readers = [];
    private int _stopped;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        queue.Draining = true;
        _readers = [.. Enumerable.Range(0, Readers).Select(_ => Task.Run(() => ReadAsync(_stopping.Token), CancellationToken.None))];
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // A host may be stopped more than once (a test factory's dispose); the second stop has nothing to do.
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }
        queue.Draining = false;
        _stopping.Cancel();
        await Task.WhenAll(_readers).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        // A writer that saw Draining just before it flipped may still have queued a batch; one that
        // writes after this loop leaves its batch to the outbox sweep.
        while (queue.Reader.TryRead(out var dispatch))
        {
            queue.Send(dispatch);
        }
    }

    private async Task ReadAsync(CancellationToken stopping)
    {
        try
        {
            while (await queue.Reader.WaitToReadAsync(stopping))
            {
                while (queue.Reader.TryRead(out var dispatch))
                {
                    queue.Send(dispatch);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }
}
