using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Ganss.Xss;

namespace Schoolplein.Platform.Timeline;

/// <summary>
/// Rich text from staff, made safe on write: HtmlSanitizer with a short allow-list (paragraphs,
/// emphasis, lists, two heading levels, quotes and http(s)/mailto links). Text typed without any
/// markup (no script, or the plain form) becomes paragraphs. What is stored renders as is.
/// </summary>
public static partial class PostHtml
{
    private static readonly string[] Tags = ["p", "br", "strong", "b", "em", "i", "u", "s", "ul", "ol", "li", "a", "h2", "h3", "blockquote"];
    private static readonly HashSet<string> Dropped = new(
        ["script", "style", "iframe", "object", "embed", "noscript", "template", "svg", "math", "textarea", "select", "title", "head", "frameset", "noembed", "xmp"],
        StringComparer.OrdinalIgnoreCase);
    private static readonly HashSet<string> Blocks = new(["p", "li", "h2", "h3", "blockquote", "ul", "ol", "div"], StringComparer.OrdinalIgnoreCase);

    private static HtmlSanitizer Create()
    {
        var sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(Tags, StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(["href"], StringComparer.OrdinalIgnoreCase),
            AllowedSchemes = new HashSet<string>(["http", "https", "mailto"], StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(["href"], StringComparer.OrdinalIgnoreCase),
            AllowedCssProperties = new HashSet<string>(),
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
        });
        // Unknown wrappers (div, span, font from pasted text) keep their text; these lose everything inside.
        sanitizer.KeepChildNodes = true;
        sanitizer.RemovingTag += (_, e) =>
        {
            if (Dropped.Contains(e.Tag.LocalName))
            {
                e.Tag.InnerHtml = "";
            }
        };
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is IElement { LocalName: "a" } link)
            {
                link.SetAttribute("rel", "noopener noreferrer nofollow");
                link.SetAttribute("target", "_blank");
            }
        };
        return sanitizer;
    }

    // HtmlSanitizer is thread-safe for Sanitize once configured.
    private static readonly HtmlSanitizer Sanitizer = Create();

    /// <summary>
    /// The most raw input the sanitizer takes: what can be stored as HTML (<see cref="Post.BodyMax"/> × 2).
    /// Parsing deeply nested markup costs far more than linear time (600 KB of "&lt;b&gt;" took
    /// minutes of CPU), so input is measured before it is parsed, never after.
    /// </summary>
    public const int MaxInputLength = Post.BodyMax * 2;

    /// <summary>The most tags the raw input may open or close; a real message has a few hundred at most.</summary>
    public const int MaxInputTags = 2_000;

    /// <summary>Whether <see cref="Sanitize"/> will take the input (checked in linear time, without parsing).</summary>
    public static bool IsWithinInputLimits(string? input) =>
        input is null || (input.Length <= MaxInputLength && input.AsSpan().Count('<') <= MaxInputTags);

    /// <summary>Safe HTML for the input; plain text (no tags) becomes paragraphs with line breaks.</summary>
    public static string Sanitize(string? input)
    {
        if (!IsWithinInputLimits(input))
        {
            throw new ArgumentOutOfRangeException(nameof(input), "Check IsWithinInputLimits before sanitizing.");
        }
        var value = (input ?? "").Replace("\r\n", "\n").Trim();
        if (value.Length == 0)
        {
            return "";
        }
        if (!MarkupPattern().IsMatch(value))
        {
            value = string.Concat(ParagraphBreak().Split(value)
                .Where(p => p.Trim().Length > 0)
                .Select(p => "<p>" + WebUtility.HtmlEncode(p.Trim()).Replace("\n", "<br>") + "</p>"));
        }
        return Sanitizer.Sanitize(value).Trim();
    }

    /// <summary>The text of sanitised HTML: blocks on their own lines, no markup.</summary>
    public static string ToText(string html)
    {
        var document = new HtmlParser().ParseDocument("<body>" + html + "</body>");
        var text = new StringBuilder();
        Append(document.Body!, text);
        return MultipleBlankLines().Replace(text.ToString(), "\n\n").Trim();
    }

    /// <summary>The first <paramref name="max"/> characters of the text on one line, cut at a word.</summary>
    public static string Excerpt(string text, int max)
    {
        var flat = Whitespace().Replace(text, " ").Trim();
        if (flat.Length <= max)
        {
            return flat;
        }
        var cut = flat.LastIndexOf(' ', max - 1);
        return flat[..(cut > max / 2 ? cut : max - 1)] + "…";
    }

    private static void Append(INode node, StringBuilder text)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText t:
                    text.Append(t.Data);
                    break;
                case IElement { LocalName: "br" }:
                    text.Append('\n');
                    break;
                case IElement e:
                    var block = Blocks.Contains(e.LocalName);
                    if (block && text.Length > 0 && text[^1] != '\n')
                    {
                        text.Append('\n');
                    }
                    if (e.LocalName == "li")
                    {
                        text.Append("- ");
                    }
                    Append(e, text);
                    if (block && text.Length > 0 && text[^1] != '\n')
                    {
                        text.Append('\n');
                    }
                    break;
            }
        }
    }

    [GeneratedRegex("<\\s*[a-zA-Z/!]")]
    private static partial Regex MarkupPattern();

    [GeneratedRegex("\\n\\s*\\n")]
    private static partial Regex ParagraphBreak();

    [GeneratedRegex("\\n{3,}")]
    private static partial Regex MultipleBlankLines();

    [GeneratedRegex("\\s+")]
    private static partial Regex Whitespace();
}
