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

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
