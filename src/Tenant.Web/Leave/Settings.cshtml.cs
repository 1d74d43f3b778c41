using Schoolplein.Platform.Forms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Schoolplein.Tenant.Web.Modules;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Leave;
using Schoolplein.Platform.Modules;
using Schoolplein.Platform.Persistence;

namespace Schoolplein.Tenant.Web.Leave;

/// <summary>Lead time for vakantieverlof, the leerplichtambtenaar's address and the school's own leave types.</summary>
[Authorize(Roles = Roles.SchoolAdmin)]
[RequiresModule(SchoolModules.Leave)]
public sealed class SettingsModel(SchoolpleinDb db, LeaveSettingsStore store, TimeProvider time, IStringLocalizer<LeaveText> text) : PageModel, IShowsError
{
    public const int MinLeadWeeks = 0;
    public const int MaxLeadWeeks = 26;

    public LeaveSettings Settings { get; private set; } = new();
    public IReadOnlyList<LeaveType> Types { get; private set; } = [];
    public string? Error { get; private set; }
    public string? Saved { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostSettingsAsync(int? leadTimeWeeks, string? officerEmail, CancellationToken ct)
    {
        officerEmail = string.IsNullOrWhiteSpace(officerEmail) ? null : officerEmail.Trim();
        if (leadTimeWeeks is not { } weeks || weeks < MinLeadWeeks || weeks > MaxLeadWeeks)
        {
            return await FailAsync("Error_LeadTime", ct, MinLeadWeeks, MaxLeadWeeks);
        }
        if (officerEmail is not null && !new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(officerEmail))
        {
            return await FailAsync("Error_Email", ct);
        }
        var settings = await store.ForUpdateAsync(ct);
        settings.LeadTimeWeeks = weeks;
        settings.AttendanceOfficerEmail = officerEmail;
        settings.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return Done();
    }

    public async Task<IActionResult> OnPostAddTypeAsync(string? name, CancellationToken ct)
    {
        name = name?.Trim() ?? "";
        if (name.Length == 0 || name.Length > LeaveType.NameMaxLength)
        {
            return await FailAsync("Error_TypeName", ct, LeaveType.NameMaxLength);
        }
        db.Add(new LeaveType { Name = name, CreatedAt = time.GetUtcNow() });
        await db.SaveChangesAsync(ct);
        return Done();
    }

    public async Task<IActionResult> OnPostTypeAsync(Guid typeId, bool active, CancellationToken ct)
    {
        var type = await db.Set<LeaveType>().FirstOrDefaultAsync(t => t.Id == typeId, ct);
        if (type is null)
        {
            return NotFound();
        }
        type.Active = active;
        await db.SaveChangesAsync(ct);
        return Done();
    }

    private IActionResult Done()
    {
        TempData["LeaveSettingsSaved"] = text["Saved"].Value;
        return RedirectToPage();
    }

    private async Task<IActionResult> FailAsync(string key, CancellationToken ct, params object[] args)
    {
        Error = text[key, args];
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Saved = TempData["LeaveSettingsSaved"] as string;
        Settings = await store.GetAsync(ct);
        Types = await db.Set<LeaveType>().AsNoTracking().OrderBy(t => t.Name).ToListAsync(ct);
    }
}
