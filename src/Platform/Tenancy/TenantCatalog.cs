using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Schoolplein.Platform.Persistence;

namespace Schoolplein.Platform.Tenancy;

/// <summary>
/// Reads the tenant catalogue through a short-lived cache keyed by slug and by id.
/// The backoffice announces changes (PostgreSQL NOTIFY, see <see cref="TenantChangeListener"/>),
/// which evicts the entry on every instance; the short lifetime bounds staleness if a
/// notification is missed.
/// </summary>
public sealed class TenantCatalog(IServiceScopeFactory scopes, IMemoryCache cache, IOptions<TenancyOptions> options)
{
    private static readonly object NotFound = new();

    public async Task<TenantInfo?> FindBySlugAsync(string slug, CancellationToken ct = default)
    {
        var key = ("tenant-slug", slug);
        if (cache.TryGetValue(key, out var hit))
        {
            return hit as TenantInfo;
        }
        var tenant = await LoadAsync(q => q.Where(t => t.Slug == slug), ct);
        Store(key, tenant);
        if (tenant is not null)
        {
            Store(("tenant-id", tenant.Id), tenant);
        }
        return tenant;
    }

    /// <summary>The cached entry, if there is one (found or known missing); no database round trip.</summary>
    public bool TryGetCached(Guid id, out TenantInfo? tenant)
    {
        if (cache.TryGetValue(("tenant-id", id), out var hit))
        {
            tenant = hit as TenantInfo;
            return true;
        }
        tenant = null;
        return false;
    }

    public async Task<TenantInfo?> FindByIdAsync(Guid id, CancellationToken ct = default)
    {
        var key = ("tenant-id", id);
        if (cache.TryGetValue(key, out var hit))
        {
            return hit as TenantInfo;
        }
        var tenant = await LoadAsync(q => q.Where(t => t.Id == id), ct);
        Store(key, tenant);
        return tenant;
    }

    /// <summary>Schools whose recurring work should run (onboarding and active).</summary>
    public async Task<IReadOnlyList<Guid>> ServedTenantIdsAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SchoolpleinDb>();
        return await db.Tenants.AsNoTracking()
            .Where(t => t.Status == TenantStatus.Active || t.Status == TenantStatus.Onboarding)
            .OrderBy(t => t.Slug)
            .Select(t => t.Id)
            .ToListAsync(ct);
    }

    public void Invalidate(Guid id, string? slug)
    {
        if (cache.TryGetValue(("tenant-id", id), out var hit) && hit is TenantInfo known)
        {
            cache.Remove(("tenant-slug", known.Slug));
        }
        cache.Remove(("tenant-id", id));
        if (slug is not null)
        {
            cache.Remove(("tenant-slug", slug));
        }
    }

    private void Store(object key, TenantInfo? tenant) =>
        cache.Set(key, tenant ?? NotFound, TimeSpan.FromSeconds(options.Value.CatalogCacheSeconds));

    private async Task<TenantInfo?> LoadAsync(Func<IQueryable<Tenant>, IQueryable<Tenant>> filter, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SchoolpleinDb>();
        return await filter(db.Tenants.AsNoTracking())
            .Select(t => new TenantInfo(t.Id, t.Slug, t.Name, t.Status, t.PrimaryColor, t.Locale, t.TimeZone,
                t.Address, t.Phone, t.ContactEmail, t.Modules, t.LogoUpdatedAt)
            { BillingStatus = t.BillingStatus, GraceUntil = t.GraceUntil, WelcomeText = t.WelcomeText })
            .FirstOrDefaultAsync(ct);
    }
}
