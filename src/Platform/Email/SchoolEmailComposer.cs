using System.Net;
using System.Text;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Schoolplein.Platform.Tenancy;

namespace Schoolplein.Platform.Email;

/// <summary>
/// Builds a branded e-mail (the school's name, colour and logo) with an HTML and a plain
/// text part. Callers pass plain text; everything is encoded here.
/// </summary>
public sealed class SchoolEmailComposer(TenantContext tenant, IOptions<TenancyOptions> tenancy, IStringLocalizer<EmailText> text)
{
    /// <summary>An address on the current school's own host, for a mail's links (relative to the school's root).</summary>
    public Uri SchoolLink(string path) => new(tenancy.Value.SchoolUri(tenant.Required.Slug), path);

    public EmailMessage Compose(
        string kind, string toAddress, string? toName, string subject, string heading,
        IEnumerable<string> paragraphs, EmailAction? action = null)
    {
        var school = tenant.Required;
        var lines = paragraphs.ToList();
        var schoolUri = tenancy.Value.SchoolUri(school.Slug);
        var color = BrandColor.IsValid(school.PrimaryColor) ? school.PrimaryColor : BrandColor.Default;
        var footer = text["Footer", school.Name].Value;

        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"nl\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">")
            .Append("<title>").Append(Encode(subject)).Append("</title></head>")
            .Append("<body style=\"margin:0;background:#f4f5f7;font-family:Arial,Helvetica,sans-serif;color:#1b1f24\">")
            .Append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\"><tr><td align=\"center\" style=\"padding:16px\">")
            .Append("<table role=\"presentation\" width=\"100%\" style=\"max-width:560px;background:#ffffff;border-radius:8px;overflow:hidden\">")
            .Append("<tr><td style=\"background:").Append(color).Append(";color:").Append(BrandColor.TextOn(color)).Append(";padding:16px 20px;font-size:18px;font-weight:bold\">");
        if (school.LogoUpdatedAt is { } logoVersion)
        {
            var logo = new Uri(schoolUri, $"/branding/logo?v={logoVersion.ToUnixTimeSeconds()}");
            html.Append("<img src=\"").Append(Encode(logo.ToString())).Append("\" alt=\"\" height=\"32\" style=\"vertical-align:middle;margin-right:8px;background:#fff;border-radius:4px\">");
        }
        html.Append(Encode(school.Name)).Append("</td></tr>")
            .Append("<tr><td style=\"padding:20px\"><h1 style=\"font-size:20px;margin:0 0 12px\">").Append(Encode(heading)).Append("</h1>");
        foreach (var line in lines)
        {
            html.Append("<p style=\"font-size:16px;line-height:1.5;margin:0 0 12px\">").Append(Encode(line)).Append("</p>");
        }
        if (action is not null)
        {
            html.Append("<p style=\"margin:20px 0\"><a href=\"").Append(Encode(action.Url.ToString()))
                .Append("\" style=\"background:").Append(color)
                .Append(";color:").Append(BrandColor.TextOn(color)).Append(";padding:12px 18px;border-radius:6px;text-decoration:none;font-weight:bold;display:inline-block\">")
                .Append(Encode(action.Label)).Append("</a></p>")
                .Append("<p style=\"font-size:13px;color:#555\">").Append(Encode(action.Url.ToString())).Append("</p>");
        }
        html.Append("</td></tr><tr><td style=\"padding:12px 20px;font-size:12px;color:#555;border-top:1px solid #e3e5e8\">")
            .Append(Encode(footer)).Append(" <a href=\"").Append(Encode(schoolUri.ToString())).Append("\" style=\"color:#555\">")
            .Append(Encode(schoolUri.Host)).Append("</a></td></tr></table></td></tr></table></body></html>");

        var plain = new StringBuilder();
        plain.AppendLine(school.Name).AppendLine().AppendLine(heading).AppendLine();
        foreach (var line in lines)
        {
            plain.AppendLine(line).AppendLine();
        }
        if (action is not null)
        {
            plain.AppendLine($"{action.Label}: {action.Url}").AppendLine();
        }
        plain.AppendLine("-- ").AppendLine($"{footer} {schoolUri}");

        return new EmailMessage(kind, toAddress, toName, subject, html.ToString(), plain.ToString());
    }

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}

public sealed record EmailAction(string Label, Uri Url);

/// <summary>Resource anchor for e-mail texts.</summary>
public sealed class EmailText;
