using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Notifications;
using Schoolplein.Platform.Tenancy;
using Schoolplein.Platform.Localization;

namespace Schoolplein.Tenant.Web.Notifications;

/// <summary>The school's dead letters: deliveries (e-mail, push) that gave up, with a retry.</summary>
[Authorize(Roles = Roles.SchoolAdmin)]
public sealed class DeliveriesModel(DeliveryProblems problems, TenantContext tenant) : PageModel
{
    public IReadOnlyList<DeadDelivery> Items { get; private set; } = [];
    public bool Retried { get; private set; }

    public string Local(DateTimeOffset at) =>
        DateText.ShortWithTime(TimeZoneInfo.ConvertTime(at, tenant.Required.TimeZoneInfo).DateTime);

    public async Task OnGetAsync(bool retried, CancellationToken ct)
    {
        Retried = retried;
        Items = await problems.DeadAsync(200, ct);
    }

    public async Task<IActionResult> OnPostRetryAsync(string channel, Guid id, CancellationToken ct) =>
        await problems.RetryAsync(channel, id, ct) ? RedirectToPage(new { retried = true }) : NotFound();

    public async Task<IActionResult> OnPostRetryAllAsync(CancellationToken ct)
    {
        await problems.RetryAsync(DeliveryProblems.EmailChannelName, null, ct);
        await problems.RetryAsync(DeliveryProblems.PushChannelName, null, ct);
        return RedirectToPage(new { retried = true });
    }
}
