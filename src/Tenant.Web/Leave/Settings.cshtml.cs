using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Schoolplein.Platform;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Leave;
using Schoolplein.Platform.Modules;
using Schoolplein.Platform.Schools;
using Schoolplein.Tenant.Web.Modules;
using Schoolplein.Tenant.Web.Shared;

namespace Schoolplein.Tenant.Web.Leave;

/// <summary>Lead time for vakantieverlof, the leerplichtambtenaar's address and the school's own leave types.</summary>
[Authorize(Roles = Roles.SchoolAdmin)]
[RequiresModule(SchoolModules.Leave)]
public sealed class SettingsModel(TenantSettingsStore<LeaveSettings> store, LeaveTypes types, IStringLocalizer<LeaveText> text) : SettingsPageModel(text)
{
    public LeaveSettings Settings { get; private set; } = new();
    public IReadOnlyList<LeaveType> Types { get; private set; } = [];

    protected override string SavedKey => "LeaveSettingsSaved";

    public async Task<IActionResult> OnPostSettingsAsync(int? leadTimeWeeks, string? officerEmail, CancellationToken ct)
    {
        if (leadTimeWeeks is not { } weeks)
        {
            return await FailAsync(new Problem("Error_LeadTime", LeaveSettings.MinLeadWeeks, LeaveSettings.MaxLeadWeeks), ct);
        }
        var settings = await store.GetAsync(ct);
        settings.LeadTimeWeeks = weeks;
        settings.AttendanceOfficerEmail = string.IsNullOrWhiteSpace(officerEmail) ? null : officerEmail.Trim();
        return await DoneOrFailAsync(await store.SaveAsync(settings, ct), ct);
    }

    public async Task<IActionResult> OnPostAddTypeAsync(string? name, CancellationToken ct) =>
        await DoneOrFailAsync(await types.AddAsync(name, ct), ct);

    public async Task<IActionResult> OnPostTypeAsync(Guid typeId, bool active, CancellationToken ct) =>
        await types.SetActiveAsync(typeId, active, ct) ? Done() : NotFound();

    protected override async Task LoadAsync(CancellationToken ct)
    {
        Settings = await store.GetAsync(ct);
        Types = await types.AllAsync(ct);
    }
}
