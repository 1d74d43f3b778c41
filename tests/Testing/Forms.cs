using System.Text.RegularExpressions;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Schoolplein.Testing;

/// <summary>Form posts the way a browser does them: read the page, take its antiforgery token, post.</summary>
public static partial class Forms
{
    public static async Task<HttpResponseMessage> PostFormAsync(
        this HttpClient client, string url, IDictionary<string, string> fields, string? pageUrl = null)
    {
        var token = await AntiforgeryTokenAsync(client, pageUrl ?? url);
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token };
        return await client.PostAsync(url, new FormUrlEncodedContent(form));
    }

    /// <summary>Multipart post (file uploads) with the page's antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostMultipartAsync(
        this HttpClient client, string url, MultipartFormDataContent content, string? pageUrl = null)
    {
        var token = await AntiforgeryTokenAsync(client, pageUrl ?? url);
        content.Add(new StringContent(token), "__RequestVerificationToken");
        return await client.PostAsync(url, content);
    }

    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string pageUrl)
    {
        using var page = await client.GetAsync(pageUrl);
        var html = await page.Content.ReadAsStringAsync();
        var match = TokenPattern().Match(html);
        if (!match.Success)
        {
            throw new InvalidOperationException($"No antiforgery token on {pageUrl} ({(int)page.StatusCode}).");
        }
        return System.Net.WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    public static async Task<IDocument> HtmlAsync(this HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        var context = BrowsingContext.New(Configuration.Default);
        return await context.OpenAsync(req => req.Content(html));
    }

    public static async Task<IDocument> GetHtmlAsync(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        return await response.HtmlAsync();
    }

    /// <summary>
    /// The fields a browser would submit for <paramref name="form"/> (files and buttons aside): its
    /// inputs (also those outside it with form="…"), ticked checkboxes and radios, text areas, and
    /// per select its selected options or else (a single select) its first. No disabled fields. The
    /// form's own antiforgery token and form key come along. The one reader of rendered forms for
    /// every test helper (<see cref="RenderedForm"/>, the malformed-input crawl, confirmations).
    /// </summary>
    /// <param name="includeDisabled">Also disabled fields: a hostile client sends them anyway (the malformed-input sweep attacks every field).</param>
    /// <param name="firstRealChoice">
    /// A select with no chosen value takes its first option with a value, not the empty "choose …" one,
    /// so that a sweep's starting submission is a valid one and each attacked field is the only thing wrong.
    /// </param>
    public static List<KeyValuePair<string, string>> FieldsOf(IElement form, bool includeDisabled = false, bool firstRealChoice = false)
    {
        IEnumerable<IElement> elements = form is IHtmlFormElement owner ? owner.Elements : form.QuerySelectorAll("input, textarea, select");
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in elements)
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name) || element.HasAttribute("disabled") && !includeDisabled)
            {
                continue;
            }
            switch (element.LocalName)
            {
                case "input":
                    var type = (element.GetAttribute("type") ?? "text").ToLowerInvariant();
                    if (type is "file" or "submit" or "button" or "image" or "reset")
                    {
                        continue;
                    }
                    if (type is "checkbox" or "radio")
                    {
                        if (element.HasAttribute("checked"))
                        {
                            fields.Add(new(name, element.GetAttribute("value") ?? "on"));
                        }
                        continue;
                    }
                    fields.Add(new(name, element.GetAttribute("value") ?? ""));
                    break;
                case "textarea":
                    fields.Add(new(name, element.TextContent));
                    break;
                case "select":
                    var options = element.QuerySelectorAll("option")
                        .Select(o => (Value: o.GetAttribute("value") ?? o.TextContent.Trim(), Selected: o.HasAttribute("selected"))).ToList();
                    var chosen = options.Where(o => o.Selected && (o.Value.Length > 0 || !firstRealChoice)).ToList();
                    if (chosen.Count == 0)
                    {
                        // Nothing chosen: a browser sends a single select's first option; a sweep its first with a value.
                        var first = firstRealChoice ? options.FirstOrDefault(o => o.Value.Length > 0)
                            : element.HasAttribute("multiple") ? default : options.FirstOrDefault();
                        if (first.Value is not null)
                        {
                            chosen.Add(first);
                        }
                    }
                    fields.AddRange(chosen.Select(o => new KeyValuePair<string, string>(name, o.Value)));
                    break;
            }
        }
        return fields;
    }

    /// <summary>Posts fields as they are (the form's own token included), multipart as a form with a file input does.</summary>
    public static Task<HttpResponseMessage> SubmitAsync(this HttpClient client, string url, IEnumerable<KeyValuePair<string, string>> fields, bool multipart = false)
    {
        HttpContent content;
        if (multipart)
        {
            var parts = new MultipartFormDataContent();
            foreach (var (name, value) in fields)
            {
                parts.Add(new StringContent(value), name);
            }
            content = parts;
        }
        else
        {
            content = new FormUrlEncodedContent(fields);
        }
        return client.PostAsync(url, content);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
