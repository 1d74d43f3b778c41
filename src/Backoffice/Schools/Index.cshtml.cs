using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Tenancy;

namespace Schoolplein.Backoffice.Schools;

public sealed class IndexModel(SchoolpleinDb db, IOptions<TenancyOptions> tenancy) : PageModel
{
    public IReadOnlyList<SchoolRow> Schools { get; private set; } = [];

    public sealed record SchoolRow(Guid Id, string Name, Uri Url, TenantStatus Status);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var rows = await db.Tenants.AsNoTracking().OrderBy(t => t.Name)
            .Select(t => new { t.Id, t.Name, t.Slug, t.Status })
            .ToListAsync(ct);
        Schools = rows.Select(r => new SchoolRow(r.Id, r.Name, tenancy.Value.SchoolUri(r.Slug), r.Status)).ToList();
    }
}
