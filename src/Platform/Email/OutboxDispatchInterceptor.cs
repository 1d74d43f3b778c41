using System.Data.Common;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Schoolplein.Platform.Email;

/// <summary>
/// Enqueues a delivery job for every outbox e-mail once its row is committed: straight
/// after SaveChanges, or after the surrounding transaction commits. If the process dies
/// in between, or the job cannot be created (the database is overloaded), <see cref="OutboxSweepJob"/>
/// finds the row later: the change itself is committed, so the request must not fail.
/// </summary>
public sealed partial class OutboxDispatchInterceptor(IBackgroundJobClient jobs, ILogger<OutboxDispatchInterceptor> logger)
    : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly List<(Guid TenantId, Guid EmailId)> _pending = [];
    private readonly List<OutboxEmail> _saving = [];

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

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => _saving.Clear();

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        _saving.Clear();
        return Task.CompletedTask;
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
        foreach (var entry in context.ChangeTracker.Entries<OutboxEmail>())
        {
            if (entry.State == EntityState.Added)
            {
                _saving.Add(entry.Entity);
            }
        }
    }

    private void AfterSave(DbContext? context)
    {
        // Read the ids after saving: the tenant interceptor has stamped TenantId by now.
        _pending.AddRange(_saving.Select(e => (e.TenantId, e.Id)));
        _saving.Clear();
        if (context?.Database.CurrentTransaction is null)
        {
            Flush();
        }
    }

    private void Flush()
    {
        // One job per mail costs several database round trips to enqueue and an SMTP connection to
        // send: many mails of one school (a school-wide message) go in batches over one connection each.
        foreach (var school in _pending.GroupBy(p => p.TenantId))
        {
            var tenantId = school.Key;
            foreach (var batch in school.Select(p => p.EmailId).Chunk(DeliverEmailBatchJob.MaxBatch))
            {
                try
                {
                    if (batch.Length == 1)
                    {
                        var emailId = batch[0];
                        jobs.Enqueue<DeliverEmailJob>(job => job.RunAsync(tenantId, emailId, CancellationToken.None));
                    }
                    else
                    {
                        jobs.Enqueue<DeliverEmailBatchJob>(job => job.RunAsync(tenantId, batch, CancellationToken.None));
                    }
                }
                catch (BackgroundJobClientException ex)
                {
                    LogNotEnqueued(logger, batch.Length, ex.InnerException?.GetType().Name ?? ex.GetType().Name);
                }
            }
        }
        _pending.Clear();
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Delivery job for {Count} committed e-mail(s) could not be created ({Error}); the outbox sweep sends them later")]
    private static partial void LogNotEnqueued(ILogger logger, int count, string error);
}
