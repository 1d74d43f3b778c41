using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Schoolplein.Platform.Forms;

/// <summary>
/// Adds a fresh <see cref="FormKeys.FieldName"/> to every <c>&lt;form method="post"&gt;</c> a Razor
/// view renders, next to the antiforgery token, so new forms are covered without any code of
/// their own. Each rendering gets its own key: a page shown again after a validation error can
/// be sent again, the same rendered form only once.
/// </summary>
[HtmlTargetElement("form")]
public sealed class FormKeyTagHelper : TagHelper
{
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        // The framework's FormTagHelper binds "method" itself, so read it from the markup, not the output.
        var method = context.AllAttributes.TryGetAttribute("method", out var attribute) ? attribute.Value?.ToString() : null;
        if (!string.Equals(method, "post", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }
        output.PostContent.AppendHtml($"<input name=\"{FormKeys.FieldName}\" type=\"hidden\" value=\"{FormKeys.New()}\">");
    }
}
