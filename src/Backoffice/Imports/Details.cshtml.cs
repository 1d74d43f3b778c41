using Schoolplein.Platform.Forms;
using Hangfire;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Schoolplein.Backoffice.Audit;
using Schoolplein.Backoffice.Persistence;
using Schoolplein.Platform;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.SchoolMigration;
using Schoolplein.Platform.Tenancy;

namespace Schoolplein.Backoffice.Imports;

/// <summary>The dry run of one upload, the button that starts the import, and its progress and result.</summary>
[Authorize(Roles = BackofficeRoles.Onboarding + "," + BackofficeRoles.Admin)]
public sealed class DetailsModel(TenantScopeFactory scopes, IBackgroundJobClient jobs, AuditLog audit, IStringLocalizer<ImportsText> text) : PageModel, IShowsError
{
    public Guid SchoolId { get; private set; }
    public string SchoolName { get; private set; } = "";
    public Guid ImportId { get; private set; }
    public ImportStatus Status { get; private set; }
    public int Progress { get; private set; }
    public string? Error { get; private set; }
    public ImportReport Report { get; private set; } = null!;
    public ImportChanges? Changes { get; private set; }
    /// <summary>The dry run against the school as it is now (while the files are kept).</summary>
    public ImportDiff? Diff { get; private set; }

    public bool InProgress => Status is ImportStatus.Queued or ImportStatus.Running;
    public bool CanStart => Status is ImportStatus.DryRun or ImportStatus.Failed;

    public async Task<IActionResult> OnGetAsync(Guid id, Guid importId, CancellationToken ct)
    {
        if (!await LoadAsync(id, importId, ct))
        {
            return NotFound();
        }
        await audit.RecordAsync("import.viewed", id, $"import {importId}", ct: ct);
        return Page();
    }

    public async Task<IActionResult> OnPostStartAsync(Guid id, Guid importId, bool confirmArchive, CancellationToken ct)
    {
        if (!await LoadAsync(id, importId, ct))
        {
            return NotFound();
        }
        Outcome queued;
        await using (var scope = await scopes.BeginAsync(id, ct))
        {
            queued = await scope.Get<MigrationImports>().QueueAsync(importId, confirmArchive, ct);
        }
        if (!queued.Succeeded)
        {
            foreach (var problem in queued.Problems)
            {
                ModelState.AddModelError(problem.Field ?? "", text.Text(problem));
            }
            return Page();
        }
        jobs.Enqueue<MigrationImportJob>(job => job.RunAsync(id, importId, CancellationToken.None));
        await audit.RecordAsync("import.started", id, $"import {importId}", ct: ct);
        return RedirectToPage("/Imports/Details", new { id, importId });
    }

    /// <summary>Optional last step: mail every imported guardian an invitation with their children's koppelcodes (never twice).</summary>
    public async Task<IActionResult> OnPostInviteGuardiansAsync(Guid id, Guid importId, CancellationToken ct)
    {
        if (!await LoadAsync(id, importId, ct))
        {
            return NotFound();
        }
        if (Status != ImportStatus.Succeeded)
        {
            ModelState.AddModelError("", text["InviteGuardiansNotYet"]);
            return Page();
        }
        jobs.Enqueue<GuardianInvitationJob>(job => job.RunAsync(id, CancellationToken.None));
        await audit.RecordAsync("import.guardians-invited", id, $"import {importId}", ct: ct);
        TempData["Message"] = text["InviteGuardiansQueued"].Value;
        return RedirectToPage("/Imports/Details", new { id, importId });
    }

    private async Task<bool> LoadAsync(Guid id, Guid importId, CancellationToken ct)
    {
        SchoolId = id;
        ImportId = importId;
        TenantScope scope;
        try
        {
            scope = await scopes.BeginAsync(id, ct);
        }
        catch (InvalidOperationException)
        {
            return false;
        }
        await using (scope)
        {
            SchoolName = scope.Tenant.Name;
            var row = await scope.Get<SchoolpleinDb>().Set<MigrationImport>().AsNoTracking().Where(i => i.Id == importId)
                .Select(i => new { i.Status, i.Progress, i.Error, i.PlanJson, i.ResultJson }).FirstOrDefaultAsync(ct);
            if (row is null)
            {
                return false;
            }
            (Status, Progress, Error) = (row.Status, row.Progress, row.Error);
            Report = ImportReport.FromJson(row.PlanJson);
            Changes = row.ResultJson is null ? null : ImportChanges.FromJson(row.ResultJson);
            Diff = CanStart ? await scope.Get<MigrationImports>().CompareAsync(importId, ct) : null;
            return true;
        }
    }
}
