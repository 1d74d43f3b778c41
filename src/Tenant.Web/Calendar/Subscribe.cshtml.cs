using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using QRCoder;
using Schoolplein.Platform.Calendar;
using Schoolplein.Platform.Identity;

namespace Schoolplein.Tenant.Web.Calendar;

/// <summary>
/// The personal iCal feed: the current link (to copy, as a <c>webcal:</c> link and as a QR code),
/// making one, replacing it (only with an explicit confirmation: the old one stops working) and
/// switching it off. Every change is a POST followed by a redirect, so reloading changes nothing.
/// </summary>
public sealed class SubscribeModel(CurrentUser viewer, CalendarFeeds feeds, IStringLocalizer<CalendarText> text) : PageModel
{
    public FeedLink Link { get; private set; } = new(false, null);

    /// <summary>What the last change did (a resource key), shown once after the redirect.</summary>
    [TempData]
    public string? FeedStatus { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Link = await feeds.CurrentAsync(viewer.Id, ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        await feeds.CreateAsync(viewer.Id, ct);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRegenerateAsync(bool confirm, CancellationToken ct)
    {
        if (!confirm)
        {
            ModelState.AddModelError("Confirm", text["FeedRegenerateUnconfirmed"]);
            Link = await feeds.CurrentAsync(viewer.Id, ct);
            return Page();
        }
        await feeds.ReplaceAsync(viewer.Id, ct);
        FeedStatus = "FeedRegenerated";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRevokeAsync(CancellationToken ct)
    {
        await feeds.RevokeAsync(viewer.Id, ct);
        FeedStatus = "FeedRevoked";
        return RedirectToPage();
    }

    /// <summary>A QR code of the link as a PNG data URI (drawn here: no outside service sees the secret link).</summary>
    public string QrDataUri(Uri link)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(link.ToString(), QRCodeGenerator.ECCLevel.M);
        return "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(4));
    }
}
