using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Modules;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Roster;
using Schoolplein.Platform.Tenancy;

namespace Schoolplein.Platform.Seeding;

/// <summary>
/// A feature's demo data for one school, run after the roster exists. Steps must be
/// idempotent on their own (check before insert) and deterministic (ids from <see cref="DeterministicGuid"/>).
/// </summary>
public interface IDemoSeedStep
{
    int Order { get; }
    Task SeedAsync(TenantScope scope, DemoData.School school, CancellationToken ct);
}

/// <summary>Seeds the demo schools: catalogue entry, groups, staff, pupils, parents. Idempotent: an existing school is left as it is.</summary>
public sealed partial class DemoSeeder(
    IServiceScopeFactory scopes, TenantScopeFactory tenantScopes, TenantCatalog catalog,
    IEnumerable<IDemoSeedStep> steps, TimeProvider time, ILogger<DemoSeeder> logger)
{
    private static readonly UpperInvariantLookupNormalizer Normalizer = new();

    public async Task SeedAsync(CancellationToken ct = default)
    {
        var passwordHash = new PasswordHasher<AppUser>().HashPassword(new AppUser(), DemoData.Password);
        foreach (var school in DemoData.Schools)
        {
            var tenantId = DeterministicGuid.Create($"{school.Slug}/tenant");
            var created = await EnsureTenantAsync(school, tenantId, ct);
            catalog.Invalidate(tenantId, school.Slug);
            await using var scope = await tenantScopes.BeginAsync(tenantId, ct);
            if (created || !await scope.Get<SchoolpleinDb>().Groups.AnyAsync(ct))
            {
                await SeedRosterAsync(scope, school, passwordHash, ct);
                LogSeeded(logger, school.Slug);
            }
            foreach (var step in steps.OrderBy(s => s.Order))
            {
                await using var stepScope = await tenantScopes.BeginAsync(tenantId, ct);
                await step.SeedAsync(stepScope, school, ct);
            }
        }
    }

    private async Task<bool> EnsureTenantAsync(DemoData.School school, Guid tenantId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SchoolpleinDb>();
        if (await db.Tenants.AnyAsync(t => t.Id == tenantId || t.Slug == school.Slug, ct))
        {
            return false;
        }
        var now = time.GetUtcNow();
        db.Tenants.Add(new Tenant
        {
            Id = tenantId,
            Slug = school.Slug,
            Name = school.Name,
            Status = TenantStatus.Active,
            PrimaryColor = school.Color,
            Address = school.Address,
            Phone = school.Phone,
            ContactEmail = school.ContactEmail,
            Modules = [.. SchoolModules.All],
            CreatedAt = now,
            UpdatedAt = now,
        });
        await db.SaveChangesAsync(ct);
        return true;
    }

    private async Task SeedRosterAsync(TenantScope scope, DemoData.School school, string passwordHash, CancellationToken ct)
    {
        var db = scope.Get<SchoolpleinDb>();
        var now = time.GetUtcNow();
        var groups = new Dictionary<string, Group>();
        var order = 0;
        foreach (var spec in school.Groups)
        {
            var group = new Group
            {
                Id = DeterministicGuid.Create($"{school.Slug}/group/{spec.Key}"),
                Name = spec.Name,
                SchoolYear = DemoData.SchoolYear,
                YearLevels = spec.YearLevels,
                ExternalKey = spec.Key,
                SortOrder = order++,
                CreatedAt = now,
            };
            groups[spec.Key] = group;
            db.Groups.Add(group);
        }
        var users = new Dictionary<string, AppUser>(StringComparer.OrdinalIgnoreCase);
        AppUser UserFor(string email, string first, string? prefix, string last, string? phone, string role)
        {
            if (!users.TryGetValue(email, out var user))
            {
                user = new AppUser
                {
                    Id = DeterministicGuid.Create($"{school.Slug}/user/{email.ToLowerInvariant()}"),
                    UserName = email,
                    NormalizedUserName = Normalizer.NormalizeName(email),
                    Email = email,
                    NormalizedEmail = Normalizer.NormalizeEmail(email),
                    EmailConfirmed = true,
                    LockoutEnabled = true,
                    PasswordHash = passwordHash,
                    FirstName = first,
                    LastNamePrefix = prefix,
                    LastName = last,
                    PhoneNumber = phone,
                    CreatedAt = now,
                };
                users[email] = user;
                db.Users.Add(user);
            }
            var roleId = Roles.All.Single(r => r.Name == role).Id;
            if (!db.ChangeTracker.Entries<AppUserRole>().Any(e => e.Entity.UserId == user.Id && e.Entity.RoleId == roleId))
            {
                db.UserRoles.Add(new AppUserRole { UserId = user.Id, RoleId = roleId });
            }
            return user;
        }
        foreach (var staff in school.Staff)
        {
            var user = UserFor(staff.Email, staff.FirstName, staff.Prefix, staff.LastName, null, staff.Admin ? Roles.SchoolAdmin : Roles.Teacher);
            foreach (var key in staff.GroupKeys)
            {
                db.GroupTeachers.Add(new GroupTeacher { GroupId = groups[key].Id, UserId = user.Id });
            }
        }
        foreach (var family in school.Families)
        {
            var parents = family.Parents.Select(p => UserFor(p.Email, p.FirstName, p.Prefix, p.LastName, p.Phone, Roles.Parent)).ToList();
            foreach (var child in family.Children)
            {
                var pupil = new Pupil
                {
                    Id = DeterministicGuid.Create($"{school.Slug}/pupil/{child.Key}"),
                    FirstName = child.FirstName,
                    LastNamePrefix = child.Prefix,
                    LastName = child.LastName,
                    DateOfBirth = child.DateOfBirth,
                    GroupId = groups[child.GroupKey].Id,
                    ExternalKey = child.Key,
                    CreatedAt = now,
                };
                db.Pupils.Add(pupil);
                foreach (var parent in parents)
                {
                    db.Guardianships.Add(new Guardianship { PupilId = pupil.Id, UserId = parent.Id, Relation = GuardianRelation.Parent, LinkedAt = now });
                }
            }
        }
        await db.SaveChangesAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo school {Slug} seeded")]
    private static partial void LogSeeded(ILogger logger, string slug);
}
