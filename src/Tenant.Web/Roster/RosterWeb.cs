using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.LinkCodes;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Tenancy;
using Schoolplein.Tenant.Web.Shared;

using Schoolplein.Platform.Roster;

namespace Schoolplein.Tenant.Web.Roster;

public static class RosterWeb
{
    public static IServiceCollection AddRosterWeb(this IServiceCollection services)
    {
        services.AddRoster();
        services.AddScoped<AdminStart>();
        services.AddNavItem(new NavItem("/beheer", typeof(RosterText), "Menu", 90, [Roles.SchoolAdmin]));
        return services;
    }

    /// <summary>Koppelcode letters as PDF: one pupil, or every current pupil of a group (codes made where missing).</summary>
    public static IEndpointRouteBuilder MapRoster(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/beheer").RequireAuthorization(p => p.RequireRole(Roles.SchoolAdmin));
        admin.MapGet("/leerlingen/{id:guid}/brief.pdf", async (Guid id, SchoolpleinDb db, LinkCodeService codes, LinkCodeLetters letters,
            TenantContext tenant, IOptions<TenancyOptions> tenancy, CancellationToken ct) =>
        {
            var pupil = await db.Pupils.AsNoTracking().Where(p => p.Id == id && p.ArchivedAt == null).Select(p => p.Id).FirstOrDefaultAsync(ct);
            if (pupil == Guid.Empty)
            {
                return Results.NotFound();
            }
            await codes.IssueMissingAsync([pupil], ct);
            var pdf = await RenderAsync(db, codes, letters, tenant, tenancy.Value, [pupil], ct);
            return Results.File(pdf, "application/pdf", "koppelcode.pdf");
        });
        admin.MapGet("/groepen/{id:guid}/brieven.pdf", async (Guid id, SchoolpleinDb db, LinkCodeService codes, LinkCodeLetters letters,
            TenantContext tenant, IOptions<TenancyOptions> tenancy, CancellationToken ct) =>
        {
            if (!await db.Groups.AnyAsync(g => g.Id == id, ct))
            {
                return Results.NotFound();
            }
            var pupils = await db.Pupils.AsNoTracking().Where(p => p.GroupId == id && p.ArchivedAt == null)
                .OrderBy(p => p.LastName).ThenBy(p => p.FirstName).Select(p => p.Id).ToListAsync(ct);
            await codes.IssueMissingAsync(pupils, ct);
            var pdf = await RenderAsync(db, codes, letters, tenant, tenancy.Value, pupils, ct);
            return Results.File(pdf, "application/pdf", "koppelcodes-groep.pdf");
        });
        return app;
    }

    private static async Task<byte[]> RenderAsync(SchoolpleinDb db, LinkCodeService codes, LinkCodeLetters letters, TenantContext tenant,
        TenancyOptions tenancy, IReadOnlyList<Guid> pupilIds, CancellationToken ct)
    {
        var school = tenant.Required;
        var logo = await db.Tenants.AsNoTracking().Where(t => t.Id == school.Id).Select(t => t.Logo).FirstOrDefaultAsync(ct);
        var active = (await codes.ActiveCodesAsync(pupilIds, ct)).ToDictionary(c => c.PupilId);
        var pupils = await db.Pupils.AsNoTracking().Where(p => pupilIds.Contains(p.Id))
            .Select(p => new { p.Id, p.FullName, Group = p.Group!.Name })
            .ToDictionaryAsync(p => p.Id, ct);
        var list = pupilIds.Where(active.ContainsKey).Select(id =>
        {
            var p = pupils[id];
            return new LinkCodeLetter(p.FullName, p.Group, active[id].Code, active[id].ExpiresAt);
        }).ToList();
        var letterSchool = new LetterSchool(school.Name, school.PrimaryColor, logo, tenancy.SchoolUri(school.Slug),
            tenancy.SchoolUri(school.Slug, "/Account/Join"), school.TimeZoneInfo);
        return letters.Render(letterSchool, list);
    }
}
