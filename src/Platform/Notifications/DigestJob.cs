using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Schoolplein.Platform.Email;
using Schoolplein.Platform.Jobs;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Localization;

namespace Schoolplein.Platform.Notifications;

/// <summary>
/// The daily e-mail digest: for every user who chose it, one mail with the non-urgent
/// notifications not yet digested. Marking the items and adding the mail happen in one
/// transaction, and the mail's idempotency key names the newest item, so a second run
/// never mails the same items twice. Runs per school from the recurring fan-out.
/// </summary>
public sealed class DigestJob(
    SchoolpleinDb db, EmailOutbox outbox, SchoolEmailComposer composer, IStringLocalizer<NotificationText> text, TimeProvider time) : ITenantJob
{
    public const string Kind = "notification.digest";
    private const int MaxItemsPerMail = 30;
    private const int UsersPerTransaction = 200;

    public async Task RunAsync(Guid tenantId, CancellationToken ct)
    {
        var userIds = await db.Notifications.AsNoTracking()
            .Where(n => n.InDigest && n.DigestedAt == null)
            .Select(n => n.UserId).Distinct().ToListAsync(ct);
        foreach (var chunk in userIds.Chunk(UsersPerTransaction))
        {
            await DigestAsync(chunk, ct);
        }
    }

    private async Task DigestAsync(Guid[] userIds, CancellationToken ct)
    {
        var users = await db.Users.AsNoTracking()
            .Where(u => userIds.Contains(u.Id) && u.DeactivatedAt == null && u.Email != null)
            .Select(u => new { u.Id, u.Email, u.FirstName, u.Language })
            .ToListAsync(ct);
        var items = await db.Notifications
            .Where(n => userIds.Contains(n.UserId) && n.InDigest && n.DigestedAt == null)
            .OrderBy(n => n.CreatedAt)
            .ToListAsync(ct);
        var now = time.GetUtcNow();
        var all = composer.SchoolLink("/meldingen");
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            foreach (var user in users)
            {
                var mine = items.Where(n => n.UserId == user.Id).ToList();
                if (mine.Count == 0)
                {
                    continue;
                }
                CultureInfo.CurrentUICulture = Notifier.CultureFor(user.Language);
                var lines = mine.TakeLast(MaxItemsPerMail).Select(n => $"{n.Title} — {n.Body}");
                var message = composer.Compose(
                    Kind, user.Email!, user.FirstName, text["DigestSubject"], text.Plural("DigestHeading", mine.Count), lines,
                    new EmailAction(text["DigestOpen"], all)) with
                {
                    IdempotencyKey = $"digest:{user.Id:N}:{mine[^1].Id:N}",
                };
                outbox.Add(message);
            }
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
        // Items of users without an address (or deactivated) are closed too: there is nobody to mail.
        foreach (var item in items)
        {
            item.DigestedAt = now;
        }
        await db.SaveChangesAsync(ct);
    }
}
