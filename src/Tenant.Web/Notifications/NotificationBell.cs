using Schoolplein.Tenant.Web.Shared;

namespace Schoolplein.Tenant.Web.Notifications;

/// <summary>The unread count in the header, asked with the layout's other questions (<see cref="PageChrome"/>).</summary>
public sealed class NotificationBell(PageChrome chrome)
{
    public async Task<int> UnreadAsync() => (await chrome.GetAsync()).Unread;
}
