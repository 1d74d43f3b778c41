using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Schoolplein.Backoffice.Audit;
using Schoolplein.Platform;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Invitations;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.SchoolMigration;
using Schoolplein.Platform.Schools;
using Schoolplein.Platform.Tenancy;

namespace Schoolplein.Backoffice.Schools;

public sealed record FirstAdmin(string? FirstName, string? LastName, string? Email);

public sealed record ChecklistItem(string Key, bool Done);

/// <summary>
/// The onboarding steps that span the catalogue and a school's own data: create with logo
/// and first admin, invite an admin, the go-live checklist. A school's data is only touched
/// inside its own scope (<see cref="TenantScopeFactory"/>); every change is audited.
/// </summary>
public sealed partial class SchoolOnboarding(
    SchoolRegistry registry, SchoolBranding branding, TenantScopeFactory scopes, AuditLog audit)
{
    public async Task<Outcome<Guid>> CreateAsync(NewSchool school, byte[]? logo, FirstAdmin admin, CancellationToken ct)
    {
        // Everything that can be refused is checked before the school exists, so a refusal saves nothing.
        var errors = new List<Problem>();
        if (logo is { Length: > 0 } && !branding.PrepareLogo(logo).Succeeded)
        {
            errors.Add(new Problem("LogoInvalid", SchoolBranding.MaxLogoBytes / 1024) { Field = "Logo" });
        }
        var inviteAdmin = !string.IsNullOrWhiteSpace(admin.Email) || !string.IsNullOrWhiteSpace(admin.FirstName) || !string.IsNullOrWhiteSpace(admin.LastName);
        if (inviteAdmin)
        {
            errors.AddRange(ValidateAdmin(admin));
        }
        if (errors.Count > 0)
        {
            // Also report the registry's own findings in the same round trip.
            var probe = await registry.ValidateAsync(school, ct);
            return Outcome<Guid>.Refused([.. probe, .. errors]);
        }
        var created = await registry.CreateAsync(school, ct);
        if (!created.Succeeded)
        {
            return created;
        }
        var id = created.Value;
        await audit.RecordAsync("school.created", id, $"{school.Slug.Trim()} ({school.Status}, plan {school.Plan})", ct: ct);
        if (logo is { Length: > 0 })
        {
            await branding.SetLogoAsync(id, logo, ct);
            await audit.RecordAsync("school.logo", id, null, ct: ct);
        }
        if (inviteAdmin)
        {
            await InviteAdminAsync(id, admin, ct);
        }
        return created;
    }

    public IReadOnlyList<Problem> ValidateAdmin(FirstAdmin admin)
    {
        var errors = new List<Problem>();
        if (string.IsNullOrWhiteSpace(admin.FirstName) || admin.FirstName.Trim().Length > 100)
        {
            errors.Add(new Problem("AdminFirstNameRequired") { Field = "AdminFirstName" });
        }
        if (string.IsNullOrWhiteSpace(admin.LastName) || admin.LastName.Trim().Length > 150)
        {
            errors.Add(new Problem("AdminLastNameRequired") { Field = "AdminLastName" });
        }
        if (string.IsNullOrWhiteSpace(admin.Email) || admin.Email.Trim().Length > 254 || !EmailShape().IsMatch(admin.Email.Trim()))
        {
            errors.Add(new Problem("AdminEmailInvalid") { Field = "AdminEmail" });
        }
        return errors;
    }

    /// <summary>Creates (or finds) the school admin's account in the school and e-mails the invitation.</summary>
    public async Task<Outcome> InviteAdminAsync(Guid tenantId, FirstAdmin admin, CancellationToken ct)
    {
        var errors = ValidateAdmin(admin);
        if (errors.Count > 0)
        {
            return Outcome.Refused(errors);
        }
        await using (var scope = await scopes.BeginAsync(tenantId, ct))
        {
            var invitations = scope.Get<AccountInvitations>();
            var user = await invitations.EnsureAccountAsync(admin.Email!.Trim().ToLowerInvariant(), admin.FirstName!.Trim(), null, admin.LastName!.Trim(), Roles.SchoolAdmin, ct);
            invitations.Invite(user);
            await scope.Get<SchoolpleinDb>().SaveChangesAsync(ct);
        }
        await audit.RecordAsync("school.admin_invited", tenantId, null, ct: ct);
        return Outcome.Done;
    }

    public async Task<IReadOnlyList<ChecklistItem>> ChecklistAsync(Guid tenantId, CancellationToken ct)
    {
        await using var scope = await scopes.BeginAsync(tenantId, ct);
        var db = scope.Get<SchoolpleinDb>();
        var tenant = await db.Tenants.AsNoTracking().Where(t => t.Id == tenantId)
            .Select(t => new { t.LogoUpdatedAt, t.BillingStatus, t.LettersPrintedAt }).SingleAsync(ct);
        var imported = await db.Set<MigrationImport>().AnyAsync(i => i.Status == ImportStatus.Succeeded, ct);
        var adminRole = Roles.All.Single(r => r.Name == Roles.SchoolAdmin).Id;
        var adminActive = await db.Users.AnyAsync(u => u.EmailConfirmed && u.PasswordHash != null && u.DeactivatedAt == null
            && db.UserRoles.Any(r => r.UserId == u.Id && r.RoleId == adminRole), ct);
        return
        [
            new ChecklistItem("DataImported", imported),
            new ChecklistItem("LettersPrinted", tenant.LettersPrintedAt is not null),
            new ChecklistItem("AdminActivated", adminActive),
            new ChecklistItem("BrandingSet", tenant.LogoUpdatedAt is not null),
            new ChecklistItem("BillingActive", tenant.BillingStatus == BillingStatus.Active),
        ];
    }

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailShape();
}

/// <summary>Resource anchor for the schools pages.</summary>
public sealed class SchoolsText;
