using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Schoolplein.Platform.Conferences;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Modules;
using Schoolplein.Platform.Persistence;
using Schoolplein.Tenant.Web.Calendar;

namespace Schoolplein.Tenant.Web.Conferences;

/// <summary>The conference rounds a staff member takes part in (admins: all).</summary>
[Authorize(Roles = Roles.Staff)]
public sealed class RoundsModel(CurrentUser viewer, ConferencePlanning planning, SchoolpleinDb db) : PageModel
{
    public IReadOnlyList<Row> Items { get; private set; } = [];
    public bool IsAdmin { get; private set; }

    public sealed record Row(Guid Id, string Title, DateTimeOffset ClosesAt, IReadOnlyList<string> Groups, int Slots, int Booked);

    public async Task OnGetAsync(CancellationToken ct)
    {
        IsAdmin = viewer.IsAdmin;
        Items = await planning.RoundsFor(viewer).AsNoTracking()
            .OrderByDescending(r => r.BookingClosesAt)
            .Select(r => new Row(r.Id, r.Title, r.BookingClosesAt,
                r.Groups.OrderBy(g => g.Group!.SortOrder).Select(g => g.Group!.Name).ToList(),
                db.Set<ConferenceSlot>().Count(s => s.RoundId == r.Id),
                db.Set<ConferenceBooking>().Count(b => b.RoundId == r.Id)))
            .ToListAsync(ct);
    }
}
