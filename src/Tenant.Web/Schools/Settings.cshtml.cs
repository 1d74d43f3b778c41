using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform;
using Schoolplein.Platform.Schools;

namespace Schoolplein.Tenant.Web.Schools;

/// <summary>The school's settings: guardians per koppelcode, how long a new code is valid, and when unread urgent messages are escalated.</summary>
[Authorize(Roles = Roles.SchoolAdmin)]
public sealed class SettingsModel(TenantSettingsStore<SchoolSettings> settings, IStringLocalizer<SchoolSettingsText> text) : PageModel
{
    [BindProperty]
    public string? MaxUses { get; set; }

    [BindProperty]
    public string? ValidDays { get; set; }

    [BindProperty]
    public string? EscalationMinutes { get; set; }
    /// <summary>Quiet hours for non-urgent pushes, "HH:mm" in the school's time zone.</summary>
    [BindProperty]
    public string? QuietStart { get; set; }

    [BindProperty]
    public string? QuietEnd { get; set; }

    public bool Saved { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var current = await settings.GetAsync(ct);
        MaxUses = current.LinkCodeMaxUses.ToString(CultureInfo.InvariantCulture);
        ValidDays = current.LinkCodeValidDays.ToString(CultureInfo.InvariantCulture);
        EscalationMinutes = current.UrgentEscalationMinutes.ToString(CultureInfo.InvariantCulture);
        QuietStart = current.QuietHoursStart.ToString("HH:mm", CultureInfo.InvariantCulture);
        QuietEnd = current.QuietHoursEnd.ToString("HH:mm", CultureInfo.InvariantCulture);
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
        // Absent (an older form) keeps the current quiet hours.
        var stored = await settings.GetAsync(ct);
        QuietStart ??= stored.QuietHoursStart.ToString("HH:mm", CultureInfo.InvariantCulture);
        QuietEnd ??= stored.QuietHoursEnd.ToString("HH:mm", CultureInfo.InvariantCulture);
        if (!TimeOnly.TryParseExact(QuietStart, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var quietStart))
        {
            ModelState.AddModelError(nameof(QuietStart), text["QuietHoursInvalid"]);
        }
        if (!TimeOnly.TryParseExact(QuietEnd, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var quietEnd))
        {
            ModelState.AddModelError(nameof(QuietEnd), text["QuietHoursInvalid"]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var row = await settings.GetAsync(ct);
        row.LinkCodeMaxUses = uses;
        row.LinkCodeValidDays = days;
        row.UrgentEscalationMinutes = minutes;
        row.QuietHoursStart = quietStart;
        row.QuietHoursEnd = quietEnd;
        var outcome = await settings.SaveAsync(row, ct);
        if (!outcome.Succeeded)
        {
            // The ranges are checked above too, so this only guards rules added to SchoolSettings later.
            ModelState.AddProblems(outcome.Problems, text);
            return Page();
        }
        Saved = true;
        return Page();
    }
}
