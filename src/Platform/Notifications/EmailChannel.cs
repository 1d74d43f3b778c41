using Schoolplein.Platform.Email;
using Schoolplein.Platform.Identity;

namespace Schoolplein.Platform.Notifications;

/// <summary>
/// Notifications by e-mail through the outbox (branded, sent after commit, retried). The
/// idempotency key (notification, channel) keeps one mail per notification.
/// </summary>
public sealed class EmailChannel(EmailOutbox outbox, SchoolEmailComposer composer, Microsoft.Extensions.Localization.IStringLocalizer<NotificationText> text)
    : INotificationChannel
{
    public Task AddAsync(NotificationDraft draft, CancellationToken ct)
    {
        var recipient = draft.Recipient;
        var wanted = draft.Content.Urgent || recipient.NotifyBy.HasFlag(NotificationChannels.Email);
        if (!wanted || string.IsNullOrEmpty(recipient.Email))
        {
            return Task.CompletedTask;
        }
        var n = draft.Notification;
        var message = composer.Compose(
            "notification." + n.Kind, recipient.Email, recipient.DisplayName, n.Title, n.Title, [n.Body],
            new EmailAction(text["Open"], draft.AbsoluteLink)) with
        {
            IdempotencyKey = $"notification:{n.Id:N}:email",
        };
        outbox.Add(message);
        return Task.CompletedTask;
    }
}

/// <summary>Resource anchor for notification texts shared by all kinds.</summary>
public sealed class NotificationText;
