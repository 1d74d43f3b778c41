namespace Schoolplein.Platform.Tenancy;

/// <summary>
/// The school of the current DI scope. Set exactly once (by the resolution middleware,
/// the job activator or <see cref="TenantScopeFactory"/>); a second set with another
/// school throws. Deliberately not carried in an AsyncLocal.
/// </summary>
public sealed class TenantContext
{
    private TenantInfo? _tenant;

    public TenantInfo? Tenant => _tenant;
    public bool IsSet => _tenant is not null;
    public Guid? Id => _tenant?.Id;

    public TenantInfo Required => _tenant ?? throw new InvalidOperationException("No school is set for this scope.");

    public void Set(TenantInfo tenant)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        if (_tenant is not null)
        {
            if (_tenant.Id != tenant.Id)
            {
                throw new InvalidOperationException("The school of a scope cannot change once set.");
            }
            return;
        }
        _tenant = tenant;
    }
}
