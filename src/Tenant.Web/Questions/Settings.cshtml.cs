using Schoolplein.Platform.Forms;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Schoolplein.Tenant.Web.Modules;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Modules;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Questions;

namespace Schoolplein.Tenant.Web.Questions;

/// <summary>The school's words on the question page, office hours, and whether admins take part.</summary>
[Authorize(Roles = Roles.SchoolAdmin)]
[RequiresModule(SchoolModules.Questions)]
public sealed class SettingsModel(SchoolpleinDb db, QuestionSettingsStore store, TimeProvider time, IStringLocalizer<QuestionsText> text) : PageModel, IShowsError
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
        intro = string.IsNullOrWhiteSpace(intro) ? null : intro.Trim();
        TimeOnly? start = null, end = null;
        string? error = null;
        if (intro?.Length > QuestionSettings.IntroMaxLength)
        {
            error = text["Error_IntroTooLong", QuestionSettings.IntroMaxLength];
        }
        else if (!string.IsNullOrWhiteSpace(officeStart) || !string.IsNullOrWhiteSpace(officeEnd))
        {
            if (!TimeOnly.TryParseExact(officeStart, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var s)
                || !TimeOnly.TryParseExact(officeEnd, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var e) || e <= s)
            {
                error = text["Error_OfficeHours"];
            }
            else
            {
                (start, end) = (s, e);
            }
        }
        if (error is not null)
        {
            Error = error;
            Settings = await store.GetAsync(ct);
            return Page();
        }
        var settings = await store.ForUpdateAsync(ct);
        settings.Intro = intro;
        settings.IncludeAdmins = includeAdmins;
        settings.OfficeStart = start;
        settings.OfficeEnd = end;
        settings.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        TempData["QuestionSettingsSaved"] = text["Saved"].Value;
        return RedirectToPage();
    }
}
