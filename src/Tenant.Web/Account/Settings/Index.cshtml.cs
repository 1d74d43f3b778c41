using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Persistence;

namespace Schoolplein.Tenant.Web.Account.Settings;

/// <summary>Instellingen: who you are here and the way to each setting.</summary>
public sealed class IndexModel(CurrentUser viewer, SchoolpleinDb db) : PageModel
{
    public sealed record Summary(Guid Id, string Name, string? Email, Guid? PhotoVersion);

    public Summary Me { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var userId = viewer.Id;
        var me = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new { u.Id, u.FullName, u.Email, u.PhotoBlobId })
            .FirstOrDefaultAsync(ct);
        if (me is null)
        {
            return Challenge();
        }
        Me = new Summary(me.Id, me.FullName, me.Email, me.PhotoBlobId);
        return Page();
    }
}
