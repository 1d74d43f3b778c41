using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Schoolplein.Platform.Tenancy;

namespace Schoolplein.Platform.Jobs;

/// <summary>
/// Opens a fresh DI scope per job; for a school's job the scope's <see cref="TenantContext"/>
/// is set from the job's TenantId parameter (so also after a retry, on any worker).
/// </summary>
public sealed class TenantJobActivator(IServiceScopeFactory scopes, TenantCatalog catalog) : JobActivator
{
    public override object ActivateJob(Type jobType) =>
        throw new InvalidOperationException("Jobs are activated inside a scope.");

    public override JobActivatorScope BeginScope(JobActivatorContext context)
    {
        var scope = scopes.CreateAsyncScope();
        var tenantId = context.GetJobParameter<Guid?>(JobParameters.TenantId);
        if (tenantId is { } id)
        {
            var tenant = catalog.FindByIdAsync(id).GetAwaiter().GetResult()
                ?? throw new InvalidOperationException($"School {id} of the job does not exist.");
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant);
        }
        return new Scope(scope);
    }

    private sealed class Scope(AsyncServiceScope scope) : JobActivatorScope
    {
        public override object Resolve(Type type) => ActivatorUtilities.GetServiceOrCreateInstance(scope.ServiceProvider, type);

        public override void DisposeScope() => scope.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
