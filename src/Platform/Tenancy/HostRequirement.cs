namespace Schoolplein.Platform.Tenancy;

/// <summary>
/// Endpoint metadata: on which kind of host an endpoint may run. Endpoints without it
/// are school endpoints. The host is classified by the tenant resolution middleware.
/// </summary>
public interface IHostRequirementMetadata
{
    /// <summary>The host kind the endpoint requires, or null for any host (health, webhooks).</summary>
    HostKind? Kind { get; }
}

public sealed class HostRequirement : IHostRequirementMetadata
{
    private HostRequirement(HostKind? kind) => Kind = kind;

    public HostKind? Kind { get; }

    public static readonly HostRequirement Any = new(null);
    public static readonly HostRequirement School = new(HostKind.School);
    public static readonly HostRequirement Platform = new(HostKind.Platform);
}

/// <summary>For pages and endpoints that work on every host (with or without a school).</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class AnyHostAttribute : Attribute, IHostRequirementMetadata
{
    public HostKind? Kind => null;
}
