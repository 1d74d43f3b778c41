using System.Text.RegularExpressions;
using AngleSharp;
using AngleSharp.Dom;

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
    /// The fields a browser would submit for <paramref name="form"/> (files and buttons aside):
    /// hidden and text inputs, ticked checkboxes and radios, text areas, and per select its
    /// selected option or else its first. The form's own antiforgery token comes along.
    /// </summary>
    public static List<KeyValuePair<string, string>> FieldsOf(IElement form)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.QuerySelectorAll("input[name], textarea[name], select[name]"))
        {
            var name = element.GetAttribute("name")!;
            if (element.HasAttribute("disabled"))
            {
                continue;
            }
            switch (element.LocalName)
            {
                case "textarea":
                    fields.Add(new(name, element.TextContent));
                    break;
                case "select":
                    var options = element.QuerySelectorAll("option").ToList();
                    var chosen = options.FirstOrDefault(o => o.HasAttribute("selected")) ?? options.FirstOrDefault();
                    if (chosen is not null)
                    {
                        fields.Add(new(name, chosen.GetAttribute("value") ?? chosen.TextContent));
                    }
                    break;
                default:
                    var type = (element.GetAttribute("type") ?? "text").ToLowerInvariant();
                    if (type is "file" or "submit" or "button" or "image" or "reset")
                    {
                        continue;
                    }
                    if (type is "checkbox" or "radio" && !element.HasAttribute("checked"))
                    {
                        continue;
                    }
                    fields.Add(new(name, element.GetAttribute("value") ?? (type is "checkbox" or "radio" ? "on" : "")));
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
