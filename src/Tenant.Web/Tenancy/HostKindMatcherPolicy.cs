using Microsoft.AspNetCore.Routing.Matching;
using Schoolplein.Platform.Tenancy;

namespace Schoolplein.Tenant.Web.Tenancy;

/// <summary>
/// Lets school pages and the product's own pages share paths ("/" is a school's home on
/// its subdomain and the landing page on the bare domain): a candidate endpoint is valid
/// only on the kind of host its <see cref="HostRequirement"/> names (school by default).
/// </summary>
public sealed class HostKindMatcherPolicy : MatcherPolicy, IEndpointSelectorPolicy
{
    public override int Order => 0;

    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints) => true;

    public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
    {
        var kind = httpContext.Features.Get<SchoolHostFeature>()?.Kind ?? HostKind.Unknown;
        for (var i = 0; i < candidates.Count; i++)
        {
            if (!candidates.IsValidCandidate(i))
            {
                continue;
            }
            var required = candidates[i].Endpoint.Metadata.GetMetadata<IHostRequirementMetadata>() ?? HostRequirement.School;
            if (required.Kind is { } needed && needed != kind)
            {
                candidates.SetValidity(i, false);
            }
        }
        return Task.CompletedTask;
    }
}
