using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.LinkCodes;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Tenancy;

namespace Schoolplein.Platform.Roster;

/// <summary>A pupil as the admin form gives it: Dutch name parts, date of birth (yyyy-MM-dd), group, key in the pupil administration.</summary>
public sealed record PupilFields(string? FirstName, string? LastNamePrefix, string? LastName, string? DateOfBirth, Guid? GroupId, string? ExternalKey);

/// <summary>A group as the admin form gives it: name, school year ("2026-2027"), year levels.</summary>
public sealed record GroupFields(string? Name, string? SchoolYear, string? YearLevels);

/// <summary>
/// The school's roster as the admin changes it: groups and their teachers, pupils (add, edit,
/// archive, restore) and unlinking a guardian with a logged reason. Every command checks all
/// fields and changes nothing when one is wrong; refusals are keys of the admin pages' texts
/// with the form field they belong to. All in the current school (query filters, RLS).
/// </summary>
public sealed partial class RosterService(SchoolpleinDb db, LinkCodeService codes, TenantContext tenant, CurrentUser current, TimeProvider time)
{
    public async Task<Outcome<Guid>> AddPupilAsync(PupilFields fields, CancellationToken ct = default)
    {
        var pupil = new Pupil { FirstName = "", LastName = "", CreatedAt = time.GetUtcNow() };
        var problems = await ApplyAsync(pupil, fields, ct);
        if (problems.Count > 0)
        {
            return Outcome<Guid>.Refused(problems);
        }
        db.Pupils.Add(pupil);
        await db.SaveChangesAsync(ct);
        return Outcome<Guid>.Done(pupil.Id);
    }

    public async Task<Outcome> UpdatePupilAsync(Guid id, PupilFields fields, CancellationToken ct = default)
    {
        if (await db.Pupils.FirstOrDefaultAsync(p => p.Id == id, ct) is not { } pupil)
        {
            return Outcome.Refused("NotFound");
        }
        var problems = await ApplyAsync(pupil, fields, ct);
        if (problems.Count > 0)
        {
            db.Entry(pupil).State = EntityState.Unchanged;
            return Outcome.Refused(problems);
        }
        await db.SaveChangesAsync(ct);
        return Outcome.Done;
    }

    /// <summary>Archives the pupil: the parents lose the child at once and the koppelcode dies.</summary>
    public async Task<Outcome> ArchivePupilAsync(Guid id, CancellationToken ct = default)
    {
        if (await db.Pupils.FirstOrDefaultAsync(p => p.Id == id, ct) is not { } pupil)
        {
            return Outcome.Refused("NotFound");
        }
        pupil.ArchivedAt ??= time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await codes.RevokeAsync(pupil.Id, ct);
        return Outcome.Done;
    }

    public async Task<Outcome> RestorePupilAsync(Guid id, CancellationToken ct = default)
    {
        if (await db.Pupils.FirstOrDefaultAsync(p => p.Id == id, ct) is not { } pupil)
        {
            return Outcome.Refused("NotFound");
        }
        pupil.ArchivedAt = null;
        await db.SaveChangesAsync(ct);
        return Outcome.Done;
    }

    /// <summary>Ends a guardianship; the reason and who did it are logged (append-only). The value is the guardian's name.</summary>
    public async Task<Outcome<string>> UnlinkGuardianAsync(Guid pupilId, Guid guardianId, string? reason, CancellationToken ct = default)
    {
        var link = await db.Guardianships.Include(g => g.User).FirstOrDefaultAsync(g => g.PupilId == pupilId && g.UserId == guardianId, ct);
        if (link is null)
        {
            return Outcome<string>.Refused("NotFound");
        }
        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > 500)
        {
            return new Problem("ReasonRequired").On("reason");
        }
        db.Guardianships.Remove(link);
        db.Set<GuardianshipLogEntry>().Add(new GuardianshipLogEntry
        {
            PupilId = pupilId, UserId = guardianId, Change = GuardianshipChange.Unlinked, Reason = reason, ActorUserId = current.RequiredId, At = time.GetUtcNow(),
        });
        await db.SaveChangesAsync(ct);
        return Outcome<string>.Done(link.User!.DisplayName);
    }

    public async Task<Outcome<Guid>> AddGroupAsync(GroupFields fields, CancellationToken ct = default)
    {
        var group = new Group { Name = "", SchoolYear = "", CreatedAt = time.GetUtcNow() };
        var problems = Apply(group, fields);
        if (problems.Count > 0)
        {
            return Outcome<Guid>.Refused(problems);
        }
        group.SortOrder = await db.Groups.CountAsync(ct);
        db.Groups.Add(group);
        await db.SaveChangesAsync(ct);
        return Outcome<Guid>.Done(group.Id);
    }

    public async Task<Outcome> UpdateGroupAsync(Guid id, GroupFields fields, CancellationToken ct = default)
    {
        if (await db.Groups.FirstOrDefaultAsync(g => g.Id == id, ct) is not { } group)
        {
            return Outcome.Refused("NotFound");
        }
        var problems = Apply(group, fields);
        if (problems.Count > 0)
        {
            db.Entry(group).State = EntityState.Unchanged;
            return Outcome.Refused(problems);
        }
        await db.SaveChangesAsync(ct);
        return Outcome.Done;
    }

    /// <summary>Adds an active staff member of this school as a teacher of the group (once).</summary>
    public async Task<Outcome> AddTeacherAsync(Guid groupId, Guid teacherId, CancellationToken ct = default)
    {
        if (!await db.Groups.AnyAsync(g => g.Id == groupId, ct))
        {
            return Outcome.Refused("NotFound");
        }
        var staffRoles = Roles.All.Where(r => r.Name is Roles.Teacher or Roles.SchoolAdmin).Select(r => r.Id).ToList();
        var isStaff = await db.Users.AnyAsync(u => u.Id == teacherId && u.DeactivatedAt == null
            && db.UserRoles.Any(r => r.UserId == u.Id && staffRoles.Contains(r.RoleId)), ct);
        if (!isStaff)
        {
            return Outcome.Refused([new Problem("TeacherUnknown").On("teacherId")]);
        }
        if (!await db.GroupTeachers.AnyAsync(t => t.GroupId == groupId && t.UserId == teacherId, ct))
        {
            db.GroupTeachers.Add(new GroupTeacher { GroupId = groupId, UserId = teacherId });
            await db.SaveChangesAsync(ct);
        }
        return Outcome.Done;
    }

    public async Task<Outcome> RemoveTeacherAsync(Guid groupId, Guid teacherId, CancellationToken ct = default)
    {
        if (!await db.Groups.AnyAsync(g => g.Id == groupId, ct))
        {
            return Outcome.Refused("NotFound");
        }
        await db.GroupTeachers.Where(t => t.GroupId == groupId && t.UserId == teacherId).ExecuteDeleteAsync(ct);
        return Outcome.Done;
    }

    /// <summary>Checks every field and copies them onto the pupil only when all are right.</summary>
    private async Task<List<Problem>> ApplyAsync(Pupil pupil, PupilFields fields, CancellationToken ct)
    {
        var problems = new List<Problem>();
        var first = fields.FirstName?.Trim();
        var prefix = string.IsNullOrWhiteSpace(fields.LastNamePrefix) ? null : fields.LastNamePrefix.Trim();
        var last = fields.LastName?.Trim();
        var key = string.IsNullOrWhiteSpace(fields.ExternalKey) ? null : fields.ExternalKey.Trim();
        if (string.IsNullOrEmpty(first))
        {
            problems.Add(new Problem("FirstNameRequired").On(nameof(PupilFields.FirstName)));
        }
        if (string.IsNullOrEmpty(last))
        {
            problems.Add(new Problem("LastNameRequired").On(nameof(PupilFields.LastName)));
        }
        if (first?.Length > 100 || prefix?.Length > 30 || last?.Length > 150)
        {
            problems.Add(new Problem("NameTooLong").On(nameof(PupilFields.LastName)));
        }
        DateOnly? birth = null;
        if (!string.IsNullOrWhiteSpace(fields.DateOfBirth))
        {
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), tenant.Required.TimeZoneInfo).DateTime);
            if (DateOnly.TryParseExact(fields.DateOfBirth.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
                && parsed <= today && parsed.Year >= today.Year - 25)
            {
                birth = parsed;
            }
            else
            {
                problems.Add(new Problem("DateInvalid").On(nameof(PupilFields.DateOfBirth)));
            }
        }
        if (fields.GroupId is { } groupId && !await db.Groups.AnyAsync(g => g.Id == groupId, ct))
        {
            problems.Add(new Problem("GroupUnknown").On(nameof(PupilFields.GroupId)));
        }
        if (key?.Length > 64)
        {
            problems.Add(new Problem("ExternalKeyTooLong").On(nameof(PupilFields.ExternalKey)));
        }
        else if (key is not null && await db.Pupils.AnyAsync(p => p.ExternalKey == key && p.Id != pupil.Id, ct))
        {
            problems.Add(new Problem("ExternalKeyTaken").On(nameof(PupilFields.ExternalKey)));
        }
        if (problems.Count > 0)
        {
            return problems;
        }
        pupil.FirstName = first!;
        pupil.LastNamePrefix = prefix;
        pupil.LastName = last!;
        pupil.DateOfBirth = birth;
        pupil.GroupId = fields.GroupId;
        pupil.ExternalKey = key;
        return problems;
    }

    private static List<Problem> Apply(Group group, GroupFields fields)
    {
        var problems = new List<Problem>();
        var name = fields.Name?.Trim();
        var year = fields.SchoolYear?.Trim();
        var levels = string.IsNullOrWhiteSpace(fields.YearLevels) ? null : fields.YearLevels.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 100)
        {
            problems.Add(new Problem("GroupNameRequired").On(nameof(GroupFields.Name)));
        }
        var match = year is null ? null : YearPattern().Match(year);
        if (match is not { Success: true }
            || int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) != int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) + 1)
        {
            problems.Add(new Problem("SchoolYearInvalid").On(nameof(GroupFields.SchoolYear)));
        }
        if (levels?.Length > 20)
        {
            problems.Add(new Problem("YearLevelsTooLong").On(nameof(GroupFields.YearLevels)));
        }
        if (problems.Count > 0)
        {
            return problems;
        }
        group.Name = name!;
        group.SchoolYear = year!;
        group.YearLevels = levels;
        return problems;
    }

    [GeneratedRegex("^(20[0-9]{2})-(20[0-9]{2})$")]
    private static partial Regex YearPattern();
}

public static class RosterRegistration
{
    public static IServiceCollection AddRoster(this IServiceCollection services) => services.AddScoped<RosterService>();
}
