using Schoolplein.Platform.Schools;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Schoolplein.Tenant.Web.Modules;
using Schoolplein.Platform;
using Schoolplein.Platform.Absence;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Modules;
using Schoolplein.Platform.Persistence;
using Schoolplein.Tenant.Web.Shared;

namespace Schoolplein.Tenant.Web.Absence;

/// <summary>The school's absence settings: cut-off, phone-only reasons, the childcare contact and its children.</summary>
[Authorize(Roles = Roles.SchoolAdmin)]
[RequiresModule(SchoolModules.Absence)]
public sealed class SettingsModel(
    SchoolpleinDb db, TenantSettingsStore<AbsenceSettings> store, AbsenceReasons reasons, ChildcareEnrolments childcare, IStringLocalizer<AbsenceText> text) : SettingsPageModel(text)
{
    public AbsenceSettings Settings { get; private set; } = new();
    public IReadOnlyList<ReasonView> Reasons { get; private set; } = [];
    public IReadOnlyList<GroupChildren> Groups { get; private set; } = [];
    public sealed record GroupChildren(string Name, IReadOnlyList<ChildRow> Children);
    public sealed record ChildRow(Guid Id, string Name, bool Childcare);

    protected override string SavedKey => "AbsenceSettingsSaved";

    public async Task<IActionResult> OnPostSettingsAsync(string? cutOff, AfterCutOff afterCutOff, string? explanation, string? childcareEmail, CancellationToken ct)
    {
        if (!TimeOnly.TryParseExact(cutOff, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var cutOffTime))
        {
            return await FailAsync(new Problem("Error_CutOff"), ct);
        }
        var settings = await store.GetAsync(ct);
        settings.CutOffTime = cutOffTime;
        settings.AfterCutOff = afterCutOff;
        settings.PhoneOnlyExplanation = string.IsNullOrWhiteSpace(explanation) ? null : explanation.Trim();
        settings.ChildcareEmail = string.IsNullOrWhiteSpace(childcareEmail) ? null : childcareEmail.Trim();
        return await DoneOrFailAsync(await store.SaveAsync(settings, ct), ct);
    }

    public async Task<IActionResult> OnPostAddReasonAsync(string? name, bool phoneOnly, CancellationToken ct) =>
        await DoneOrFailAsync(await reasons.AddAsync(name, phoneOnly, ct), ct);

    public async Task<IActionResult> OnPostReasonAsync(Guid reasonId, bool phoneOnly, bool active, CancellationToken ct) =>
        await reasons.UpdateAsync(reasonId, phoneOnly, active, ct) ? Done() : NotFound();

    public async Task<IActionResult> OnPostChildcareAsync(Guid[] pupilIds, CancellationToken ct)
    {
        await childcare.SetAsync(pupilIds, ct);
        return Done();
    }

    protected override async Task LoadAsync(CancellationToken ct)
    {
        Settings = await store.GetAsync(ct);
        Reasons = await reasons.ReasonsAsync(true, ct);
        var enrolled = await db.Set<ChildcareEnrolment>().Select(c => c.PupilId).ToListAsync(ct);
        var pupils = await db.Pupils.AsNoTracking().Where(p => p.ArchivedAt == null)
            .OrderBy(p => p.Group!.SortOrder).ThenBy(p => p.FirstName)
            .Select(p => new { p.Id, p.FullName, Group = p.Group!.Name })
            .ToListAsync(ct);
        Groups = pupils.GroupBy(p => p.Group ?? "-")
            .Select(g => new GroupChildren(g.Key, g.Select(p => new ChildRow(p.Id, p.FullName, enrolled.Contains(p.Id))).ToList()))
            .ToList();
    }
}
