using Microsoft.AspNetCore.Razor.Hosting;
using Schoolplein.Tenant.Web;

namespace Schoolplein.Browser.Tests;

/// <summary>
/// The Razor pages of the school app, read from its compiled assembly (the same compiled items
/// MVC builds its page routes from), so a page added to the app is in the sweep without a hand list.
/// </summary>
public static class AppPages
{
    /// <summary>One page: its route template (<c>/agenda/{id:guid}</c>) and its view (<c>/Calendar/Details.cshtml</c>).</summary>
    /// <param name="PlatformHost">A page of the product itself, served on the bare base domain (Program.cs: the /Platform folder), not on a school's host.</param>
    public sealed record Page(string Route, string View, bool PlatformHost)
    {
        public bool HasParameters => Route.Contains('{', StringComparison.Ordinal);
    }

    public static IReadOnlyList<Page> All { get; } = Load();

    private static List<Page> Load()
    {
        var pages = new List<Page>();
        foreach (var item in new RazorCompiledItemLoader().LoadItems(typeof(TenantWebApp).Assembly))
        {
            if (item.Kind != "mvc.1.0.razor-page")
            {
                continue;
            }
            var template = item.Metadata.OfType<RazorCompiledItemMetadataAttribute>().FirstOrDefault(m => m.Key == "RouteTemplate")?.Value;
            pages.Add(new Page(Route(item.Identifier, template), item.Identifier, item.Identifier.StartsWith("/BareDomain/", StringComparison.Ordinal)));
        }
        return pages.OrderBy(p => p.PlatformHost).ThenBy(p => p.Route, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The route Razor Pages gives a page with the app's root directory "/": an absolute <c>@page "/x"</c>
    /// template as written; otherwise the view's path without ".cshtml" (an Index page answers at its folder),
    /// followed by a relative template if there is one.
    /// </summary>
    private static string Route(string view, string? template)
    {
        if (template is not null && (template.StartsWith('/') || template.StartsWith("~/", StringComparison.Ordinal)))
        {
            return "/" + template.TrimStart('~', '/');
        }
        var path = view[..^".cshtml".Length];
        if (path.EndsWith("/Index", StringComparison.Ordinal))
        {
            path = path[..^"/Index".Length];
        }
        if (!string.IsNullOrEmpty(template))
        {
            path = path.TrimEnd('/') + "/" + template;
        }
        return path.Length == 0 ? "/" : path;
    }
}
