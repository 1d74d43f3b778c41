using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Schoolplein.Platform;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.LinkCodes;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Roster;
using Schoolplein.Platform.Tenancy;

using Schoolplein.Tenant.Web.Shared;
using Schoolplein.Platform.Localization;

namespace Schoolplein.Tenant.Web.Roster;

/// <summary>One pupil: details, group, koppelcode (new, revoke, letter), guardians (unlink with a logged reason), archive.</summary>
[Authorize(Roles = Roles.SchoolAdmin)]
public sealed class PupilModel(SchoolpleinDb db, RosterService roster, LinkCodeService codes, TenantContext tenant, TimeProvider time, IStringLocalizer<RosterText> text) : PageModel
{
    [BindProperty]
    public PupilInput Input { get; set; } = new();

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public DateTimeOffset? ArchivedAt { get; private set; }
    public ActiveLinkCode? Code { get; private set; }
    public IReadOnlyList<GuardianRow> Guardians { get; private set; } = [];
    public string? Message { get; private set; }
    public DateTimeOffset Now => time.GetUtcNow();

    public sealed record GuardianRow(Guid UserId, string Name, string? Email, DateTimeOffset LinkedAt, bool Activated);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await FindAsync(id, ct) is { } pupil ? await ShowAsync(pupil, ct) : NotFound();

    public async Task<IActionResult> OnPostSaveAsync(Guid id, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } pupil)
        {
            return NotFound();
        }
        var saved = await roster.UpdatePupilAsync(pupil.Id, Input.ToFields(), ct);
        if (!saved.Succeeded)
        {
            ModelState.AddProblems(saved.Problems, text, nameof(Input));
            return await ShowAsync(pupil, ct, keepInput: true);
        }
        Message = text["Saved"];
        return await ReloadAsync(id, ct);
    }

    public async Task<IActionResult> OnPostArchiveAsync(Guid id, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } pupil)
        {
            return NotFound();
        }
        if (pupil.ArchivedAt is null && !this.IsConfirmed())
        {
            // The parents lose the child at once and the koppelcode dies: ask first.
            return this.Ask(text["ArchiveConfirmTitle"], text["ArchiveConfirmQuestion", pupil.DisplayName], text["ArchiveConfirmButton"], $"/beheer/leerlingen/{id}");
        }
        await roster.ArchivePupilAsync(pupil.Id, ct);
        Message = text["ArchivedDone"];
        return await ReloadAsync(id, ct);
    }

    public async Task<IActionResult> OnPostRestoreAsync(Guid id, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } pupil)
        {
            return NotFound();
        }
        await roster.RestorePupilAsync(pupil.Id, ct);
        return await ReloadAsync(id, ct);
    }

    public async Task<IActionResult> OnPostNewCodeAsync(Guid id, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } pupil)
        {
            return NotFound();
        }
        if (pupil.ArchivedAt is null)
        {
            await codes.IssueAsync(pupil.Id, ct);
            Message = text["CodeIssued"];
        }
        return await ShowAsync(pupil, ct);
    }

    public async Task<IActionResult> OnPostRevokeCodeAsync(Guid id, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } pupil)
        {
            return NotFound();
        }
        if (!this.IsConfirmed() && (await codes.ActiveCodesAsync([pupil.Id], ct)).FirstOrDefault() is { } code)
        {
            // A revoked code cannot be brought back; printed letters with it stop working.
            return this.Ask(text["RevokeConfirmTitle"], text["RevokeConfirmQuestion", code.Display, pupil.DisplayName], text["RevokeConfirmButton"], $"/beheer/leerlingen/{id}");
        }
        await codes.RevokeAsync(pupil.Id, ct);
        Message = text["CodeRevokedDone"];
        return await ShowAsync(pupil, ct);
    }

    public async Task<IActionResult> OnPostUnlinkAsync(Guid id, Guid guardianId, string? reason, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } pupil)
        {
            return NotFound();
        }
        var unlinked = await roster.UnlinkGuardianAsync(pupil.Id, guardianId, reason, ct);
        if (unlinked.Problems.Any(p => p.Key == "NotFound"))
        {
            return NotFound();
        }
        if (!unlinked.Succeeded)
        {
            ModelState.AddProblems(unlinked.Problems, text);
            return await ShowAsync(pupil, ct);
        }
        Message = text["Unlinked", unlinked.Value!];
        return await ShowAsync(pupil, ct);
    }

    /// <summary>A moment as its day in the school's time zone, in the list format ("7-12-2026").</summary>
    public string Date(DateTimeOffset at) => DateText.Short(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, tenant.Required.TimeZoneInfo).DateTime));

    /// <summary>Read-only: the changes go through <see cref="RosterService"/>, and the page shows the row as saved.</summary>
    private Task<Pupil?> FindAsync(Guid id, CancellationToken ct) => db.Pupils.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);

    private async Task<IActionResult> ReloadAsync(Guid id, CancellationToken ct) =>
        await FindAsync(id, ct) is { } pupil ? await ShowAsync(pupil, ct) : NotFound();

    private async Task<IActionResult> ShowAsync(Pupil pupil, CancellationToken ct, bool keepInput = false)
    {
        Id = pupil.Id;
        Name = pupil.DisplayName;
        ArchivedAt = pupil.ArchivedAt;
        if (!keepInput)
        {
            Input = PupilInput.From(pupil);
        }
        Input.GroupOptions = await PupilInput.GroupOptionsAsync(db, ct);
        Code = (await codes.ActiveCodesAsync([pupil.Id], ct)).FirstOrDefault();
        Guardians = await db.Guardianships.AsNoTracking()
            .Where(g => g.PupilId == pupil.Id)
            .OrderBy(g => g.LinkedAt)
            .Select(g => new GuardianRow(g.UserId,
                g.User!.FullName,
                g.User.Email, g.LinkedAt, g.User.EmailConfirmed))
            .ToListAsync(ct);
        return Page();
    }
}
