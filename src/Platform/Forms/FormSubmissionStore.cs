using Microsoft.EntityFrameworkCore;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Tenancy;

namespace Schoolplein.Platform.Forms;

/// <summary>Where sent forms are remembered: the school app and the backoffice each have their own table.</summary>
public interface IFormSubmissionStore
{
    /// <summary>False where there is nowhere to remember (a host without a school): forms pass unguarded.</summary>
    bool IsAvailable { get; }

    /// <summary>Claims the key (after removing rows older than <paramref name="expiredBefore"/>); false when it is already claimed.</summary>
    Task<bool> TryClaimAsync(string key, DateTimeOffset now, DateTimeOffset expiredBefore, CancellationToken ct);

    /// <summary>The claim of the key, or null when there is none (never sent, released, or expired).</summary>
    Task<FormSubmissionState?> FindAsync(string key, CancellationToken ct);

    Task CompleteAsync(string key, string redirectTo, DateTimeOffset now, CancellationToken ct);

    /// <summary>Forgets a claim that did not complete, so the same form may be sent again.</summary>
    Task ReleaseAsync(string key, CancellationToken ct);
}

public sealed record FormSubmissionState(DateTimeOffset CreatedAt, string? RedirectTo);

/// <summary>
/// The school app's store: <c>form_submissions</c>, tenant-owned, so a key of one school never
/// matches in another (the query filter, and row-level security below it). The claim is one
/// INSERT … ON CONFLICT DO NOTHING, so two taps arriving together cannot both win. It uses the
/// request's own connection and commits on its own, outside any transaction of the handler.
/// </summary>
public sealed class SchoolFormSubmissionStore(SchoolpleinDb db, TenantContext tenant) : IFormSubmissionStore
{
    public bool IsAvailable => tenant.Id is not null;

    private Guid TenantId => tenant.Id ?? throw new InvalidOperationException("No school is set for this scope.");

    public async Task<bool> TryClaimAsync(string key, DateTimeOffset now, DateTimeOffset expiredBefore, CancellationToken ct)
    {
        var tenantId = TenantId;
        await db.Set<FormSubmission>().Where(s => s.CreatedAt < expiredBefore).ExecuteDeleteAsync(ct);
        var inserted = await db.Database.ExecuteSqlAsync(
            $"INSERT INTO form_submissions (tenant_id, key, created_at) VALUES ({tenantId}, {key}, {now}) ON CONFLICT DO NOTHING", ct);
        return inserted == 1;
    }

    public Task<FormSubmissionState?> FindAsync(string key, CancellationToken ct) =>
        db.Set<FormSubmission>().AsNoTracking().Where(s => s.Key == key)
            .Select(s => new FormSubmissionState(s.CreatedAt, s.RedirectTo)).FirstOrDefaultAsync(ct);

    public Task CompleteAsync(string key, string redirectTo, DateTimeOffset now, CancellationToken ct) =>
        db.Set<FormSubmission>().Where(s => s.Key == key)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.RedirectTo, redirectTo).SetProperty(s => s.CompletedAt, now), ct);

    public Task ReleaseAsync(string key, CancellationToken ct) =>
        db.Set<FormSubmission>().Where(s => s.Key == key && s.RedirectTo == null).ExecuteDeleteAsync(ct);
}
