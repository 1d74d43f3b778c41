using System.Globalization;
using Microsoft.Extensions.Localization;
using Schoolplein.Platform.Email;
using Schoolplein.Platform.Identity;

namespace Schoolplein.Platform.Notifications;

/// <summary>
/// Notifications by e-mail through the outbox (branded, sent after commit in batches, retried).
/// The outbox row is this channel's delivery row: its idempotency key (notification, channel)
/// is unique, so one notification never becomes two mails. Recipients who chose the daily
/// digest get non-urgent notifications in that one mail instead (<see cref="DigestJob"/>).
/// </summary>
public sealed class EmailChannel(EmailOutbox outbox, SchoolEmailComposer composer, IStringLocalizer<NotificationText> text)
    : INotificationChannel
{
    public static string IdempotencyKey(Guid notificationId) => $"notification:{notificationId:N}:email";

    public Task AddAsync(IReadOnlyList<NotificationDraft> drafts, CancellationToken ct)
    {
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            foreach (var draft in drafts)
            {
                Add(draft);
            }
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
        return Task.CompletedTask;
    }

    private void Add(NotificationDraft draft)
    {
        var recipient = draft.Recipient;
        var wanted = draft.Content.Urgent || recipient.NotifyBy.HasFlag(NotificationChannels.Email);
        if (!wanted || string.IsNullOrEmpty(recipient.Email))
        {
            return;
        }
        var n = draft.Notification;
        if (recipient.EmailDigest && !draft.Content.Urgent)
        {
            n.InDigest = true;
            return;
        }
        CultureInfo.CurrentUICulture = Notifier.CultureFor(recipient.Language);
        var message = composer.Compose(
            "notification." + n.Kind, recipient.Email, recipient.DisplayName, n.Title, n.Title, [n.Body],
            new EmailAction(text["Open"], draft.AbsoluteLink)) with
        {
            IdempotencyKey = IdempotencyKey(n.Id),
        };
        outbox.Add(message).NotificationId = n.Id;
    }
}

/// <summary>Resource anchor for notification texts shared by all kinds.</summary>
public sealed class NotificationText;
