using Hangfire;
using Schoolplein.Platform.Tenancy;

namespace Schoolplein.Platform.Jobs;

/// <summary>Recurring work is one system job that enqueues the per-school job for every served school.</summary>
public sealed class TenantFanOutJob<TJob>(TenantCatalog catalog, IBackgroundJobClient jobs) where TJob : ITenantJob
{
    [SystemJob]
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var tenants = await catalog.ServedTenantIdsAsync(ct);
        foreach (var tenantId in tenants)
        {
            jobs.Enqueue<TJob>(job => job.RunAsync(tenantId, CancellationToken.None));
        }
        return tenants.Count;
    }
}
