using System.Security.Claims;
using Hangfire;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Schoolplein.Backoffice.Audit;
using Schoolplein.Backoffice.Persistence;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.SchoolMigration;
using Schoolplein.Platform.Tenancy;

namespace Schoolplein.Backoffice.Imports;

/// <summary>Upload a school's EDEXML + MijnSchool CSV; every upload is first a dry run.</summary>
[Authorize(Roles = BackofficeRoles.Onboarding + "," + BackofficeRoles.Admin)]
[RequestSizeLimit(MaxUploadBytes * 2 + 100_000)]
public sealed class IndexModel(TenantScopeFactory scopes, SchoolpleinDb catalog, AuditLog audit, TimeProvider time, IStringLocalizer<ImportsText> text) : PageModel
{
    public const int MaxUploadBytes = 20 * 1024 * 1024;

    public sealed record Row(Guid Id, DateTimeOffset CreatedAt, string CreatedBy, string EdexmlFileName, string CsvFileName, ImportStatus Status, int Progress);

    public string SchoolName { get; private set; } = "";
    public IReadOnlyList<Row> Imports { get; private set; } = [];

    [BindProperty]
    public IFormFile? Edexml { get; set; }

    [BindProperty]
    public IFormFile? Csv { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        // An empty file (0 bytes) was chosen: the planner says which one is empty, not "choose both files".
        if (Edexml is null || Csv is null)
        {
            ModelState.AddModelError("", text["BothFilesRequired"]);
            return Page();
        }
        if (Edexml.Length > MaxUploadBytes || Csv.Length > MaxUploadBytes)
        {
            ModelState.AddModelError("", text["FileTooLarge", MaxUploadBytes / 1024 / 1024]);
            return Page();
        }
        var edexml = await ReadAsync(Edexml, ct);
        var csv = await ReadAsync(Csv, ct);
        await using var scope = await scopes.BeginAsync(id, ct);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), scope.Tenant.TimeZoneInfo).DateTime);
        ImportPlan plan;
        try
        {
            plan = ImportPlanner.Plan(edexml, csv, today);
        }
        catch (ImportFileException ex)
        {
            ModelState.AddModelError("", text["File_" + ex.Problem, ex.Detail ?? ""]);
            return Page();
        }
        var import = new MigrationImport
        {
            CreatedAt = time.GetUtcNow(),
            CreatedBy = User.FindFirstValue(ClaimTypes.Email) ?? User.Identity?.Name ?? "?",
            Edexml = edexml,
            Csv = csv,
            EdexmlFileName = Path.GetFileName(Edexml.FileName) is { Length: > 0 and <= 255 } e ? e : "edexml.xml",
            CsvFileName = Path.GetFileName(Csv.FileName) is { Length: > 0 and <= 255 } c ? c : "mijnschool.csv",
            PlanJson = ImportReport.From(plan).ToJson(),
        };
        await scope.Get<MigrationImports>().CreateDryRunAsync(import, ct);
        await audit.RecordAsync("import.dry_run", id, $"import {import.Id}: {plan.Counts.PupilsImported} pupils, {plan.Counts.RowsRejected} rows rejected", ct: ct);
        return RedirectToPage("/Imports/Details", new { id, importId = import.Id });
    }

    private static async Task<byte[]> ReadAsync(IFormFile file, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var name = await catalog.Tenants.AsNoTracking().Where(t => t.Id == id).Select(t => t.Name).FirstOrDefaultAsync(ct);
        if (name is null)
        {
            return false;
        }
        SchoolName = name;
        await using var scope = await scopes.BeginAsync(id, ct);
        Imports = await scope.Get<SchoolpleinDb>().Set<MigrationImport>().AsNoTracking().OrderByDescending(i => i.CreatedAt).Take(20)
            .Select(i => new Row(i.Id, i.CreatedAt, i.CreatedBy, i.EdexmlFileName, i.CsvFileName, i.Status, i.Progress)).ToListAsync(ct);
        return true;
    }
}

/// <summary>Resource anchor for the import pages.</summary>
public sealed class ImportsText;
