using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Schoolplein.Tenant.Web.Shared;

/// <summary>
/// What the confirmation step shows: the question, the button that does it, and the fields of
/// the original form, which that button sends again (to the same URL) with <c>confirmed=true</c>.
/// </summary>
public sealed record ConfirmationView(string Title, string Question, string ConfirmLabel, string BackUrl, IReadOnlyList<KeyValuePair<string, string>> Fields);

/// <summary>
/// Irreversible actions (cancel, delete, withdraw, revoke) ask first. The handler checks that the
/// action is possible for this user, then, unless the form says <c>confirmed=true</c>, answers with
/// <see cref="Ask"/> instead of acting. The question is a plain page with a form, so it works
/// without JavaScript; nothing changes until the second POST.
/// </summary>
public static class Confirmation
{
    public const string Field = "confirmed";
    private const string ViewName = "/Shared/Confirm.cshtml";

    public static bool IsConfirmed(this PageModel page) =>
        page.Request.HasFormContentType && page.Request.Form[Field] == "true";

    /// <summary>
    /// The confirmation step for the POST being handled. <paramref name="backUrl"/>: where "no"
    /// leads (default: the page itself, as GET).
    /// </summary>
    public static IActionResult Ask(this PageModel page, string title, string question, string confirmLabel, string? backUrl = null)
    {
        var fields = page.Request.Form
            .Where(f => f.Key is not ("__RequestVerificationToken" or Field))
            .SelectMany(f => f.Value.Select(v => new KeyValuePair<string, string>(f.Key, v ?? "")))
            .ToList();
        var view = new ConfirmationView(title, question, confirmLabel, backUrl ?? page.Request.Path, fields);
        return new ViewResult
        {
            ViewName = ViewName,
            ViewData = new ViewDataDictionary<ConfirmationView>(page.ViewData, view) { ["Title"] = title },
        };
    }
}
