using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Tenancy;

// Not "Schoolplein.Platform.Migration": that namespace would hide EF Core's Migration type in the generated migrations.
namespace Schoolplein.Platform.SchoolMigration;

/// <summary>
/// Runs a confirmed import in the school's scope. All or nothing: everything is written in
/// one transaction, so a failure leaves the school as it was and the import can be started
/// again (the writer is idempotent). Progress is written beside the transaction, so the
/// backoffice sees it while the import runs.
/// </summary>
public sealed partial class MigrationImportJob(
    SchoolpleinDb db, ImportWriter writer, TenantContext tenant, ImportProgress progress, Billing.StripeBilling billing,
    ILogger<MigrationImportJob> logger)
{
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(Guid tenantId, Guid importId, CancellationToken ct)
    {
        var import = await db.Set<MigrationImport>().FirstOrDefaultAsync(i => i.Id == importId, ct);
        if (import is null || import.Status == ImportStatus.Succeeded)
        {
            return;
        }
        if (import.Edexml is null || import.Csv is null)
        {
            await progress.MarkAsync(tenantId, importId, ImportStatus.Failed, 0, "files missing", ct);
            return;
        }
        await progress.MarkAsync(tenantId, importId, ImportStatus.Running, 5, null, ct);
        try
        {
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(progress.Now, tenant.Required.TimeZoneInfo).DateTime);
            var plan = ImportPlanner.Plan(import.Edexml, import.Csv, today);
            await progress.MarkAsync(tenantId, importId, ImportStatus.Running, 10, null, ct);
            var strategy = db.Database.CreateExecutionStrategy();
            await strategy.ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var changes = await writer.WriteAsync(plan, percent => progress.MarkAsync(tenantId, importId, ImportStatus.Running, percent, null, ct), ct);
                import.Status = ImportStatus.Succeeded;
                import.Progress = 100;
                import.ResultJson = changes.ToJson();
                import.FinishedAt = progress.Now;
                import.Error = null;
                // The files hold personal data the school now has in Schoolplein itself.
                import.Edexml = null;
                import.Csv = null;
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
            });
            LogImported(logger, importId);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(logger, importId, ex.GetType().Name);
            await progress.MarkAsync(tenantId, importId, ImportStatus.Failed, 0, ex.GetType().Name, CancellationToken.None);
            throw;
        }
        try
        {
            // The subscription's quantity follows the pupils; the daily job catches up if Stripe is unreachable now.
            await billing.SyncQuantityAsync(tenantId, ct);
        }
        catch (Stripe.StripeException ex)
        {
            LogBillingSyncFailed(logger, ex.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {ImportId} done")]
    private static partial void LogImported(ILogger logger, Guid importId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscription quantity not synced after import ({Error})")]
    private static partial void LogBillingSyncFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import {ImportId} failed ({Error}); rolled back")]
    private static partial void LogFailed(ILogger logger, Guid importId, string error);
}

/// <summary>
/// The import's status and progress, written in their own scope and connection so the backoffice
/// sees them while the import's transaction is open; and the clock the import runs on.
/// </summary>
public sealed class ImportProgress(TenantScopeFactory scopes, TimeProvider time)
{
    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>Status and progress in their own scope and connection, visible while the import's transaction is open.</summary>
    public async Task MarkAsync(Guid tenantId, Guid importId, ImportStatus status, int progress, string? error, CancellationToken ct)
    {
        await using var scope = await scopes.BeginAsync(tenantId, ct);
        var now = time.GetUtcNow();
        await scope.Get<SchoolpleinDb>().Set<MigrationImport>().Where(i => i.Id == importId && i.Status != ImportStatus.Succeeded)
            .ExecuteUpdateAsync(s => s
                .SetProperty(i => i.Status, status)
                .SetProperty(i => i.Progress, progress)
                .SetProperty(i => i.Error, error)
                .SetProperty(i => i.StartedAt, i => i.StartedAt ?? now)
                .SetProperty(i => i.FinishedAt, i => status == ImportStatus.Failed ? now : i.FinishedAt), ct);
    }
}
