using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Roster;
using Schoolplein.Platform.Schools;

namespace Schoolplein.Platform.LinkCodes;

public enum LinkCodeStatus
{
    Valid,
    Invalid,
    Expired,
    Revoked,
    UsedUp,
    AlreadyLinked,
}

/// <summary>What a typed code leads to. Child details only when the code is valid.</summary>
public sealed record LinkCodeCheck(LinkCodeStatus Status, Guid? LinkCodeId = null, Guid? PupilId = null, string? ChildFirstName = null, string? Code = null)
{
    public bool IsValid => Status == LinkCodeStatus.Valid;
}

/// <summary>A pupil's active code, for the admin pages and letters.</summary>
public sealed record ActiveLinkCode(Guid Id, Guid PupilId, string Code, int MaxUses, int Uses, DateTimeOffset ExpiresAt)
{
    public string Display => LinkCodeFormat.Display(Code);
}

/// <summary>Issues, revokes, checks and redeems koppelcodes of the current school.</summary>
public sealed class LinkCodeService(SchoolpleinDb db, TenantSettingsStore<SchoolSettings> settings, TimeProvider time)
{
    private static readonly Guid ParentRoleId = Roles.All.Single(r => r.Name == Roles.Parent).Id;

    /// <summary>
    /// How long a registration that was never activated keeps its place on the code. A mistyped address
    /// or a mail lost in spam would otherwise use up a letter's code for good; a week covers a weekend
    /// and a parent who only reads mail now and then (the activation link itself lasts a day, and the
    /// "resend activation mail" page gives a fresh one). After that the place is free again, and the
    /// late parent keeps the child when activating unless other guardians have taken every place since
    /// (<see cref="SettleLapsedClaimsAsync"/>).
    /// </summary>
    // The activation page names the number (JoinText "ActivatedCodeTaken"): change both together.
    public const int PendingClaimDays = 7;

    /// <summary>The instant before which an unactivated registration no longer counts as a use.</summary>
    public DateTimeOffset PendingClaimCutoff => time.GetUtcNow().AddDays(-PendingClaimDays);

    /// <summary>Checks a typed code without changing anything.</summary>
    public async Task<LinkCodeCheck> CheckAsync(string? input, Guid? userId = null, CancellationToken ct = default)
    {
        var code = LinkCodeFormat.Normalize(input);
        if (code is null)
        {
            return new LinkCodeCheck(LinkCodeStatus.Invalid);
        }
        var cutoff = PendingClaimCutoff;
        var found = await db.Set<LinkCode>().AsNoTracking()
            .Where(c => c.Code == code && c.Pupil!.ArchivedAt == null)
            .Select(c => new
            {
                c.Id,
                c.PupilId,
                c.Pupil!.FirstName,
                c.RevokedAt,
                c.ExpiresAt,
                c.MaxUses,
                Uses = db.Guardianships.Count(g => g.LinkCodeId == c.Id && (g.User!.EmailConfirmed || g.LinkedAt > cutoff)),
                Linked = userId != null && db.Guardianships.Any(g => g.PupilId == c.PupilId && g.UserId == userId),
            })
            .FirstOrDefaultAsync(ct);
        if (found is null)
        {
            return new LinkCodeCheck(LinkCodeStatus.Invalid);
        }
        var status = found.RevokedAt is not null ? LinkCodeStatus.Revoked
            : found.ExpiresAt <= time.GetUtcNow() ? LinkCodeStatus.Expired
            : found.Linked ? LinkCodeStatus.AlreadyLinked
            : found.Uses >= found.MaxUses ? LinkCodeStatus.UsedUp
            : LinkCodeStatus.Valid;
        return status is LinkCodeStatus.Valid or LinkCodeStatus.AlreadyLinked
            ? new LinkCodeCheck(status, found.Id, found.PupilId, found.FirstName, code)
            : new LinkCodeCheck(status);
    }

    /// <summary>
    /// Links the user to the code's child: locks the code row so two guardians at once
    /// cannot exceed its uses, adds the guardianship and its log entry and gives the user
    /// the parent role. Joins the caller's transaction when there is one (and then does not
    /// commit); otherwise saves in its own.
    /// </summary>
    public async Task<LinkCodeCheck> LinkAsync(Guid userId, string? input, CancellationToken ct = default)
    {
        var code = LinkCodeFormat.Normalize(input);
        if (code is null)
        {
            return new LinkCodeCheck(LinkCodeStatus.Invalid);
        }
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            // Row lock first (row-level security applies), then the checks see the committed uses.
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM link_codes WHERE code = {code} FOR UPDATE", ct);
            var check = await CheckAsync(code, userId, ct);
            if (!check.IsValid)
            {
                return check;
            }
            var now = time.GetUtcNow();
            db.Guardianships.Add(new Guardianship
            {
                PupilId = check.PupilId!.Value, UserId = userId, LinkedAt = now, LinkCodeId = check.LinkCodeId, Relation = GuardianRelation.Parent,
            });
            db.Set<GuardianshipLogEntry>().Add(new GuardianshipLogEntry
            {
                PupilId = check.PupilId.Value, UserId = userId, Change = GuardianshipChange.Linked, ActorUserId = userId, LinkCodeId = check.LinkCodeId, At = now,
            });
            if (!await db.UserRoles.AnyAsync(r => r.UserId == userId && r.RoleId == ParentRoleId, ct)
                && !db.ChangeTracker.Entries<AppUserRole>().Any(e => e.Entity.UserId == userId && e.Entity.RoleId == ParentRoleId))
            {
                db.UserRoles.Add(new AppUserRole { UserId = userId, RoleId = ParentRoleId });
            }
            await db.SaveChangesAsync(ct);
            if (own is not null)
            {
                await own.CommitAsync(ct);
            }
            return check;
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }
        }
    }

    /// <summary>A new code for the pupil (revoking the active one) with the school's settings. Saves.</summary>
    public async Task<ActiveLinkCode?> IssueAsync(Guid pupilId, CancellationToken ct = default)
    {
        var pupilExists = await db.Pupils.AnyAsync(p => p.Id == pupilId && p.ArchivedAt == null, ct);
        if (!pupilExists)
        {
            return null;
        }
        var school = await settings.GetAsync(ct);
        var now = time.GetUtcNow();
        await RevokeActiveAsync([pupilId], now, ct);
        var code = await AddCodeAsync(pupilId, LinkCodeFormat.Generate(), school, now, ct);
        await db.SaveChangesAsync(ct);
        return new ActiveLinkCode(code.Id, pupilId, code.Code, code.MaxUses, 0, code.ExpiresAt);
    }

    /// <summary>Codes for every pupil in the list that has no usable one (none, revoked or expired). Saves.</summary>
    public async Task<int> IssueMissingAsync(IReadOnlyCollection<Guid> pupilIds, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var covered = await db.Set<LinkCode>().AsNoTracking()
            .Where(c => pupilIds.Contains(c.PupilId) && c.RevokedAt == null && c.ExpiresAt > now)
            .Select(c => c.PupilId)
            .ToListAsync(ct);
        var missing = pupilIds.Except(covered).ToList();
        if (missing.Count == 0)
        {
            return 0;
        }
        var school = await settings.GetAsync(ct);
        await RevokeActiveAsync(missing, now, ct);
        foreach (var pupilId in missing)
        {
            await AddCodeAsync(pupilId, LinkCodeFormat.Generate(), school, now, ct);
        }
        await db.SaveChangesAsync(ct);
        return missing.Count;
    }

    /// <summary>Adds a code with a given value (demo data; tests). Does not save.</summary>
    public async Task<LinkCode> AddCodeAsync(Guid pupilId, string code, SchoolSettings school, DateTimeOffset now, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var hash = LinkCodeFormat.Hash(code);
            // Codes are unique over all schools, so the bare domain finds exactly one school.
            if (!await db.Set<LinkCodeDirectoryEntry>().AnyAsync(e => e.CodeHash == hash, ct))
            {
                var entity = new LinkCode
                {
                    PupilId = pupilId, Code = code, MaxUses = school.LinkCodeMaxUses, CreatedAt = now, ExpiresAt = now.AddDays(school.LinkCodeValidDays),
                };
                db.Set<LinkCode>().Add(entity);
                db.Set<LinkCodeDirectoryEntry>().Add(new LinkCodeDirectoryEntry { CodeHash = hash, SchoolId = db.CurrentTenantId });
                return entity;
            }
            if (attempt > 5)
            {
                throw new InvalidOperationException("Could not find an unused koppelcode.");
            }
            code = LinkCodeFormat.Generate();
        }
    }

    /// <summary>Revokes the pupil's active code (its letter stops working). Saves.</summary>
    public async Task<bool> RevokeAsync(Guid pupilId, CancellationToken ct = default)
    {
        var revoked = await RevokeActiveAsync([pupilId], time.GetUtcNow(), ct);
        await db.SaveChangesAsync(ct);
        return revoked > 0;
    }

    private async Task<int> RevokeActiveAsync(IReadOnlyCollection<Guid> pupilIds, DateTimeOffset now, CancellationToken ct)
    {
        // The directory entry stays: the bare domain can still send the parent to the school's
        // page, which then says the code was revoked.
        var active = await db.Set<LinkCode>().Where(c => pupilIds.Contains(c.PupilId) && c.RevokedAt == null).ToListAsync(ct);
        foreach (var code in active)
        {
            code.RevokedAt = now;
        }
        if (active.Count > 0)
        {
            // The unique index allows one active code per pupil: write the revocations first.
            await db.SaveChangesAsync(ct);
        }
        return active.Count;
    }

    public Task<List<ActiveLinkCode>> ActiveCodesAsync(IReadOnlyCollection<Guid> pupilIds, CancellationToken ct = default)
    {
        var cutoff = PendingClaimCutoff;
        return db.Set<LinkCode>().AsNoTracking()
            .Where(c => pupilIds.Contains(c.PupilId) && c.RevokedAt == null)
            .Select(c => new ActiveLinkCode(c.Id, c.PupilId, c.Code, c.MaxUses,
                db.Guardianships.Count(g => g.LinkCodeId == c.Id && (g.User!.EmailConfirmed || g.LinkedAt > cutoff)), c.ExpiresAt))
            .ToListAsync(ct);
    }

    /// <summary>
    /// Called when an account is activated (inside the caller's transaction; saves, does not commit).
    /// A link made more than <see cref="PendingClaimDays"/> ago stopped holding its place on the code;
    /// it stays when a place is still free (the rightful parent who activates late keeps the child), and
    /// is undone when the school revoked the code or other guardians have taken every place since.
    /// Returns the first names of the children whose link was undone, so the parent can be told.
    /// </summary>
    public async Task<IReadOnlyList<string>> SettleLapsedClaimsAsync(Guid userId, CancellationToken ct = default)
    {
        var cutoff = PendingClaimCutoff;
        var lapsed = await db.Guardianships
            .Where(g => g.UserId == userId && g.LinkCodeId != null && g.LinkedAt <= cutoff)
            .Include(g => g.Pupil)
            .ToListAsync(ct);
        var lost = new List<string>();
        foreach (var link in lapsed)
        {
            var codeId = link.LinkCodeId!.Value;
            // The same row lock as LinkAsync: a guardian joining at this moment waits, so the count holds.
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM link_codes WHERE id = {codeId} FOR UPDATE", ct);
            var code = await db.Set<LinkCode>().AsNoTracking()
                .Where(c => c.Id == codeId)
                .Select(c => new
                {
                    c.RevokedAt,
                    c.MaxUses,
                    Others = db.Guardianships.Count(g => g.LinkCodeId == c.Id && g.UserId != userId && (g.User!.EmailConfirmed || g.LinkedAt > cutoff)),
                })
                .FirstOrDefaultAsync(ct);
            if (code is not null && code.RevokedAt is null && code.Others < code.MaxUses)
            {
                continue;
            }
            db.Guardianships.Remove(link);
            db.Set<GuardianshipLogEntry>().Add(new GuardianshipLogEntry
            {
                PupilId = link.PupilId, UserId = userId, Change = GuardianshipChange.Unlinked, ActorUserId = userId, LinkCodeId = codeId, At = time.GetUtcNow(),
            });
            lost.Add(link.Pupil!.FirstName);
        }
        if (lost.Count > 0)
        {
            await db.SaveChangesAsync(ct);
        }
        return lost;
    }

    /// <summary>The school of a code typed on the bare domain (the directory holds only hashes).</summary>
    public static async Task<Guid?> FindSchoolAsync(SchoolpleinDb db, string? input, CancellationToken ct = default)
    {
        var code = LinkCodeFormat.Normalize(input);
        if (code is null)
        {
            return null;
        }
        var hash = LinkCodeFormat.Hash(code);
        return await db.Set<LinkCodeDirectoryEntry>().AsNoTracking()
            .Where(e => e.CodeHash == hash)
            .Select(e => (Guid?)e.SchoolId)
            .FirstOrDefaultAsync(ct);
    }
}

public static class LinkCodeRegistration
{
    public static IServiceCollection AddLinkCodes(this IServiceCollection services)
    {
        services.AddScoped<LinkCodeService>();
        services.AddSingleton<LinkCodeLetters>();
        services.AddScoped<Seeding.IDemoSeedStep, LinkCodeDemoSeed>();
        return services;
    }
}
