using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Schoolplein.Platform.Calendar;
using Schoolplein.Platform.Identity;

namespace Schoolplein.Tenant.Web.Calendar;

/// <summary>"Zet in mijn agenda": one event as an .ics file, for users who can see the event (others get 404).</summary>
public sealed class AddToCalendarModel(CurrentUser viewer, CalendarService calendar) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await calendar.EventFileAsync(viewer.Id, viewer.IsAdmin, id, ct) is not { } file)
        {
            return NotFound();
        }
        Response.Headers.CacheControl = "private, no-store";
        return File(Encoding.UTF8.GetBytes(file.Ics), CalendarFeedWriter.ContentType, FileName(file.Title));
    }

    /// <summary>The title as a plain file name ("Kerstviering groep 3!" → "kerstviering-groep-3.ics").</summary>
    public static string FileName(string title)
    {
        var name = new StringBuilder();
        foreach (var c in title.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                name.Append(char.ToLowerInvariant(c));
            }
            else if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark
                && name.Length > 0 && name[^1] != '-')
            {
                name.Append('-');
            }
            if (name.Length >= 60)
            {
                break;
            }
        }
        var text = name.ToString().Trim('-');
        return (text.Length == 0 ? "agenda" : text) + ".ics";
    }
}
