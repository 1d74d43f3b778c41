using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Schoolplein.Backoffice.Persistence;
using Schoolplein.Platform.Persistence;

namespace Schoolplein.Backoffice.Audit;

[Authorize(Roles = BackofficeRoles.Admin + "," + BackofficeRoles.Support)]
public sealed class IndexModel(BackofficeDb db, SchoolpleinDb schools) : PageModel
{
    public sealed record Row(DateTimeOffset At, string Actor, string Action, string? School, string? Details);

    public IReadOnlyList<Row> Entries { get; private set; } = [];
    public Guid? School { get; private set; }

    public async Task OnGetAsync(Guid? school, CancellationToken ct)
    {
        School = school;
        var query = db.AuditEntries.AsNoTracking();
        if (school is { } id)
        {
            query = query.Where(a => a.TenantId == id);
        }
        var entries = await query.OrderByDescending(a => a.At).Take(300)
            .Select(a => new { a.At, a.ActorName, a.Action, a.TenantId, a.Details }).ToListAsync(ct);
        var ids = entries.Where(e => e.TenantId is not null).Select(e => e.TenantId!.Value).Distinct().ToList();
        var names = await schools.Tenants.AsNoTracking().Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        Entries = entries.Select(e => new Row(e.At, e.ActorName, e.Action,
            e.TenantId is { } t ? names.GetValueOrDefault(t, t.ToString()) : null, e.Details)).ToList();
    }
}
