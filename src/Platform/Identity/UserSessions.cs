using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Schoolplein.Platform.Persistence;

namespace Schoolplein.Platform.Identity;

/// <summary>
/// One sign-in of one user on one device. The auth cookie carries its id (<see cref="SchoolClaims.Session"/>);
/// every request checks the row (<see cref="UserSessions.IsActiveAsync"/>), so signing out, "sign out
/// everywhere", a password change or reset, a role change, deactivation and deletion end a session on
/// its next request instead of at the next security-stamp check (up to 30 minutes later).
/// </summary>
public sealed class UserSession : ITenantOwned
{
    public const int DeviceMaxLength = 200;
    public const int StampMaxLength = 256;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid UserId { get; set; }
    public AppUser? User { get; set; }
    /// <summary>
    /// The user's security stamp when this session was started or refreshed. Everything that must end
    /// other sessions changes the user's stamp; a session whose stamp is no longer the user's is over.
    /// </summary>
    public string SecurityStamp { get; set; } = "";
    /// <summary>The browser's User-Agent, shortened: lets the user recognise the device in the list.</summary>
    public string Device { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> b)
    {
        b.ToTable("user_sessions");
        b.HasKey(s => new { s.TenantId, s.Id });
        b.Property(s => s.SecurityStamp).HasMaxLength(UserSession.StampMaxLength);
        b.Property(s => s.Device).HasMaxLength(UserSession.DeviceMaxLength);
        b.HasOne(s => s.User).WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => new { s.TenantId, s.UserId });
    }
}

/// <summary>A session as the account settings list it.</summary>
public sealed record SessionSummary(Guid Id, string Device, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, bool IsCurrent);

/// <summary>
/// Sessions found active, remembered for a few seconds per process so that not every request
/// queries the table. Revoking in this process forgets at once; another instance notices within
/// <see cref="SchoolIdentityOptions.SessionCheckSeconds"/>.
/// </summary>
public sealed class SessionCache(TimeProvider time, IOptions<SchoolIdentityOptions> options)
{
    private readonly ConcurrentDictionary<Guid, (Guid UserId, DateTimeOffset Until)> _active = new();

    public bool IsKnownActive(Guid sessionId, Guid userId) =>
        _active.TryGetValue(sessionId, out var entry) && entry.UserId == userId && entry.Until > time.GetUtcNow();

    public void RememberActive(Guid sessionId, Guid userId)
    {
        var seconds = options.Value.SessionCheckSeconds;
        if (seconds > 0)
        {
            _active[sessionId] = (userId, time.GetUtcNow().AddSeconds(seconds));
        }
    }

    public void Forget(Guid sessionId) => _active.TryRemove(sessionId, out _);

    public void ForgetUser(Guid userId)
    {
        foreach (var entry in _active)
        {
            if (entry.Value.UserId == userId)
            {
                _active.TryRemove(entry.Key, out _);
            }
        }
    }
}

public sealed class UserSessions(SchoolpleinDb db, TimeProvider time, SessionCache cache)
{
    /// <summary>LastSeenAt is written at most this often per session (it is for the list, not for security).</summary>
    private static readonly TimeSpan SeenResolution = TimeSpan.FromMinutes(5);

    public async Task<Guid> StartAsync(Guid userId, string securityStamp, string? userAgent, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var session = new UserSession
        {
            UserId = userId,
            SecurityStamp = securityStamp,
            Device = Shorten(userAgent),
            CreatedAt = now,
            LastSeenAt = now,
        };
        db.Set<UserSession>().Add(session);
        await db.SaveChangesAsync(ct);
        return session.Id;
    }

    /// <summary>The session continues under the user's new stamp (this device after a password change); false when it is over.</summary>
    public async Task<bool> ContinueAsync(Guid sessionId, Guid userId, string securityStamp, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var updated = await db.Set<UserSession>()
            .Where(s => s.Id == sessionId && s.UserId == userId && s.RevokedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.SecurityStamp, securityStamp).SetProperty(s => s.LastSeenAt, now), ct);
        cache.Forget(sessionId);
        return updated == 1;
    }

    /// <summary>Active: not revoked, started under the user's current stamp, the user not deactivated.</summary>
    public async Task<bool> IsActiveAsync(Guid sessionId, Guid userId, CancellationToken ct = default)
    {
        if (cache.IsKnownActive(sessionId, userId))
        {
            return true;
        }
        var row = await Active(userId)
            .Where(s => s.Id == sessionId)
            .Select(s => new { s.LastSeenAt })
            .FirstOrDefaultAsync(ct);
        if (row is null)
        {
            cache.Forget(sessionId);
            return false;
        }
        var now = time.GetUtcNow();
        if (now - row.LastSeenAt > SeenResolution)
        {
            await db.Set<UserSession>().Where(s => s.Id == sessionId)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAt, now), ct);
        }
        cache.RememberActive(sessionId, userId);
        return true;
    }

    public async Task<IReadOnlyList<SessionSummary>> ListAsync(Guid userId, Guid currentSessionId, CancellationToken ct = default) =>
        await Active(userId).AsNoTracking()
            .OrderByDescending(s => s.LastSeenAt)
            .Select(s => new SessionSummary(s.Id, s.Device, s.CreatedAt, s.LastSeenAt, s.Id == currentSessionId))
            .ToListAsync(ct);

    /// <summary>Ends one session of this user (false when it was not theirs or already over).</summary>
    public async Task<bool> RevokeAsync(Guid userId, Guid sessionId, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var revoked = await db.Set<UserSession>()
            .Where(s => s.Id == sessionId && s.UserId == userId && s.RevokedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.RevokedAt, now), ct);
        cache.Forget(sessionId);
        return revoked > 0;
    }

    /// <summary>Ends every session of this user but <paramref name="keep"/> (none when null).</summary>
    public async Task<int> RevokeOthersAsync(Guid userId, Guid? keep, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var revoked = await db.Set<UserSession>()
            .Where(s => s.UserId == userId && s.RevokedAt == null && s.Id != keep)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.RevokedAt, now), ct);
        cache.ForgetUser(userId);
        return revoked;
    }

    private IQueryable<UserSession> Active(Guid userId) =>
        db.Set<UserSession>().Where(s => s.UserId == userId && s.RevokedAt == null
            && s.User!.DeactivatedAt == null && s.User.SecurityStamp == s.SecurityStamp);

    private static string Shorten(string? userAgent)
    {
        var text = new string((userAgent ?? "").Where(c => !char.IsControl(c)).ToArray()).Trim();
        return text.Length <= UserSession.DeviceMaxLength ? text : text[..UserSession.DeviceMaxLength];
    }
}

/// <summary>
/// Forgets cached sessions of a user whose stamp or deactivation changed, or who was deleted, once the
/// change is saved: those changes end sessions, and this process must not keep trusting them for
/// the cache's few seconds. (Changes made with ExecuteUpdate or SQL are seen after those seconds.)
/// </summary>
internal sealed class SessionCacheInterceptor(SessionCache cache) : SaveChangesInterceptor
{
    private readonly List<Guid> _changed = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Flush();
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Flush();
        return ValueTask.FromResult(result);
    }

    private void Collect(DbContext? context)
    {
        if (context is null)
        {
            return;
        }
        foreach (var entry in context.ChangeTracker.Entries<AppUser>())
        {
            if (entry.State == EntityState.Deleted
                || (entry.State == EntityState.Modified
                    && (entry.Property(u => u.SecurityStamp).IsModified || entry.Property(u => u.DeactivatedAt).IsModified)))
            {
                _changed.Add(entry.Entity.Id);
            }
        }
    }

    private void Flush()
    {
        foreach (var id in _changed)
        {
            cache.ForgetUser(id);
        }
        _changed.Clear();
    }
}

/// <summary>Ties the auth cookie to a <see cref="UserSession"/>: created at sign-in, checked per request, revoked at sign-out.</summary>
public static class SessionCookie
{
    public static Guid SessionId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(SchoolClaims.Session), out var id) ? id : Guid.Empty;

    /// <summary>
    /// A new sign-in starts a session. A sign-in of the same user on the same device (Identity's
    /// RefreshSignIn after a password or profile change) keeps the device's session under the new stamp.
    /// </summary>
    public static async Task OnSigningInAsync(CookieSigningInContext context)
    {
        if (context.Principal?.Identity is not ClaimsIdentity identity || identity.HasClaim(c => c.Type == SchoolClaims.Session))
        {
            return;
        }
        var services = context.HttpContext.RequestServices;
        var stampType = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        var userId = context.Principal.UserId();
        var stamp = context.Principal.FindFirstValue(stampType) ?? "";
        var sessions = services.GetRequiredService<UserSessions>();
        var current = context.HttpContext.User;
        var sessionId = current.UserId() == userId && current.SessionId() is { } existing && existing != Guid.Empty
            && await sessions.ContinueAsync(existing, userId, stamp)
            ? existing
            : await sessions.StartAsync(userId, stamp, context.HttpContext.Request.Headers.UserAgent.ToString());
        identity.AddClaim(new Claim(SchoolClaims.Session, sessionId.ToString()));
    }

    /// <summary>Signing out ends the session on the server too: a copy of the cookie saved before no longer works.</summary>
    public static async Task OnSigningOutAsync(CookieSigningOutContext context)
    {
        // The request's user (not a fresh AuthenticateAsync, which would wait on itself when the cookie's
        // own validation signs out); a sign-out during that validation has no user and nothing to revoke.
        var principal = context.HttpContext.User;
        if (principal.SessionId() is { } id && id != Guid.Empty)
        {
            await context.HttpContext.RequestServices.GetRequiredService<UserSessions>().RevokeAsync(principal.UserId(), id);
        }
    }

    /// <summary>False (and the principal rejected) when the cookie's session is over or it has none.</summary>
    public static async Task<bool> ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var sessionId = principal?.SessionId() ?? Guid.Empty;
        if (principal is null || sessionId == Guid.Empty
            || !await context.HttpContext.RequestServices.GetRequiredService<UserSessions>().IsActiveAsync(sessionId, principal.UserId()))
        {
            // Rejecting is enough: signing out from inside the cookie's own validation would wait on itself.
            context.RejectPrincipal();
            return false;
        }
        return true;
    }

    /// <summary>Identity's stamp validator builds a fresh principal now and then; it keeps the session id.</summary>
    public static Task KeepSessionClaim(SecurityStampRefreshingPrincipalContext context)
    {
        if (context.CurrentPrincipal?.FindFirst(SchoolClaims.Session) is { } claim
            && context.NewPrincipal?.Identity is ClaimsIdentity identity && !identity.HasClaim(c => c.Type == SchoolClaims.Session))
        {
            identity.AddClaim(new Claim(SchoolClaims.Session, claim.Value));
        }
        return Task.CompletedTask;
    }
}

public static class UserSessionsRegistration
{
    public static IServiceCollection AddUserSessions(this IServiceCollection services)
    {
        services.AddSingleton<SessionCache>();
        services.AddScoped<UserSessions>();
        services.AddScoped<IInterceptor, SessionCacheInterceptor>();
        return services;
    }
}
