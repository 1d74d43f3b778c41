using Schoolplein.Platform.Tenancy;

namespace Schoolplein.Tenant.Web.Tenancy;

/// <summary>What the tenant resolution middleware found for this request's host.</summary>
public sealed class SchoolHostFeature(HostKind kind, TenantInfo? school)
{
    /// <summary>School only for a school that exists and is not archived; unknown slugs are Unknown.</summary>
    public HostKind Kind { get; } = kind;

    /// <summary>The school of the host, also when it is suspended.</summary>
    public TenantInfo? School { get; } = school;

    public bool IsSuspended => School is { IsServed: false };
}
