namespace Schoolplein.Tenant.Web.Tests.Notifications;

/// <summary>Resource anchor with test notification texts in Dutch and English.</summary>
public sealed class TestNotificationText;
