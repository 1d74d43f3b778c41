using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Schoolplein.Backoffice.Audit;
using Schoolplein.Backoffice.Persistence;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.LinkCodes;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Tenancy;

namespace Schoolplein.Backoffice.Imports;

/// <summary>Koppelcode letters per group (PDF), for onboarding staff to hand to the school after the import.</summary>
[Authorize(Roles = BackofficeRoles.Onboarding + "," + BackofficeRoles.Admin)]
public sealed class LettersModel(TenantScopeFactory scopes, AuditLog audit, IOptions<TenancyOptions> tenancy) : PageModel
{
    public sealed record GroupRow(Guid Id, string Name, int Pupils);

    public string SchoolName { get; private set; } = "";
    public Guid SchoolId { get; private set; }
    public IReadOnlyList<GroupRow> Groups { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await BeginAsync(id, ct) is not { } scope)
        {
            return NotFound();
        }
        await using (scope)
        {
            SchoolId = id;
            SchoolName = scope.Tenant.Name;
            Groups = await scope.Get<SchoolpleinDb>().Groups.AsNoTracking().OrderBy(g => g.SortOrder).ThenBy(g => g.Name)
                .Select(g => new GroupRow(g.Id, g.Name, g.Pupils.Count(p => p.ArchivedAt == null))).ToListAsync(ct);
        }
        return Page();
    }

    /// <summary>One PDF with a letter per current pupil of the group; codes are made for pupils that have none.</summary>
    public async Task<IActionResult> OnGetGroupAsync(Guid id, Guid groupId, CancellationToken ct)
    {
        if (await BeginAsync(id, ct) is not { } scope)
        {
            return NotFound();
        }
        byte[] pdf;
        await using (scope)
        {
            var db = scope.Get<SchoolpleinDb>();
            if (!await db.Groups.AnyAsync(g => g.Id == groupId, ct))
            {
                return NotFound();
            }
            var codes = scope.Get<LinkCodeService>();
            var pupilIds = await db.Pupils.AsNoTracking().Where(p => p.GroupId == groupId && p.ArchivedAt == null)
                .OrderBy(p => p.LastName).ThenBy(p => p.FirstName).Select(p => p.Id).ToListAsync(ct);
            await codes.IssueMissingAsync(pupilIds, ct);
            var active = (await codes.ActiveCodesAsync(pupilIds, ct)).ToDictionary(c => c.PupilId);
            var pupils = await db.Pupils.AsNoTracking().Where(p => pupilIds.Contains(p.Id))
                .Select(p => new { p.Id, p.FirstName, p.LastNamePrefix, p.LastName, Group = p.Group!.Name }).ToDictionaryAsync(p => p.Id, ct);
            var letters = pupilIds.Where(active.ContainsKey).Select(pid =>
            {
                var p = pupils[pid];
                return new LinkCodeLetter(PersonName.Format(p.FirstName, p.LastNamePrefix, p.LastName), p.Group, active[pid].Code, active[pid].ExpiresAt);
            }).ToList();
            var school = scope.Tenant;
            var logo = await db.Tenants.AsNoTracking().Where(t => t.Id == id).Select(t => t.Logo).FirstOrDefaultAsync(ct);
            var letterSchool = new LetterSchool(school.Name, school.PrimaryColor, logo, tenancy.Value.SchoolUri(school.Slug),
                tenancy.Value.SchoolUri(school.Slug, "/Account/Join"), school.TimeZoneInfo);
            pdf = scope.Get<LinkCodeLetters>().Render(letterSchool, letters);
        }
        await audit.RecordAsync("letters.downloaded", id, $"group {groupId}", ct: ct);
        return File(pdf, "application/pdf", "koppelcodes.pdf");
    }

    private async Task<TenantScope?> BeginAsync(Guid id, CancellationToken ct)
    {
        try
        {
            return await scopes.BeginAsync(id, ct);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
