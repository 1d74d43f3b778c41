using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Schoolplein.Platform.Identity;

namespace Schoolplein.Tenant.Web.Account.Settings;

/// <summary>
/// The devices this account is signed in on (one <see cref="UserSession"/> per sign-in): sign out this
/// device, or every other one. Both take effect on the other device's next request.
/// </summary>
public sealed class SessionsModel(CurrentUser viewer, UserSessions sessions, SignInManager<AppUser> signIn) : PageModel
{
    private static readonly TimeZoneInfo SchoolZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    public IReadOnlyList<SessionSummary> Sessions { get; private set; } = [];
    public int SignedOut { get; private set; } = -1;

    public static DateTime Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, SchoolZone).DateTime;

    public async Task OnGetAsync(CancellationToken ct) =>
        Sessions = await sessions.ListAsync(viewer.Id, viewer.SessionId, ct);

    public async Task<IActionResult> OnPostThisDeviceAsync()
    {
        await signIn.SignOutAsync();
        return Redirect("/Account/SignIn");
    }

    public async Task<IActionResult> OnPostOthersAsync(CancellationToken ct)
    {
        SignedOut = await sessions.RevokeOthersAsync(viewer.Id, viewer.SessionId, ct);
        Sessions = await sessions.ListAsync(viewer.Id, viewer.SessionId, ct);
        return Page();
    }
}
