using Microsoft.EntityFrameworkCore;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Tenancy;

namespace Schoolplein.Tenant.Web.Branding;

public static class BrandingEndpoints
{
    /// <summary>The school's logo for the layout and e-mails; versioned by ?v= so it caches long.</summary>
    public static IEndpointRouteBuilder MapBranding(this IEndpointRouteBuilder app)
    {
        app.MapGet("/branding/logo", async (SchoolpleinDb db, TenantContext tenant, HttpContext http, CancellationToken ct) =>
        {
            var logo = await db.Tenants.AsNoTracking()
                .Where(t => t.Id == tenant.Required.Id && t.Logo != null)
                .Select(t => new { t.Logo, t.LogoContentType })
                .FirstOrDefaultAsync(ct);
            if (logo?.Logo is null)
            {
                return Results.NotFound();
            }
            http.Response.Headers.CacheControl = "public, max-age=86400";
            return Results.File(logo.Logo, logo.LogoContentType ?? "image/png");
        });
        return app;
    }
}
