using Schoolplein.Platform.Forms;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Schoolplein.Tenant.Web.Modules;
using Schoolplein.Platform.Absence;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Modules;
using Schoolplein.Platform.Persistence;

namespace Schoolplein.Tenant.Web.Absence;

/// <summary>The school's absence settings: cut-off, phone-only reasons, the childcare contact and its children.</summary>
[Authorize(Roles = Roles.SchoolAdmin)]
[RequiresModule(SchoolModules.Absence)]
public sealed class SettingsModel(SchoolpleinDb db, AbsenceSettingsStore store, TimeProvider time, IStringLocalizer<AbsenceText> text) : PageModel, IShowsError
{
    public AbsenceSettings Settings { get; private set; } = new();
    public IReadOnlyList<ReasonView> Reasons { get; private set; } = [];
    public IReadOnlyList<GroupChildren> Groups { get; private set; } = [];
    public string? Error { get; private set; }
    public string? Saved { get; private set; }

    public sealed record GroupChildren(string Name, IReadOnlyList<ChildRow> Children);
    public sealed record ChildRow(Guid Id, string Name, bool Childcare);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostSettingsAsync(string? cutOff, AfterCutOff afterCutOff, string? explanation, string? childcareEmail, CancellationToken ct)
    {
        explanation = string.IsNullOrWhiteSpace(explanation) ? null : explanation.Trim();
        childcareEmail = string.IsNullOrWhiteSpace(childcareEmail) ? null : childcareEmail.Trim();
        if (!TimeOnly.TryParseExact(cutOff, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time1))
        {
            return await FailAsync("Error_CutOff", ct);
        }
        if (explanation?.Length > AbsenceSettings.ExplanationMaxLength)
        {
            return await FailAsync("Error_ExplanationTooLong", ct, AbsenceSettings.ExplanationMaxLength);
        }
        if (childcareEmail is not null && !new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(childcareEmail))
        {
            return await FailAsync("Error_Email", ct);
        }
        if (!Enum.IsDefined(afterCutOff))
        {
            return await FailAsync("Error_InvalidInput", ct);
        }
        var settings = await store.ForUpdateAsync(ct);
        settings.CutOffTime = time1;
        settings.AfterCutOff = afterCutOff;
        settings.PhoneOnlyExplanation = explanation;
        settings.ChildcareEmail = childcareEmail;
        settings.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return Done();
    }

    public async Task<IActionResult> OnPostAddReasonAsync(string? name, bool phoneOnly, CancellationToken ct)
    {
        name = name?.Trim() ?? "";
        if (name.Length == 0 || name.Length > AbsenceReason.NameMaxLength)
        {
            return await FailAsync("Error_ReasonName", ct, AbsenceReason.NameMaxLength);
        }
        var order = await db.Set<AbsenceReason>().MaxAsync(r => (int?)r.SortOrder, ct) ?? 0;
        db.Add(new AbsenceReason { Name = name, PhoneOnly = phoneOnly, SortOrder = order + 10, CreatedAt = time.GetUtcNow() });
        await db.SaveChangesAsync(ct);
        return Done();
    }

    public async Task<IActionResult> OnPostReasonAsync(Guid reasonId, bool phoneOnly, bool active, CancellationToken ct)
    {
        var reason = await db.Set<AbsenceReason>().FirstOrDefaultAsync(r => r.Id == reasonId, ct);
        if (reason is null)
        {
            return NotFound();
        }
        reason.PhoneOnly = phoneOnly;
        reason.Active = active;
        await db.SaveChangesAsync(ct);
        return Done();
    }

    public async Task<IActionResult> OnPostChildcareAsync(Guid[] pupilIds, CancellationToken ct)
    {
        var wanted = await db.Pupils.Where(p => pupilIds.Contains(p.Id) && p.ArchivedAt == null).Select(p => p.Id).ToListAsync(ct);
        var current = await db.Set<ChildcareEnrolment>().ToListAsync(ct);
        db.RemoveRange(current.Where(c => !wanted.Contains(c.PupilId)));
        var now = time.GetUtcNow();
        db.AddRange(wanted.Where(id => current.All(c => c.PupilId != id)).Select(id => new ChildcareEnrolment { PupilId = id, CreatedAt = now }));
        await db.SaveChangesAsync(ct);
        return Done();
    }

    private IActionResult Done()
    {
        TempData["AbsenceSettingsSaved"] = text["Saved"].Value;
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
        Saved = TempData["AbsenceSettingsSaved"] as string;
        Settings = await store.GetAsync(ct);
        Reasons = await store.ReasonsAsync(true, ct);
        var enrolled = await db.Set<ChildcareEnrolment>().Select(c => c.PupilId).ToListAsync(ct);
        var pupils = await db.Pupils.AsNoTracking().Where(p => p.ArchivedAt == null)
            .OrderBy(p => p.Group!.SortOrder).ThenBy(p => p.FirstName)
            .Select(p => new { p.Id, p.FirstName, p.LastNamePrefix, p.LastName, Group = p.Group!.Name })
            .ToListAsync(ct);
        Groups = pupils.GroupBy(p => p.Group ?? "-")
            .Select(g => new GroupChildren(g.Key, g.Select(p => new ChildRow(p.Id, PersonName.Format(p.FirstName, p.LastNamePrefix, p.LastName), enrolled.Contains(p.Id))).ToList()))
            .ToList();
    }
}
