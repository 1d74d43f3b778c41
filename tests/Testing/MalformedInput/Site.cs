using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Schoolplein.Platform.Tenancy;
using Schoolplein.Testing;

namespace Schoolplein.Testing.MalformedInput;

/// <summary>A POST form the crawl found on a page: where it goes and what a sweep starts from (see <see cref="Schoolplein.Testing.RenderedForm"/> for one form a test fills in).</summary>
public sealed record CrawledForm(string Who, string Page, string Action, bool Multipart, IReadOnlyList<KeyValuePair<string, string>> Fields)
{
    public string Path => Action.Split('?')[0];

    public string? Handler =>
        Action.Split('?') is [_, var query] ? query.Split('&').Select(p => p.Split('=')).FirstOrDefault(p => p[0] == "handler")?.ElementAtOrDefault(1) : null;
}

/// <summary>
/// The school app's routes as regular expressions (to tell which endpoint a link or form goes to),
/// and a crawl of what one user can reach: every page a link leads to (a few per route), and the POST
/// forms on them.
/// </summary>
public sealed class Site
{
    private const int PagesPerRoute = 3;
    private const int MaxPages = 400;

    private readonly List<(RouteEndpoint Endpoint, Regex Pattern)> _routes;

    public Site(IEnumerable<RouteEndpoint> endpoints)
    {
        _routes = endpoints
            .Where(e => (e.Metadata.GetMetadata<IHostRequirementMetadata>() ?? HostRequirement.School).Kind is null or HostKind.School)
            .Select(e => (e, Pattern(e.RoutePattern)))
            .OrderByDescending(r => r.e.RoutePattern.PathSegments.Sum(s => s.Parts.OfType<RoutePatternLiteralPart>().Sum(l => l.Content.Length)))
            .ToList();
    }

    public sealed record Visit(string Who, string Url, RouteEndpoint Endpoint);

    public List<Visit> Visits { get; } = [];
    public List<CrawledForm> Forms { get; } = [];

    public RouteEndpoint? Match(string path)
    {
        foreach (var (endpoint, pattern) in _routes)
        {
            var match = pattern.Match(path);
            if (match.Success && endpoint.RoutePattern.Parameters.All(p => Satisfies(p, match.Groups[p.Name].Value)))
            {
                return endpoint;
            }
        }
        return null;
    }

    private static bool Satisfies(RoutePatternParameterPart parameter, string value) =>
        parameter.ParameterPolicies.All(policy => policy.Content switch
        {
            "guid" => Guid.TryParse(value, out _),
            "int" => int.TryParse(value, out _),
            _ => true,
        });

    /// <summary>The route values of a path that matches <paramref name="pattern"/>.</summary>
    public static Dictionary<string, string> RouteValues(RoutePattern pattern, string path)
    {
        var match = Pattern(pattern).Match(path);
        return pattern.Parameters.Where(p => match.Groups[p.Name].Success).ToDictionary(p => p.Name, p => match.Groups[p.Name].Value);
    }

    private static Regex Pattern(RoutePattern pattern)
    {
        var segments = pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => Regex.Escape(literal.Content),
            RoutePatternSeparatorPart separator => Regex.Escape(separator.Content),
            RoutePatternParameterPart parameter => $"(?<{parameter.Name}>[^/]+?)",
            _ => "",
        })));
        return new Regex("^/" + string.Join("/", segments) + "/?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }

    /// <summary>Follows links from <paramref name="start"/> as the client's user; GET only.</summary>
    public async Task CrawlAsync(string who, HttpClient client, IEnumerable<string> start)
    {
        var queue = new Queue<string>(start);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var perRoute = new Dictionary<RouteEndpoint, int>();
        var pages = 0;
        while (queue.Count > 0 && pages < MaxPages)
        {
            var url = queue.Dequeue();
            if (!seen.Add(url) || Match(url.Split('?')[0]) is not { } endpoint)
            {
                continue;
            }
            var count = perRoute.GetValueOrDefault(endpoint);
            if (count >= PagesPerRoute)
            {
                continue;
            }
            perRoute[endpoint] = count + 1;
            pages++;
            using var response = await client.GetAsync(url);
            if ((int)response.StatusCode != 200)
            {
                continue;
            }
            Visits.Add(new Visit(who, url, endpoint));
            if (response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }
            var document = await response.HtmlAsync();
            foreach (var href in document.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!))
            {
                if (href.StartsWith('/') && !href.StartsWith("//", StringComparison.Ordinal))
                {
                    queue.Enqueue(System.Net.WebUtility.HtmlDecode(href.Split('#')[0]));
                }
            }
            foreach (var form in document.QuerySelectorAll("form").OfType<IHtmlFormElement>())
            {
                if (string.Equals(form.Method, "post", StringComparison.OrdinalIgnoreCase))
                {
                    Forms.AddRange(Read(who, url, form));
                }
            }
        }
    }

    /// <summary>The submissions of a form: one per distinct action (buttons may carry their own formaction).</summary>
    private static IEnumerable<CrawledForm> Read(string who, string page, IHtmlFormElement form)
    {
        var action = form.GetAttribute("action") is { Length: > 0 } a ? a : page;
        var multipart = string.Equals(form.GetAttribute("enctype"), "multipart/form-data", StringComparison.OrdinalIgnoreCase);
        // Disabled fields too, and a real choice in each select: see Forms.FieldsOf.
        var fields = Schoolplein.Testing.Forms.FieldsOf(form, includeDisabled: true, firstRealChoice: true);
        var buttons = form.QuerySelectorAll("button, input[type=submit]").Where(b => (b.GetAttribute("type") ?? "submit") == "submit").ToList();
        var actions = buttons.Select(b => (Action: b.GetAttribute("formaction") is { Length: > 0 } f ? f : action, Button: b))
            .GroupBy(x => x.Action).Select(g => g.First()).ToList();
        if (actions.Count == 0)
        {
            actions.Add((action, null!));
        }
        foreach (var (target, button) in actions)
        {
            var submission = new List<KeyValuePair<string, string>>(fields);
            if (button?.GetAttribute("name") is { Length: > 0 } buttonName)
            {
                submission.Add(new(buttonName, button.GetAttribute("value") ?? ""));
            }
            // Resolved as a browser does: formaction="?handler=Check" is relative to the page.
            var resolved = new Uri(new Uri("http://school" + page), System.Net.WebUtility.HtmlDecode(target)).PathAndQuery;
            yield return new CrawledForm(who, page, resolved, multipart, submission);
        }
    }
}
