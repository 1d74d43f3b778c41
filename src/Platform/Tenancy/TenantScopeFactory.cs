using Microsoft.Extensions.DependencyInjection;

namespace Schoolplein.Platform.Tenancy;

/// <summary>
/// The one way to do work for a school outside a request (jobs, seeding, the backoffice
/// acting for a school): a new DI scope whose <see cref="TenantContext"/> is set to
/// that school. It never switches the tenant of an existing scope.
/// </summary>
public sealed class TenantScopeFactory(IServiceScopeFactory scopes, TenantCatalog catalog)
{
    public async Task<TenantScope> BeginAsync(Guid tenantId, CancellationToken ct = default)
    {
        var tenant = await catalog.FindByIdAsync(tenantId, ct)
            ?? throw new InvalidOperationException($"School {tenantId} does not exist.");
        return Begin(tenant);
    }

    public TenantScope Begin(TenantInfo tenant)
    {
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant);
        return new TenantScope(scope, tenant);
    }
}

public sealed class TenantScope(AsyncServiceScope scope, TenantInfo tenant) : IAsyncDisposable
{
    public IServiceProvider Services => scope.ServiceProvider;
    public TenantInfo Tenant => tenant;

    public T Get<T>() where T : notnull => scope.ServiceProvider.GetRequiredService<T>();

    public ValueTask DisposeAsync() => scope.DisposeAsync();
}
