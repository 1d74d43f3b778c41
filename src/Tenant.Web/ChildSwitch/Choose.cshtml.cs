using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Schoolplein.Tenant.Web.Shared;

namespace Schoolplein.Tenant.Web.ChildSwitch;

/// <summary>
/// The header's child switcher: <c>/kind/{pupilId}</c> remembers one of the viewer's children, <c>/kind/alle</c>
/// goes back to all children; both return to the local address in <c>terug</c> (anything else goes to the start page).
/// Links, not a form, so the switcher works without script. A child that is not the viewer's (another family's,
/// another school's, archived or unknown) is 404 and sets nothing, so the answer does not tell whether the id exists.
/// </summary>
public sealed class ChooseModel(ChildChoice choice) : PageModel
{
    public const string All = "alle";

    public async Task<IActionResult> OnGetAsync(string pupilId, string? terug, CancellationToken ct)
    {
        if (pupilId == All)
        {
            ChildChoice.Forget(Response);
        }
        else if (Guid.TryParse(pupilId, out var id) && (await choice.ChildrenAsync(ct)).Any(c => c.Id == id))
        {
            ChildChoice.Remember(Response, id);
        }
        else
        {
            return NotFound();
        }
        return LocalRedirect(LocalUrl.OrDefault(Url, terug, "/"));
    }

    /// <summary>
    /// The switcher's link for <paramref name="pupilId"/> (null: all children) from the page at <paramref name="path"/> and
    /// <paramref name="query"/>. The page's own <c>child</c> filter is left out of the way back, or it would override the new choice.
    /// </summary>
    public static string Link(Guid? pupilId, PathString path, QueryString query)
    {
        var back = path.Value ?? "/";
        var rest = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query.Value)
            .Where(p => !string.Equals(p.Key, "child", StringComparison.OrdinalIgnoreCase) && !string.Equals(p.Key, "after", StringComparison.OrdinalIgnoreCase))
            .SelectMany(p => p.Value.Select(v => KeyValuePair.Create(p.Key, v)))
            .ToList();
        if (rest.Count > 0)
        {
            back += QueryString.Create(rest).Value;
        }
        var target = pupilId is { } id ? id.ToString() : All;
        return back == "/" ? $"/kind/{target}" : $"/kind/{target}?terug={Uri.EscapeDataString(back)}";
    }
}
