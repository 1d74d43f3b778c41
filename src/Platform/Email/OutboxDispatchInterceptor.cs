using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Schoolplein.Platform.Email;

/// <summary>
/// Puts new outbox rows (e-mail, push) into batches when they are saved and starts one delivery
/// job per batch once the rows are committed: straight after SaveChanges, or after the
/// surrounding transaction commits. The enqueue itself happens off the request thread
/// (<see cref="OutboxDispatchQueue"/>). If the process dies in between, or the job cannot be enqueued
/// (Hangfire's storage down), <see cref="OutboxSweepJob"/> finds the rows later: the change has
/// committed, so the request must not answer 500 for it.
/// </summary>
public sealed class OutboxDispatchInterceptor(
    IEnumerable<IOutboxDispatcher> dispatchers, Microsoft.Extensions.Options.IOptions<OutboxOptions> options,
    OutboxDispatchQueue queue)
    : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly List<(IOutboxDispatcher Dispatcher, Guid TenantId, Guid BatchId, DateTimeOffset? NotBefore)> _pending = [];
    private readonly List<(IOutboxDispatcher Dispatcher, Guid BatchId, IOutboxRow Row)> _saving = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        AfterSave(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(
        SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        AfterSave(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget();

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget();
        return Task.CompletedTask;
    }

    // A later SaveChanges of the same rows batches them afresh.
    private void Forget()
    {
        foreach (var (_, _, row) in _saving)
        {
            row.BatchId = null;
        }
        _saving.Clear();
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Flush();

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Flush();
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => _pending.Clear();

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        _pending.Clear();
        return Task.CompletedTask;
    }

    private void Collect(DbContext? context)
    {
        _saving.Clear();
        if (context is null)
        {
            return;
        }
        var size = options.Value.BatchSize;
        foreach (var dispatcher in dispatchers)
        {
            var added = context.ChangeTracker.Entries()
                .Where(e => e.State == EntityState.Added && e.Entity.GetType() == dispatcher.RowType)
                .Select(e => (IOutboxRow)e.Entity)
                .Where(r => r.BatchId is null)
                .GroupBy(r => r.NextAttemptAt);
            foreach (var group in added)
            {
                foreach (var chunk in group.Chunk(size))
                {
                    var batchId = Guid.CreateVersion7();
                    foreach (var row in chunk)
                    {
                        row.BatchId = batchId;
                        _saving.Add((dispatcher, batchId, row));
                    }
                }
            }
        }
    }

    private void AfterSave(DbContext? context)
    {
        // Read the school after saving: the tenant interceptor has stamped TenantId by now.
        _pending.AddRange(_saving
            .GroupBy(s => (s.Dispatcher, s.BatchId))
            .Select(g => (g.Key.Dispatcher, g.First().Row.TenantId, g.Key.BatchId, g.Max(s => s.Row.NextAttemptAt))));
        _saving.Clear();
        if (context?.Database.CurrentTransaction is null)
        {
            Flush();
        }
    }

    private void Flush()
    {
        foreach (var (dispatcher, tenantId, batchId, notBefore) in _pending)
        {
            queue.Post(new OutboxDispatch(dispatcher, tenantId, batchId, notBefore));
        }
        _pending.Clear();
    }
}
