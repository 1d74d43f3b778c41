using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Schools;

namespace Schoolplein.Tenant.Web.Admin;

/// <summary>The school's settings: guardians per koppelcode, how long a new code is valid, and when unread urgent messages are escalated.</summary>
[Authorize(Roles = Roles.SchoolAdmin)]
public sealed class SettingsModel(SchoolSettingsStore settings, SchoolpleinDb db, TimeProvider time, IStringLocalizer<AdminText> text) : PageModel
{
    [BindProperty]
    public string? MaxUses { get; set; }

    [BindProperty]
    public string? ValidDays { get; set; }

    [BindProperty]
    public string? EscalationMinutes { get; set; }

    public bool Saved { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var current = await settings.GetAsync(ct);
        MaxUses = current.LinkCodeMaxUses.ToString(CultureInfo.InvariantCulture);
        ValidDays = current.LinkCodeValidDays.ToString(CultureInfo.InvariantCulture);
        EscalationMinutes = current.UrgentEscalationMinutes.ToString(CultureInfo.InvariantCulture);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!int.TryParse(MaxUses, NumberStyles.None, CultureInfo.InvariantCulture, out var uses) || uses is < 1 or > SchoolSettings.MaxLinkCodeUses)
        {
            ModelState.AddModelError(nameof(MaxUses), text["MaxUsesInvalid", SchoolSettings.MaxLinkCodeUses]);
        }
        if (!int.TryParse(ValidDays, NumberStyles.None, CultureInfo.InvariantCulture, out var days) || days is < 1 or > SchoolSettings.MaxLinkCodeValidDays)
        {
            ModelState.AddModelError(nameof(ValidDays), text["ValidDaysInvalid", SchoolSettings.MaxLinkCodeValidDays]);
        }
        if (!int.TryParse(EscalationMinutes, NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)
            || minutes is < SchoolSettings.MinUrgentEscalationMinutes or > SchoolSettings.MaxUrgentEscalationMinutes)
        {
            ModelState.AddModelError(nameof(EscalationMinutes),
                text["EscalationMinutesInvalid", SchoolSettings.MinUrgentEscalationMinutes, SchoolSettings.MaxUrgentEscalationMinutes]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var row = await settings.ForUpdateAsync(ct);
        row.LinkCodeMaxUses = uses;
        row.LinkCodeValidDays = days;
        row.UrgentEscalationMinutes = minutes;
        row.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        Saved = true;
        return Page();
    }
}
