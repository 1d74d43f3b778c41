using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Tenancy;
using Schoolplein.Platform.Localization;

namespace Schoolplein.Platform.Notifications;

/// <summary>
/// What to tell people. Texts come from a resource class (<see cref="TextResource"/>) and are
/// rendered per recipient in their language; arguments must not be secrets.
/// </summary>
public sealed record NotificationContent(
    string Kind,
    Type TextResource,
    string TitleKey,
    object[] TitleArgs,
    string BodyKey,
    object[] BodyArgs,
    string Link,
    bool Urgent = false,
    Guid? SourceId = null);

public sealed record NotificationRecipient(Guid UserId, string? Email, string DisplayName, string Language, NotificationChannels NotifyBy, bool EmailDigest = false);

/// <summary>One notification for one recipient, rendered, handed to each channel.</summary>
public sealed record NotificationDraft(Notification Notification, NotificationRecipient Recipient, NotificationContent Content, Uri AbsoluteLink);

/// <summary>
/// A delivery channel besides in-app (e-mail, web push). It adds its delivery to the caller's
/// unit of work — nothing is sent before the transaction commits — and decides itself whether
/// the recipient wants it (urgent notifications go out on every channel).
/// </summary>
public interface INotificationChannel
{
    /// <summary>All recipients of one event at once, so a channel can look up what it needs in one query.</summary>
    Task AddAsync(IReadOnlyList<NotificationDraft> drafts, CancellationToken ct);
}

/// <summary>
/// The one entry point for every event that notifies: writes the in-app notification and
/// each channel's delivery into the caller's DbContext. The caller saves (one transaction
/// with the event itself).
/// </summary>
public sealed class Notifier(
    SchoolpleinDb db, TenantContext tenant, IEnumerable<INotificationChannel> channels,
    IStringLocalizerFactory localizers, IOptions<TenancyOptions> tenancy, TimeProvider time)
{
    public async Task<IReadOnlyList<Notification>> NotifyAsync(IEnumerable<Guid> userIds, NotificationContent content, CancellationToken ct = default)
    {
        var ids = userIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return [];
        }
        var recipients = await db.Users.AsNoTracking()
            .Where(u => ids.Contains(u.Id) && u.DeactivatedAt == null)
            .Select(u => new NotificationRecipient(u.Id, u.Email, u.FirstName, u.Language, u.NotifyBy, u.EmailDigest))
            .ToListAsync(ct);
        var now = time.GetUtcNow();
        var link = new Uri(tenancy.Value.SchoolUri(tenant.Required.Slug), content.Link);
        var text = localizers.Create(content.TextResource);
        var created = new List<Notification>(recipients.Count);
        var drafts = new List<NotificationDraft>(recipients.Count);
        var previous = CultureInfo.CurrentUICulture;
        var previousFormat = CultureInfo.CurrentCulture;
        try
        {
            foreach (var recipient in recipients)
            {
                // Both: the text in the recipient's language, and dates and numbers in it ("maandag 7 december").
                CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureFor(recipient.Language);
                var notification = new Notification
                {
                    UserId = recipient.UserId,
                    Kind = content.Kind,
                    Title = Truncate(text[content.TitleKey, content.TitleArgs], 300),
                    Body = Truncate(text[content.BodyKey, content.BodyArgs], 2000),
                    Link = content.Link,
                    Urgent = content.Urgent,
                    SourceId = content.SourceId,
                    CreatedAt = now,
                };
                db.Add(notification);
                created.Add(notification);
                drafts.Add(new NotificationDraft(notification, recipient, content, link));
            }
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
            CultureInfo.CurrentCulture = previousFormat;
        }
        foreach (var channel in channels)
        {
            await channel.AddAsync(drafts, ct);
        }
        return created;
    }

    /// <summary>The UI culture to render a recipient's texts in.</summary>
    public static CultureInfo CultureFor(string language) => language == "en" ? English : Dutch;

    private static readonly CultureInfo Dutch = new("nl-NL");
    private static readonly CultureInfo English = new("en-GB");

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..(max - 1)] + "…";
}
