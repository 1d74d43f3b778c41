using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Tenancy;

namespace Schoolplein.Platform.Calendar;

/// <summary>
/// The user's feed link as the subscribe page shows it. <see cref="Url"/> is null when there is no
/// link, or when <see cref="Exists"/> but it was made before links were kept (it works, but can only
/// be replaced, not shown).
/// </summary>
public sealed record FeedLink(bool Exists, Uri? Url);

/// <summary>
/// The personal iCal feed links (one per user). The token in the path is the only credential a
/// calendar app sends: it is found by its SHA-256 hash, and kept encrypted with the app's data
/// protection keys (bound to school and user) so the page can show the current link again.
/// Making a link when there is one changes nothing; only <see cref="ReplaceAsync"/> replaces it.
/// </summary>
public sealed class CalendarFeeds(
    SchoolpleinDb db, TenantContext tenant, IOptions<TenancyOptions> tenancy, TimeProvider time, IDataProtectionProvider protection)
{
    private IDataProtector Protector(Guid userId) =>
        protection.CreateProtector("Schoolplein.Calendar.FeedToken", tenant.Required.Id.ToString("N"), userId.ToString("N"));

    public async Task<FeedLink> CurrentAsync(Guid userId, CancellationToken ct)
    {
        var feed = await db.Set<CalendarFeed>().AsNoTracking()
            .Where(f => f.UserId == userId)
            .Select(f => new { f.ProtectedToken })
            .FirstOrDefaultAsync(ct);
        if (feed is null)
        {
            return new FeedLink(false, null);
        }
        if (feed.ProtectedToken is null)
        {
            return new FeedLink(true, null);
        }
        try
        {
            return new FeedLink(true, FeedUri(Protector(userId).Unprotect(feed.ProtectedToken)));
        }
        catch (CryptographicException)
        {
            // The key is gone (or another deployment's): the link still works but cannot be shown.
            return new FeedLink(true, null);
        }
    }

    /// <summary>Makes the user's link if they have none; an existing link stays as it is (a resent form changes nothing).</summary>
    public async Task CreateAsync(Guid userId, CancellationToken ct)
    {
        if (await db.Set<CalendarFeed>().AnyAsync(f => f.UserId == userId, ct))
        {
            return;
        }
        var token = NewToken();
        db.Add(new CalendarFeed
        {
            UserId = userId, TokenHash = Hash(token), ProtectedToken = Protector(userId).Protect(token), CreatedAt = time.GetUtcNow(),
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            // Two submits at once: the first one made the link.
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Replaces the user's link with a new one (the old URL stops working at once), or makes one.</summary>
    public async Task ReplaceAsync(Guid userId, CancellationToken ct)
    {
        var token = NewToken();
        var feed = await db.Set<CalendarFeed>().SingleOrDefaultAsync(f => f.UserId == userId, ct);
        if (feed is null)
        {
            feed = new CalendarFeed { UserId = userId, TokenHash = [] };
            db.Add(feed);
        }
        feed.TokenHash = Hash(token);
        feed.ProtectedToken = Protector(userId).Protect(token);
        feed.CreatedAt = time.GetUtcNow();
        feed.LastUsedAt = null;
        await db.SaveChangesAsync(ct);
    }

    public Task<int> RevokeAsync(Guid userId, CancellationToken ct) =>
        db.Set<CalendarFeed>().Where(f => f.UserId == userId).ExecuteDeleteAsync(ct);

    /// <summary>The active user a feed token belongs to in this school, or null.</summary>
    public async Task<Guid?> FeedUserAsync(string token, CancellationToken ct)
    {
        if (token.Length is < 40 or > 60)
        {
            return null;
        }
        var hash = Hash(token);
        var userId = await db.Set<CalendarFeed>()
            .Where(f => f.TokenHash == hash && db.Users.Any(u => u.Id == f.UserId && u.DeactivatedAt == null))
            .Select(f => (Guid?)f.UserId)
            .FirstOrDefaultAsync(ct);
        if (userId is not null)
        {
            var now = time.GetUtcNow();
            var stale = now.AddHours(-1);
            await db.Set<CalendarFeed>().Where(f => f.TokenHash == hash && (f.LastUsedAt == null || f.LastUsedAt < stale))
                .ExecuteUpdateAsync(s => s.SetProperty(f => f.LastUsedAt, now), ct);
        }
        return userId;
    }

    public Uri FeedUri(string token) => tenancy.Value.SchoolUri(tenant.Required.Slug, $"/agenda/feed/{token}.ics");

    /// <summary>The same feed for calendar apps that subscribe to <c>webcal:</c> links (Apple Agenda, Outlook).</summary>
    public static Uri Webcal(Uri feed) => new("webcal://" + feed.Authority + feed.PathAndQuery);

    internal static byte[] Hash(string token) => SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(token));

    private static string NewToken() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
}
