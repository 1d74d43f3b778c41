namespace Schoolplein.Tenant.Web.Notifications;

/// <summary>Resource anchor for the notification pages.</summary>
public sealed class NotificationsText;
