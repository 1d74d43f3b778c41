using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Schoolplein.Platform;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Timeline;

namespace Schoolplein.Tenant.Web.Timeline;

/// <summary>Search over the posts the signed-in person can see on their timeline (GET, so a search can be bookmarked).</summary>
[Authorize]
public sealed class SearchModel(CurrentUser viewer, TimelineSearch search, IStringLocalizer<TimelineText> text) : PageModel
{
    public string? Query { get; private set; }
    public string? Error { get; private set; }
    public IReadOnlyList<SearchHit>? Hits { get; private set; }

    public async Task OnGetAsync(string? q, CancellationToken ct)
    {
        // The page without a query is just the search field; an empty search that was sent gets a message
        // (model binding turns a blank value into null, so ask the query string whether one was sent).
        if (!Request.Query.ContainsKey("q"))
        {
            return;
        }
        q ??= "";
        Query = q.Length > TimelineSearch.QueryMax ? q[..TimelineSearch.QueryMax] : q;
        var found = await search.SearchAsync(viewer, q, ct);
        if (!found.Succeeded)
        {
            Error = text.Text(found.Problems[0]);
            return;
        }
        Hits = found.Value;
    }

    /// <summary>The text HTML-encoded, with only the search's own marks turned into &lt;mark&gt;.</summary>
    public static IHtmlContent Highlight(string marked)
    {
        var html = new HtmlContentBuilder();
        var inMark = false;
        foreach (var part in marked.Split([TimelineSearch.MarkStart, TimelineSearch.MarkEnd]))
        {
            if (part.Length > 0)
            {
                if (inMark)
                {
                    html.AppendHtml("<mark>").Append(part).AppendHtml("</mark>");
                }
                else
                {
                    html.Append(part);
                }
            }
            inMark = !inMark;
        }
        return html;
    }
}
