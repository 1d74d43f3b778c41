using Microsoft.FeatureManagement;
using Schoolplein.Platform.Modules;

namespace Schoolplein.Tenant.Web.Modules;

public static class ModulesEndpoints
{
    public sealed record ModulesResponse(IReadOnlyList<string> Enabled);

    /// <summary>The modules switched on for this school, for scripts and the installable app.</summary>
    public static IEndpointRouteBuilder MapModules(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/modules").RequireAuthorization()
            .MapGet("/", async (IFeatureManager features) =>
            {
                var enabled = new List<string>();
                foreach (var module in SchoolModules.All)
                {
                    if (await features.IsEnabledAsync(module))
                    {
                        enabled.Add(module);
                    }
                }
                return TypedResults.Ok(new ModulesResponse(enabled));
            });
        return app;
    }
}
