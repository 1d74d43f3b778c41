using Microsoft.EntityFrameworkCore;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Persistence;

namespace Schoolplein.Platform.Timeline;

/// <summary>
/// A post found by search. <see cref="Title"/> and <see cref="Excerpt"/> are plain text in which
/// the matches sit between <see cref="TimelineSearch.MarkStart"/> and <see cref="TimelineSearch.MarkEnd"/>;
/// the page encodes the text and turns only those marks into &lt;mark&gt;.
/// </summary>
public sealed record SearchHit(Guid Id, string Title, string Excerpt, string AuthorName, DateTimeOffset PublishedAt);

/// <summary>
/// Full-text search in Dutch over the posts the viewer can see: the generated <c>search_vector</c>
/// column (GIN-indexed) filtered by <see cref="TimelineService.Visible"/>, the timeline's own rule.
/// </summary>
public sealed class TimelineSearch(TimelineService timeline)
{
    public const int QueryMax = 200;
    public const int Results = 20;

    /// <summary>Private-use characters around a match: they cannot be HTML, and are removed from the text first.</summary>
    public const char MarkStart = '\uE000';
    public const char MarkEnd = '\uE001';

    private const string Config = "dutch";
    private const string TitleOptions = "StartSel=\"\uE000\", StopSel=\"\uE001\", HighlightAll=true";
    // One passage around the best match (fragment mode would drop the words before and after it).
    private const string ExcerptOptions = "StartSel=\"\uE000\", StopSel=\"\uE001\", MaxWords=35, MinWords=15";

    public async Task<Outcome<IReadOnlyList<SearchHit>>> SearchAsync(CurrentUser viewer, string? text, CancellationToken ct)
    {
        var query = Clean(text);
        if (query.Length == 0)
        {
            return new Problem("SearchEmpty").On("q");
        }
        if (query.Length > QueryMax)
        {
            return new Problem("SearchTooLong", QueryMax).On("q");
        }
        // websearch_to_tsquery accepts anything a person types (quotes, "or", a minus) without a syntax error.
        var hits = await timeline.Visible(viewer).AsNoTracking()
            .Where(p => p.SearchVector.Matches(EF.Functions.WebSearchToTsQuery(Config, query)))
            .OrderByDescending(p => p.SearchVector.Rank(EF.Functions.WebSearchToTsQuery(Config, query)))
            .ThenByDescending(p => p.PublishedAt)
            .ThenByDescending(p => p.Id)
            .Take(Results)
            .Select(p => new SearchHit(
                p.Id,
                EF.Functions.WebSearchToTsQuery(Config, query).GetResultHeadline(Config, p.Title.Replace("\uE000", "").Replace("\uE001", ""), TitleOptions),
                EF.Functions.WebSearchToTsQuery(Config, query).GetResultHeadline(Config, p.BodyText.Replace("\uE000", "").Replace("\uE001", ""), ExcerptOptions),
                p.Author!.FullName,
                p.PublishedAt))
            .ToListAsync(ct);
        return Outcome<IReadOnlyList<SearchHit>>.Done(hits);
    }

    /// <summary>
    /// Trimmed, without control characters, unpaired surrogates or the mark characters: what PostgreSQL
    /// (and its UTF-8) can take and what cannot be confused with a highlight.
    /// </summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        var kept = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                kept.Append(c).Append(text[++i]);
            }
            else if (!char.IsControl(c) && !char.IsSurrogate(c) && c is not (MarkStart or MarkEnd))
            {
                kept.Append(char.IsWhiteSpace(c) ? ' ' : c);
            }
        }
        return kept.ToString().Trim();
    }
}
