using Schoolplein.Platform;
using Schoolplein.Platform.Forms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Schools;
using Schoolplein.Platform.Timeline;
using Schoolplein.Platform.Localization;

namespace Schoolplein.Tenant.Web.Timeline;

/// <summary>
/// Read receipts of one urgent message for staff: reach per child and per guardian, a chart,
/// a reminder to the unread, the escalation plan and (after it) the families to phone.
/// Admins see every urgent message, teachers their own and those of their groups.
/// </summary>
[Authorize(Roles = Roles.Staff)]
public sealed class ReadOverviewModel(CurrentUser viewer, UrgentMessages urgent, TenantSettingsStore<SchoolSettings> settings, IStringLocalizer<UrgentText> text) : PageModel, IShowsError
{
    public UrgentOverview Overview { get; private set; } = null!;
    public TimeSpan EscalationInterval { get; private set; }
    public string? Status { get; private set; }
    public string? Error { get; private set; }


    public async Task<IActionResult> OnGetAsync(Guid id, string? sent, CancellationToken ct)
    {
        if (int.TryParse(sent, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count))
        {
            Status = text.Plural("RemindSent", count);
        }
        return await ShowAsync(id, ct);
    }

    public async Task<IActionResult> OnPostRemindAsync(Guid id, CancellationToken ct)
    {
        var outcome = await urgent.RemindAsync(viewer, id, ct);
        if (outcome is null)
        {
            return NotFound();
        }
        if (outcome.Succeeded)
        {
            // Post/redirect/get: reloading the page does not send again.
            return LocalRedirect($"{TimelineNotifications.ReadOverviewLink(id)}?sent={outcome.Value}");
        }
        var message = text.Text(outcome.Problems[0]);
        if (outcome.Error == UrgentMessages.RemindEveryoneRead)
        {
            Status = message;
        }
        else
        {
            Error = message;
        }
        return await ShowAsync(id, ct);
    }

    private async Task<IActionResult> ShowAsync(Guid id, CancellationToken ct)
    {
        var overview = await urgent.OverviewAsync(viewer, id, ct);
        if (overview is null)
        {
            return NotFound();
        }
        Overview = overview;
        EscalationInterval = TimeSpan.FromMinutes((await settings.GetAsync(ct)).UrgentEscalationMinutes);
        return Page();
    }
}
