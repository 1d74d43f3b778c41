using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Schoolplein.Platform;
using Schoolplein.Platform.Forms;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Modules;
using Schoolplein.Platform.Questions;
using Schoolplein.Platform.Schools;
using Schoolplein.Tenant.Web.Modules;

namespace Schoolplein.Tenant.Web.Questions;

/// <summary>The school's words on the question page, office hours, and whether admins take part.</summary>
[Authorize(Roles = Roles.SchoolAdmin)]
[RequiresModule(SchoolModules.Questions)]
public sealed class SettingsModel(TenantSettingsStore<QuestionSettings> store, IStringLocalizer<QuestionsText> text) : PageModel, IShowsError
{
    public QuestionSettings Settings { get; private set; } = new();
    public string? Error { get; private set; }
    public string? Saved { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Settings = await store.GetAsync(ct);
        Saved = TempData["QuestionSettingsSaved"] as string;
    }

    public async Task<IActionResult> OnPostAsync(string? intro, bool includeAdmins, string? officeStart, string? officeEnd, CancellationToken ct)
    {
        var settings = await store.GetAsync(ct);
        settings.Intro = string.IsNullOrWhiteSpace(intro) ? null : intro.Trim();
        settings.IncludeAdmins = includeAdmins;
        // Both empty: the school sets no office hours.
        var noHours = string.IsNullOrWhiteSpace(officeStart) && string.IsNullOrWhiteSpace(officeEnd);
        settings.OfficeStart = noHours ? null : ParseTime(officeStart);
        settings.OfficeEnd = noHours ? null : ParseTime(officeEnd);
        var outcome = !noHours && (settings.OfficeStart is null || settings.OfficeEnd is null)
            ? Outcome.Refused("Error_OfficeHours")
            : await store.SaveAsync(settings, ct);
        if (!outcome.Succeeded)
        {
            Error = text.Text(outcome.Problems[0]);
            Settings = await store.GetAsync(ct);
            return Page();
        }
        TempData["QuestionSettingsSaved"] = text["Saved"].Value;
        return RedirectToPage();
    }

    private static TimeOnly? ParseTime(string? value) =>
        TimeOnly.TryParseExact(value, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;
}
