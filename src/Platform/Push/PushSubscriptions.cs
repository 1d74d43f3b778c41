using Microsoft.EntityFrameworkCore;
using Schoolplein.Platform.Persistence;

namespace Schoolplein.Platform.Push;

/// <summary>A user's devices: subscribe (idempotent per endpoint) and unsubscribe.</summary>
public sealed class PushSubscriptions(SchoolpleinDb db, PushEndpointPolicy policy, TimeProvider time)
{
    public const int MaxDevicesPerUser = 20;

    /// <summary>Refused (PushText keys) for an endpoint that is not a push service's https URL, or keys of the wrong shape.</summary>
    public async Task<Outcome> SubscribeAsync(Guid userId, string? endpoint, string? p256dh, string? auth, CancellationToken ct)
    {
        if (!policy.IsAllowed(endpoint))
        {
            return Outcome.Refused("EndpointInvalid");
        }
        if (!ValidKey(p256dh, 65, first: 0x04) || !ValidKey(auth, 16))
        {
            return Outcome.Refused("KeysInvalid");
        }
        // One endpoint belongs to one device and so one user: re-subscribing moves it (e.g. another
        // parent signed in on the same phone) and refreshes the keys.
        var existing = await db.Set<PushSubscription>().FirstOrDefaultAsync(s => s.Endpoint == endpoint, ct);
        if (existing is null)
        {
            db.Add(new PushSubscription { UserId = userId, Endpoint = endpoint!, P256dh = p256dh!, Auth = auth!, CreatedAt = time.GetUtcNow() });
        }
        else
        {
            existing.UserId = userId;
            existing.P256dh = p256dh!;
            existing.Auth = auth!;
        }
        await db.SaveChangesAsync(ct);
        // Keep the newest devices when someone has collected many (old browsers never unsubscribe).
        var stale = await db.Set<PushSubscription>().Where(s => s.UserId == userId)
            .OrderByDescending(s => s.CreatedAt).Skip(MaxDevicesPerUser).Select(s => s.Id).ToListAsync(ct);
        if (stale.Count > 0)
        {
            await db.Set<PushSubscription>().Where(s => stale.Contains(s.Id)).ExecuteDeleteAsync(ct);
        }
        return Outcome.Done;
    }

    /// <summary>Removes the user's own subscription with this endpoint; true when there was one.</summary>
    public async Task<bool> UnsubscribeAsync(Guid userId, string? endpoint, CancellationToken ct) =>
        endpoint is not null
        && await db.Set<PushSubscription>().Where(s => s.UserId == userId && s.Endpoint == endpoint).ExecuteDeleteAsync(ct) > 0;

    public Task<int> CountAsync(Guid userId, CancellationToken ct) =>
        db.Set<PushSubscription>().CountAsync(s => s.UserId == userId, ct);

    private static bool ValidKey(string? value, int length, byte? first = null)
    {
        if (value is null || value.Length > 200)
        {
            return false;
        }
        try
        {
            var bytes = Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(value);
            return bytes.Length == length && (first is null || bytes[0] == first);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}

/// <summary>A deleted account's devices get no more pushes.</summary>
public sealed class PushAccountDeletion(SchoolpleinDb db) : Privacy.IAccountDeletionParticipant
{
    public async Task OnAccountDeletingAsync(Privacy.AccountDeletionContext context, CancellationToken ct) =>
        await db.Set<PushSubscription>().Where(s => s.UserId == context.UserId).ExecuteDeleteAsync(ct);
}
