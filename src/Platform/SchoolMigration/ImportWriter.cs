using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Invitations;
using Schoolplein.Platform.LinkCodes;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Roster;

// Not "Schoolplein.Platform.Migration": that namespace would hide EF Core's Migration type in the generated migrations.
namespace Schoolplein.Platform.SchoolMigration;

/// <summary>
/// Writes a plan into the current school, idempotently: records are matched by their LAS
/// key (groups, pupils, teachers) or normalised e-mail (guardians) and only changed when
/// they differ. A newer export renames, moves pupils, archives pupils and groups that are
/// gone. Runs inside the caller's transaction and saves as it goes; the caller commits.
/// </summary>
public sealed class ImportWriter(SchoolpleinDb db, AccountInvitations invitations, LinkCodeService linkCodes, Consent.ConsentService consent, RosterService roster, TimeProvider time)
{
    private static readonly UpperInvariantLookupNormalizer Normalizer = new();
    private static readonly Guid TeacherRole = Roles.All.Single(r => r.Name == Roles.Teacher).Id;
    private static readonly Guid ParentRole = Roles.All.Single(r => r.Name == Roles.Parent).Id;

    public async Task<ImportChanges> WriteAsync(ImportPlan plan, Func<int, Task> progress, CancellationToken ct)
    {
        var changes = new ImportChanges();
        var now = time.GetUtcNow();

        var groups = await WriteGroupsAsync(plan, changes, now, ct);
        await db.SaveChangesAsync(ct);
        await progress(25);

        var (pupils, leaving) = await WritePupilsAsync(plan, groups, changes, now, ct);
        await db.SaveChangesAsync(ct);
        foreach (var id in leaving)
        {
            // Gone from the export: the roster's "Leerling vertrokken" (archived, koppelcode revoked).
            await roster.ArchivePupilAsync(id, ct);
        }
        await progress(45);

        await WriteTeachersAsync(plan, groups, changes, now, ct);
        await db.SaveChangesAsync(ct);
        await progress(60);

        var guardians = await WriteGuardiansAsync(plan, pupils, changes, now, ct);
        await db.SaveChangesAsync(ct);
        await progress(75);

        await WriteConsentsAsync(plan, pupils, guardians, changes, now, ct);
        await db.SaveChangesAsync(ct);
        await progress(85);

        // Koppelcodes for every current child without a usable one (the letters are printed from these).
        var current = await db.Pupils.Where(p => p.ArchivedAt == null).Select(p => p.Id).ToListAsync(ct);
        changes.LinkCodesIssued = await linkCodes.IssueMissingAsync(current, ct);
        await progress(95);
        return changes;
    }

    private async Task<Dictionary<string, Group>> WriteGroupsAsync(ImportPlan plan, ImportChanges changes, DateTimeOffset now, CancellationToken ct)
    {
        var existing = await db.Groups.Where(g => g.ExternalKey != null).ToDictionaryAsync(g => g.ExternalKey!, StringComparer.Ordinal, ct);
        var result = new Dictionary<string, Group>(StringComparer.Ordinal);
        var order = 0;
        foreach (var planned in plan.Groups)
        {
            var levels = YearLevels(planned, plan.Pupils);
            if (!existing.TryGetValue(planned.Key, out var group))
            {
                group = new Group { Name = planned.Name, SchoolYear = plan.School.SchoolYear, YearLevels = levels, ExternalKey = planned.Key, SortOrder = order, CreatedAt = now };
                db.Groups.Add(group);
                changes.GroupsCreated++;
            }
            else if (group.Name != planned.Name || group.SchoolYear != plan.School.SchoolYear || group.YearLevels != levels || group.SortOrder != order)
            {
                (group.Name, group.SchoolYear, group.YearLevels, group.SortOrder) = (planned.Name, plan.School.SchoolYear, levels, order);
                changes.GroupsUpdated++;
            }
            result[planned.Key] = group;
            order++;
        }
        foreach (var (key, group) in existing)
        {
            if (!result.ContainsKey(key))
            {
                group.DeletedAt = now;
                changes.GroupsArchived++;
            }
        }
        return result;
    }

    /// <summary>"0" for peuters, "3" for a single year, "1/2" for a combination group (from its pupils' own jaargroep).</summary>
    private static string? YearLevels(EdexGroup group, IReadOnlyList<EdexPupil> pupils)
    {
        if (group.YearLevelCode != "C")
        {
            return group.YearLevelCode.Length == 0 ? null : group.YearLevelCode;
        }
        var levels = pupils.Where(p => p.GroupKey == group.Key && p.YearLevel is not null).Select(p => p.YearLevel!).Distinct()
            .OrderBy(l => int.TryParse(l, out var n) ? n : 99).ThenBy(l => l, StringComparer.Ordinal).ToList();
        return levels.Count == 0 ? null : string.Join('/', levels);
    }

    private async Task<(Dictionary<string, Pupil> Pupils, List<Guid> Leaving)> WritePupilsAsync(ImportPlan plan, Dictionary<string, Group> groups, ImportChanges changes, DateTimeOffset now, CancellationToken ct)
    {
        var existing = new Dictionary<string, Pupil>(StringComparer.Ordinal);
        foreach (var pupil in await db.Pupils.Where(p => p.ExternalKey != null).ToListAsync(ct))
        {
            existing.TryAdd(ImportNormalization.Key(pupil.ExternalKey)!, pupil);
        }
        var result = new Dictionary<string, Pupil>(StringComparer.Ordinal);
        foreach (var planned in plan.Pupils)
        {
            var groupId = planned.GroupKey is not null ? groups[planned.GroupKey].Id : (Guid?)null;
            if (!existing.TryGetValue(planned.MatchKey, out var pupil))
            {
                pupil = new Pupil
                {
                    FirstName = planned.FirstName,
                    LastNamePrefix = planned.Prefix,
                    LastName = planned.LastName,
                    DateOfBirth = planned.DateOfBirth,
                    GroupId = groupId,
                    ExternalKey = planned.Key,
                    YearLevel = planned.YearLevel,
                    Sex = planned.Sex,
                    CreatedAt = now,
                };
                db.Pupils.Add(pupil);
                changes.PupilsCreated++;
            }
            else if (pupil.FirstName != planned.FirstName || pupil.LastNamePrefix != planned.Prefix || pupil.LastName != planned.LastName
                || pupil.DateOfBirth != planned.DateOfBirth || pupil.GroupId != groupId || pupil.YearLevel != planned.YearLevel
                || pupil.Sex != planned.Sex || pupil.ArchivedAt is not null)
            {
                pupil.FirstName = planned.FirstName;
                pupil.LastNamePrefix = planned.Prefix;
                pupil.LastName = planned.LastName;
                pupil.DateOfBirth = planned.DateOfBirth;
                pupil.GroupId = groupId;
                pupil.YearLevel = planned.YearLevel;
                pupil.Sex = planned.Sex;
                pupil.ArchivedAt = null;
                changes.PupilsUpdated++;
            }
            result[planned.MatchKey] = pupil;
        }
        var leaving = new List<Guid>();
        foreach (var (key, pupil) in existing)
        {
            if (!result.ContainsKey(key) && pupil.ArchivedAt is null)
            {
                // Left the school: kept with its history, guardians lose access (archived by the caller).
                leaving.Add(pupil.Id);
                changes.PupilsArchived++;
            }
        }
        return (result, leaving);
    }

    private async Task WriteTeachersAsync(ImportPlan plan, Dictionary<string, Group> groups, ImportChanges changes, DateTimeOffset now, CancellationToken ct)
    {
        var mapped = await db.Set<ImportedTeacher>().Include(t => t.User).ToDictionaryAsync(t => t.ExternalKey, StringComparer.Ordinal, ct);
        var invited = (await db.Set<Invitation>().Select(i => i.UserId).Distinct().ToListAsync(ct)).ToHashSet();
        var importedGroupIds = groups.Values.Select(g => g.Id).ToHashSet();
        var teacherUserIds = new List<Guid>();
        // Accounts made earlier in this run (not saved yet, so a query cannot find them): a second
        // teacher with the same address gets the same account instead of a duplicate that fails the import.
        var madeThisRun = new Dictionary<string, AppUser>(StringComparer.Ordinal);
        var wanted = new HashSet<(Guid GroupId, Guid UserId)>();
        foreach (var planned in plan.Teachers)
        {
            AppUser user;
            if (mapped.TryGetValue(planned.Key, out var link))
            {
                user = link.User!;
                // A second record on an account already handled in this run (shared address) keeps the
                // first record's name: renaming it to each record in turn would change it on every import.
                if (!teacherUserIds.Contains(user.Id) && (user.FirstName != planned.FirstName || user.LastNamePrefix != planned.Prefix || user.LastName != planned.LastName
                    || (user.Email is null && planned.Email is not null)))
                {
                    (user.FirstName, user.LastNamePrefix, user.LastName) = (planned.FirstName, planned.Prefix, planned.LastName);
                    if (user.Email is null && planned.Email is not null && !madeThisRun.ContainsKey(Normalizer.NormalizeEmail(planned.Email))
                        && !await EmailTakenAsync(planned.Email, ct))
                    {
                        SetEmail(user, planned.Email);
                    }
                    changes.TeachersUpdated++;
                }
            }
            else
            {
                var byEmail = planned.Email is null ? null
                    : madeThisRun.GetValueOrDefault(Normalizer.NormalizeEmail(planned.Email)) ?? await FindByEmailAsync(planned.Email, ct);
                if (byEmail is not null)
                {
                    user = byEmail;
                }
                else
                {
                    user = new AppUser
                    {
                        // Without an e-mail address the account cannot sign in until the school adds one.
                        UserName = planned.Email ?? $"edex-{planned.Key}",
                        NormalizedUserName = Normalizer.NormalizeName(planned.Email ?? $"edex-{planned.Key}"),
                        LockoutEnabled = true,
                        FirstName = planned.FirstName,
                        LastNamePrefix = planned.Prefix,
                        LastName = planned.LastName,
                        CreatedAt = now,
                    };
                    if (planned.Email is not null)
                    {
                        SetEmail(user, planned.Email);
                        madeThisRun[user.NormalizedEmail!] = user;
                    }
                    db.Users.Add(user);
                }
                db.Set<ImportedTeacher>().Add(new ImportedTeacher { ExternalKey = planned.Key, UserId = user.Id });
                changes.TeachersCreated++;
            }
            if (!await db.UserRoles.AnyAsync(r => r.UserId == user.Id && r.RoleId == TeacherRole, ct)
                && !db.ChangeTracker.Entries<AppUserRole>().Any(e => e.Entity.UserId == user.Id && e.Entity.RoleId == TeacherRole))
            {
                db.UserRoles.Add(new AppUserRole { UserId = user.Id, RoleId = TeacherRole });
            }
            if (user.Email is not null && user.PasswordHash is null && !invited.Contains(user.Id))
            {
                invitations.Invite(user);
                invited.Add(user.Id);
                changes.InvitationsSent++;
            }
            teacherUserIds.Add(user.Id);
            foreach (var key in planned.GroupKeys)
            {
                wanted.Add((groups[key].Id, user.Id));
            }
        }
        var current = await db.GroupTeachers.Where(t => teacherUserIds.Contains(t.UserId)).ToListAsync(ct);
        foreach (var row in current)
        {
            if (importedGroupIds.Contains(row.GroupId) && !wanted.Contains((row.GroupId, row.UserId)))
            {
                db.GroupTeachers.Remove(row);
                changes.TeacherLinksRemoved++;
            }
        }
        var have = current.Select(r => (r.GroupId, r.UserId)).ToHashSet();
        foreach (var pair in wanted.Where(p => !have.Contains(p)))
        {
            db.GroupTeachers.Add(new GroupTeacher { GroupId = pair.GroupId, UserId = pair.UserId });
            changes.TeacherLinksAdded++;
        }
    }

    /// <summary>
    /// C7: every ja/nee answer becomes a consent record with source Import, in the append-only
    /// history. Idempotent: an answer already imported for the same pupil, guardian, category and
    /// value is not added again.
    /// </summary>
    private async Task WriteConsentsAsync(ImportPlan plan, Dictionary<string, Pupil> pupils, Dictionary<string, AppUser> guardians,
        ImportChanges changes, DateTimeOffset now, CancellationToken ct)
    {
        if (plan.Consents.Count == 0)
        {
            return;
        }
        await consent.EnsureDefaultCategoriesAsync(ct);
        var categories = await db.ConsentCategories.Where(c => c.Code != null).ToDictionaryAsync(c => c.Code!, StringComparer.Ordinal, ct);
        var existing = (await db.ConsentRecords.Where(r => r.Source == Consent.ConsentSource.Import)
                .Select(r => new { r.PupilId, r.GuardianUserId, r.CategoryId, r.Granted }).ToListAsync(ct))
            .Select(r => (r.PupilId, r.GuardianUserId, r.CategoryId, r.Granted)).ToHashSet();
        foreach (var answer in plan.Consents)
        {
            if (Consent.ConsentCategoryCodes.FromMijnSchoolColumn(answer.Category) is not { } code || !categories.TryGetValue(code, out var category))
            {
                continue;
            }
            var pupil = pupils[ImportNormalization.Key(answer.PupilKey)!];
            var guardian = guardians[answer.Email];
            if (existing.Add((pupil.Id, guardian.Id, category.Id, answer.Granted)))
            {
                db.ConsentRecords.Add(new Consent.ConsentRecord
                {
                    PupilId = pupil.Id,
                    CategoryId = category.Id,
                    CategoryName = category.Name,
                    Granted = answer.Granted,
                    GuardianUserId = guardian.Id,
                    Source = Consent.ConsentSource.Import,
                    RecordedAt = now,
                });
                changes.ConsentsImported++;
            }
        }
    }

    private async Task<Dictionary<string, AppUser>> WriteGuardiansAsync(ImportPlan plan, Dictionary<string, Pupil> pupils, ImportChanges changes, DateTimeOffset now, CancellationToken ct)
    {
        var normalized = plan.Guardians.Select(g => Normalizer.NormalizeEmail(g.Email)).ToList();
        var users = await db.Users.Where(u => u.NormalizedEmail != null && normalized.Contains(u.NormalizedEmail))
            .ToDictionaryAsync(u => u.NormalizedEmail!, StringComparer.Ordinal, ct);
        var parents = (await db.UserRoles.Where(r => r.RoleId == ParentRole).Select(r => r.UserId).ToListAsync(ct)).ToHashSet();
        var byEmail = new Dictionary<string, AppUser>(StringComparer.Ordinal);
        foreach (var planned in plan.Guardians)
        {
            var key = Normalizer.NormalizeEmail(planned.Email);
            if (!users.TryGetValue(key, out var user))
            {
                user = new AppUser
                {
                    UserName = planned.Email,
                    NormalizedUserName = Normalizer.NormalizeName(planned.Email),
                    LockoutEnabled = true,
                    FirstName = planned.FirstName,
                    LastNamePrefix = planned.Prefix,
                    LastName = planned.LastName,
                    PhoneNumber = planned.Phone,
                    PhoneVisibleToParents = planned.PhoneVisible,
                    CreatedAt = now,
                };
                SetEmail(user, planned.Email);
                db.Users.Add(user);
                changes.GuardiansCreated++;
            }
            if (!parents.Contains(user.Id))
            {
                db.UserRoles.Add(new AppUserRole { UserId = user.Id, RoleId = ParentRole });
                parents.Add(user.Id);
            }
            byEmail[planned.Email] = user;
        }
        var pupilIds = pupils.Values.Select(p => p.Id).ToList();
        var links = (await db.Guardianships.Where(g => pupilIds.Contains(g.PupilId)).Select(g => new { g.PupilId, g.UserId }).ToListAsync(ct))
            .Select(g => (g.PupilId, g.UserId)).ToHashSet();
        foreach (var planned in plan.Links)
        {
            var pupil = pupils[ImportNormalization.Key(planned.PupilKey)!];
            var user = byEmail[planned.Email];
            if (links.Add((pupil.Id, user.Id)))
            {
                db.Guardianships.Add(new Guardianship { PupilId = pupil.Id, UserId = user.Id, Relation = planned.Relation, LinkedAt = now });
                db.Set<GuardianshipLogEntry>().Add(new GuardianshipLogEntry
                {
                    PupilId = pupil.Id,
                    UserId = user.Id,
                    Change = GuardianshipChange.Linked,
                    Reason = "import MijnSchool",
                    At = now,
                });
                changes.GuardianLinksAdded++;
            }
        }
        return byEmail;
    }

    private Task<AppUser?> FindByEmailAsync(string email, CancellationToken ct)
    {
        var normalized = Normalizer.NormalizeEmail(email);
        return db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == normalized, ct);
    }

    private Task<bool> EmailTakenAsync(string email, CancellationToken ct)
    {
        var normalized = Normalizer.NormalizeEmail(email);
        return db.Users.AnyAsync(u => u.NormalizedEmail == normalized, ct);
    }

    private static void SetEmail(AppUser user, string email)
    {
        user.Email = email;
        user.NormalizedEmail = Normalizer.NormalizeEmail(email);
        user.UserName = email;
        user.NormalizedUserName = Normalizer.NormalizeName(email);
    }
}
