using System.Net;
using Xunit;

namespace Schoolplein.Testing;

/// <summary>
/// The confirmation step of irreversible actions (cancel, delete, withdraw, revoke): the first
/// POST only asks; the page's own form sends the same fields again with <c>confirmed=true</c>.
/// </summary>
public static class Confirmations
{
    public const string Field = "confirmed";

    /// <summary>
    /// Asserts <paramref name="response"/> is the question (optionally containing <paramref name="question"/>)
    /// and returns the fields its confirm button sends, as a browser would.
    /// </summary>
    public static async Task<List<KeyValuePair<string, string>>> AssertAsksAsync(HttpResponseMessage response, string? question = null)
    {
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"expected the confirmation step, got {(int)response.StatusCode}");
        var page = await response.HtmlAsync();
        var form = page.QuerySelectorAll("form[method='post']")
            .FirstOrDefault(f => f.QuerySelector($"input[name='{Field}'][value='true']") is not null);
        var main = page.QuerySelector("main")?.TextContent.Trim() ?? html;
        Assert.True(form is not null, "no confirmation step on the page: " + main[..Math.Min(400, main.Length)]);
        if (question is not null)
        {
            Assert.Contains(question, main);
        }
        return Forms.FieldsOf(form!);
    }

    /// <summary>Posts <paramref name="fields"/> (without confirmation), asserts the question, then confirms; returns the confirmed answer.</summary>
    public static async Task<HttpResponseMessage> PostConfirmedAsync(this HttpClient client, string url, IDictionary<string, string> fields, string? pageUrl = null)
    {
        using var asked = await client.PostFormAsync(url, fields, pageUrl);
        var yes = await AssertAsksAsync(asked);
        return await client.SubmitAsync(url, yes);
    }
}
