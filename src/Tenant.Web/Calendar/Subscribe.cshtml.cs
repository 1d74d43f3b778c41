using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Schoolplein.Platform.Calendar;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Modules;

namespace Schoolplein.Tenant.Web.Calendar;

/// <summary>
/// The personal iCal feed: create a secret link (shown once: only its hash is stored),
/// replace it with a new one, or switch it off.
/// </summary>
public sealed class SubscribeModel(CalendarService calendar) : PageModel
{
    public bool HasFeed { get; private set; }
    public Uri? NewFeedUri { get; private set; }
    public bool Revoked { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => HasFeed = await calendar.HasFeedAsync(User.UserId(), ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var token = await calendar.IssueFeedTokenAsync(User.UserId(), ct);
        NewFeedUri = calendar.FeedUri(token);
        HasFeed = true;
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(CancellationToken ct)
    {
        await calendar.RevokeFeedAsync(User.UserId(), ct);
        Revoked = true;
        return Page();
    }

    public string Webcal(Uri uri) => "webcal://" + uri.Authority + uri.PathAndQuery;
}
