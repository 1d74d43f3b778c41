using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;
using Schoolplein.Backoffice.Persistence;

namespace Schoolplein.Backoffice.Account;

/// <summary>
/// One sign-in of a vendor staff member (the backoffice's own table, like its own user store). The
/// cookie carries its id; every request checks it, so "Uitloggen" ends the session on the server and a
/// copy of the cookie saved before no longer opens anything. Staff are few: the check is one indexed
/// query per request, without the school app's cache.
/// </summary>
public sealed class BackofficeSession
{
    public const string Claim = "schoolplein:bsid";

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    /// <summary>The user's security stamp at sign-in: a password or two-factor change ends older sessions.</summary>
    public string SecurityStamp { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}

internal sealed class BackofficeSessionConfiguration : IEntityTypeConfiguration<BackofficeSession>
{
    public void Configure(EntityTypeBuilder<BackofficeSession> b)
    {
        b.ToTable("sessions");
        b.HasKey(s => s.Id);
        b.Property(s => s.SecurityStamp).HasMaxLength(256);
        b.HasOne<BackofficeUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => s.UserId);
    }
}

public static class BackofficeSessionCookie
{
    private static Guid Id(ClaimsPrincipal? principal) =>
        Guid.TryParse(principal?.FindFirstValue(BackofficeSession.Claim), out var id) ? id : Guid.Empty;

    private static Guid UserId(ClaimsPrincipal? principal) =>
        Guid.TryParse(principal?.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : Guid.Empty;

    public static async Task OnSigningInAsync(CookieSigningInContext context)
    {
        if (context.Principal?.Identity is not ClaimsIdentity identity || identity.HasClaim(c => c.Type == BackofficeSession.Claim))
        {
            return;
        }
        var services = context.HttpContext.RequestServices;
        var stampType = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        var session = new BackofficeSession
        {
            UserId = UserId(context.Principal),
            SecurityStamp = context.Principal.FindFirstValue(stampType) ?? "",
            CreatedAt = services.GetRequiredService<TimeProvider>().GetUtcNow(),
        };
        var db = services.GetRequiredService<BackofficeDb>();
        db.Add(session);
        await db.SaveChangesAsync();
        identity.AddClaim(new Claim(BackofficeSession.Claim, session.Id.ToString()));
    }

    /// <summary>Uses the request's user: authenticating again from inside the cookie's own validation would wait on itself.</summary>
    public static async Task OnSigningOutAsync(CookieSigningOutContext context)
    {
        if (Id(context.HttpContext.User) is var id && id != Guid.Empty)
        {
            var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
            await context.HttpContext.RequestServices.GetRequiredService<BackofficeDb>().Set<BackofficeSession>()
                .Where(s => s.Id == id && s.RevokedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.RevokedAt, now));
        }
    }

    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        var id = Id(context.Principal);
        var userId = UserId(context.Principal);
        var db = context.HttpContext.RequestServices.GetRequiredService<BackofficeDb>();
        var active = id != Guid.Empty && await db.Set<BackofficeSession>().AsNoTracking()
            .AnyAsync(s => s.Id == id && s.UserId == userId && s.RevokedAt == null
                && db.Users.Any(u => u.Id == userId && u.SecurityStamp == s.SecurityStamp));
        if (!active)
        {
            context.RejectPrincipal();
            return;
        }
        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }

    /// <summary>Identity's stamp validator builds a fresh principal now and then; it keeps the session id.</summary>
    public static Task KeepSessionClaim(SecurityStampRefreshingPrincipalContext context)
    {
        if (context.CurrentPrincipal?.FindFirst(BackofficeSession.Claim) is { } claim
            && context.NewPrincipal?.Identity is ClaimsIdentity identity && !identity.HasClaim(c => c.Type == BackofficeSession.Claim))
        {
            identity.AddClaim(new Claim(BackofficeSession.Claim, claim.Value));
        }
        return Task.CompletedTask;
    }
}
