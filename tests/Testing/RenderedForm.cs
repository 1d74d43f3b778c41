using System.Net.Http.Headers;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Schoolplein.Testing;

/// <summary>
/// One form as a page rendered it, filled and sent the way a browser sends it: the fields the
/// browser would send (checked boxes only, the selected option, no disabled fields), the
/// antiforgery token and the form key included. Send it twice and it is the same rendered form.
/// </summary>
public sealed class RenderedForm
{
    private readonly List<KeyValuePair<string, string>> _fields;
    private readonly List<(string Field, string FileName, byte[] Content, string ContentType)> _files = [];

    private RenderedForm(IHtmlFormElement element, string action, bool multipart, List<KeyValuePair<string, string>> fields, IReadOnlyList<IElement> submitButtons)
    {
        Element = element;
        Action = action;
        Multipart = multipart;
        _fields = fields;
        SubmitButtons = submitButtons;
    }

    /// <summary>Where the form posts (path and query, as the browser resolves it against the page).</summary>
    public string Action { get; private set; }
    public bool Multipart { get; }
    public IReadOnlyList<IElement> SubmitButtons { get; }
    /// <summary>The form in the page as rendered (to read options, radio groups …).</summary>
    public IHtmlFormElement Element { get; }
    public IReadOnlyList<KeyValuePair<string, string>> Fields => _fields;

    public string? this[string name] => _fields.FirstOrDefault(f => f.Key == name).Value;

    /// <summary>
    /// GETs <paramref name="pageUrl"/> and takes the first POST form that <paramref name="pick"/> accepts
    /// (default: the first POST form in the page's main content, so not the footer's language switch).
    /// </summary>
    public static async Task<RenderedForm> FromPageAsync(HttpClient client, string pageUrl, Func<IHtmlFormElement, bool>? pick = null)
    {
        using var response = await client.GetAsync(pageUrl);
        if ((int)response.StatusCode != 200)
        {
            throw new InvalidOperationException($"GET {pageUrl} answered {(int)response.StatusCode}.");
        }
        var document = await response.HtmlAsync();
        var forms = document.QuerySelectorAll("form").OfType<IHtmlFormElement>()
            .Where(f => string.Equals(f.GetAttribute("method"), "post", StringComparison.OrdinalIgnoreCase)).ToList();
        var form = forms.FirstOrDefault(pick ?? (f => f.Closest("main") is not null))
            ?? throw new InvalidOperationException($"No matching form on {pageUrl} (POST forms: {string.Join(", ", forms.Select(f => f.GetAttribute("action") ?? "(none)"))}).");
        return From(form, pageUrl);
    }

    public static RenderedForm From(IHtmlFormElement form, string pageUrl)
    {
        var fields = Forms.FieldsOf(form);
        var buttons = form.QuerySelectorAll("button, input[type=submit]")
            .Where(b => (b.GetAttribute("type") ?? "submit").Equals("submit", StringComparison.OrdinalIgnoreCase)).ToList();
        var multipart = string.Equals(form.GetAttribute("enctype"), "multipart/form-data", StringComparison.OrdinalIgnoreCase);
        return new RenderedForm(form, Resolve(pageUrl, form.GetAttribute("action")), multipart, fields, buttons);
    }

    private static string Resolve(string pageUrl, string? action)
    {
        var page = new Uri(new Uri("http://school.test/"), pageUrl);
        var target = string.IsNullOrEmpty(action) ? page : new Uri(page, action);
        return target.PathAndQuery;
    }

    /// <summary>Replaces every value of <paramref name="name"/> (adds it when absent).</summary>
    public RenderedForm Set(string name, string value)
    {
        _fields.RemoveAll(f => f.Key == name);
        _fields.Add(new(name, value));
        return this;
    }

    /// <summary>Adds one more value (a second checked box of the same name).</summary>
    public RenderedForm Add(string name, string value)
    {
        _fields.Add(new(name, value));
        return this;
    }

    public RenderedForm Remove(string name)
    {
        _fields.RemoveAll(f => f.Key == name);
        return this;
    }

    public RenderedForm AttachFile(string field, string fileName, byte[] content, string contentType)
    {
        _files.Add((field, fileName, content, contentType));
        return this;
    }

    /// <summary>Presses a submit button: its name and value are sent, and its formaction is used.</summary>
    public RenderedForm Press(IElement button)
    {
        if (button.GetAttribute("name") is { Length: > 0 } name)
        {
            Set(name, button.GetAttribute("value") ?? "");
        }
        if (button.GetAttribute("formaction") is { Length: > 0 } formAction)
        {
            Action = Resolve(Action, formAction);
        }
        return this;
    }

    public HttpContent Content()
    {
        if (!Multipart)
        {
            return new FormUrlEncodedContent(_fields);
        }
        var content = new MultipartFormDataContent();
        foreach (var (name, value) in _fields)
        {
            content.Add(new StringContent(value), name);
        }
        foreach (var (field, fileName, bytes, contentType) in _files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            content.Add(part, field, fileName);
        }
        return content;
    }

    public async Task<HttpResponseMessage> SubmitAsync(HttpClient client)
    {
        using var content = Content();
        return await client.PostAsync(Action, content);
    }
}
