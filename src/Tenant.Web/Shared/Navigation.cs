using Microsoft.Extensions.Localization;
using Microsoft.FeatureManagement;
using Schoolplein.Platform.Identity;

namespace Schoolplein.Tenant.Web.Shared;

/// <summary>
/// A menu entry a feature registers with <see cref="NavigationRegistration.AddNavItem"/>; the
/// layout shows it to users in one of <see cref="Roles"/> (any signed-in user when empty)
/// and only when the school has <see cref="Module"/> switched on.
/// </summary>
public sealed record NavItem(string Path, Type TextResource, string TextKey, int Order, string[] Roles, string? Module = null);

public static class NavigationRegistration
{
    public static IServiceCollection AddNavItem(this IServiceCollection services, NavItem item) => services.AddSingleton(item);
}

/// <summary>Works out the menu for the current user and school.</summary>
public sealed class Navigation(CurrentUser viewer, IEnumerable<NavItem> items, IFeatureManager features, IStringLocalizerFactory localizers)
{
    /// <param name="Shortcut">On "Meer" only: the task most people open the entry for, one tap sooner.</param>
    public sealed record Link(string Path, string Text, Link? Shortcut = null);

    public async Task<IReadOnlyList<Link>> ForAsync()
    {
        var links = new List<Link>();
        foreach (var item in items.OrderBy(i => i.Order))
        {
            if (item.Roles.Length > 0 && !item.Roles.Any(viewer.HasRole))
            {
                continue;
            }
            if (item.Module is not null && !await features.IsEnabledAsync(item.Module))
            {
                continue;
            }
            links.Add(new Link(item.Path, localizers.Create(item.TextResource)[item.TextKey]));
        }
        return links;
    }
}
