using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Schoolplein.Platform.Calendar;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Tenancy;

namespace Schoolplein.Tenant.Web.Calendar;

/// <summary>Change or delete an event; only for staff who may edit it (404 otherwise).</summary>
[Authorize(Roles = Roles.Staff)]
public sealed class EditModel(CalendarService calendar, SchoolpleinDb db, TenantContext tenant, IStringLocalizer<CalendarText> text, TimeProvider time)
    : EventEditorModel(calendar, tenant, text)
{
    public Guid Id { get; private set; }

    private Task<CalendarEvent?> FindAsync(Guid id, CancellationToken ct) =>
        Calendar.EditableBy(User.UserId(), IsAdmin).Include(e => e.Groups).FirstOrDefaultAsync(e => e.Id == id, ct);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var e = await FindAsync(id, ct);
        if (e is null)
        {
            return NotFound();
        }
        Id = id;
        Form = EventForm.From(e);
        await LoadGroupsAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var e = await FindAsync(id, ct);
        if (e is null)
        {
            return NotFound();
        }
        Id = id;
        if (!await TrySaveAsync(e, ct))
        {
            return Page();
        }
        return Redirect($"/agenda/{id}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken ct)
    {
        var e = await FindAsync(id, ct);
        if (e is null)
        {
            return NotFound();
        }
        e.DeletedAt = time.GetUtcNow();
        e.UpdatedAt = e.DeletedAt.Value;
        e.Sequence++;
        await db.SaveChangesAsync(ct);
        return Redirect("/agenda");
    }
}
