using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Schoolplein.Platform.Email;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Tenancy;
using Schoolplein.Platform.Localization;

namespace Schoolplein.Platform.Invitations;

/// <summary>
/// The one invitation flow: accounts that someone else creates for a person (staff invited by
/// a school admin, the first school admin from the backoffice, imported teachers and parents)
/// and the invitation e-mail that lets the person set a password at <c>/Account/Invitation</c>
/// on the school's own host. The token is single-use, expires, is bound to the school and only
/// its hash is stored. Everything happens in the current school's scope; <see cref="EnsureAccountAsync"/>
/// and <see cref="Invite"/> are saved by the caller (so they join an import's transaction).
/// </summary>
public sealed class AccountInvitations(
    SchoolpleinDb db, EmailOutbox outbox, SchoolEmailComposer composer, TenantContext tenant, TimeProvider time, IStringLocalizer<InvitationText> text)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(14);
    public const string AcceptPath = "/Account/Invitation";
    private static readonly UpperInvariantLookupNormalizer Normalizer = new();

    /// <summary>Finds the school's account for <paramref name="email"/> or adds one without a password; adds the role if missing.</summary>
    public async Task<AppUser> EnsureAccountAsync(string email, string firstName, string? prefix, string lastName, string role, CancellationToken ct = default)
    {
        var normalized = Normalizer.NormalizeEmail(email);
        var user = db.ChangeTracker.Entries<AppUser>().Select(e => e.Entity).FirstOrDefault(u => u.NormalizedEmail == normalized)
            ?? await db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == normalized, ct);
        if (user is null)
        {
            user = new AppUser
            {
                UserName = email,
                NormalizedUserName = Normalizer.NormalizeName(email),
                Email = email,
                NormalizedEmail = normalized,
                EmailConfirmed = false,
                LockoutEnabled = true,
                FirstName = firstName,
                LastNamePrefix = prefix,
                LastName = lastName,
                CreatedAt = time.GetUtcNow(),
            };
            db.Users.Add(user);
        }
        await EnsureRoleAsync(user, role, ct);
        return user;
    }

    public async Task EnsureRoleAsync(AppUser user, string role, CancellationToken ct = default)
    {
        var roleId = Roles.All.Single(r => r.Name == role).Id;
        var tracked = db.ChangeTracker.Entries<AppUserRole>().Any(e => e.Entity.UserId == user.Id && e.Entity.RoleId == roleId && e.State != EntityState.Deleted);
        if (!tracked && !await db.UserRoles.AnyAsync(r => r.UserId == user.Id && r.RoleId == roleId, ct))
        {
            db.UserRoles.Add(new AppUserRole { UserId = user.Id, RoleId = roleId });
        }
    }

    /// <summary>
    /// Adds an invitation and its e-mail (kind <c>account.invitation</c>) to the unit of work;
    /// <paramref name="extra"/> paragraphs (already localised) go between the welcome and the expiry line.
    /// </summary>
    public Invitation Invite(AppUser user, IReadOnlyList<string>? extra = null)
    {
        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow();
        // A new link replaces the open ones: only the newest mail works, so an old mail found later opens nothing.
        foreach (var open in db.Set<Invitation>().Where(i => i.UserId == user.Id && i.AcceptedAt == null && i.ExpiresAt > now))
        {
            open.ExpiresAt = now;
        }
        var invitation = new Invitation { UserId = user.Id, TokenHash = Hash(token), CreatedAt = now, ExpiresAt = now + Lifetime };
        db.Set<Invitation>().Add(invitation);
        var school = tenant.Required;
        var url = composer.SchoolLink($"{AcceptPath}?token={token}");
        outbox.Add(composer.Compose(
            "account.invitation", user.Email!, user.DisplayName,
            text["Subject", school.Name], text["Heading", user.FirstName],
            [text["Body", school.Name], .. extra ?? [], text.Plural("Expiry", (int)Lifetime.TotalDays)],
            new EmailAction(text["Action"], url)));
        return invitation;
    }

    /// <summary>The paragraph naming who invited the person (staff invited by a colleague).</summary>
    public string InvitedBy(string inviterName) => text["InvitedBy", inviterName, tenant.Required.Name];

    /// <summary>The open (unused, unexpired) invitation for a token in this school, with its user.</summary>
    public Task<Invitation?> FindOpenAsync(string? token, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100)
        {
            return Task.FromResult<Invitation?>(null);
        }
        var hash = Hash(token.Trim());
        var now = time.GetUtcNow();
        return db.Set<Invitation>().Include(i => i.User)
            .FirstOrDefaultAsync(i => i.TokenHash == hash && i.AcceptedAt == null && i.ExpiresAt > now && i.User!.DeactivatedAt == null, ct);
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

/// <summary>Resource anchor for invitation e-mails.</summary>
public sealed class InvitationText;

public static class InvitationsRegistration
{
    public static IServiceCollection AddInvitations(this IServiceCollection services)
    {
        services.AddScoped<AccountInvitations>();
        return services;
    }
}
