using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Schoolplein.Platform.Billing;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Tenancy;

namespace Schoolplein.Tenant.Web.Billing;

/// <summary>The school admin's billing page: status, and links to Stripe Checkout and the customer portal.</summary>
[Authorize(Roles = Roles.SchoolAdmin)]
public sealed class IndexModel(StripeBilling billing, SchoolpleinDb db, TenantContext tenant, IOptions<TenancyOptions> tenancy) : PageModel
{
    public bool Configured => billing.IsConfigured;
    public BillingStatus Status { get; private set; }
    public DateTimeOffset? GraceUntil { get; private set; }
    public bool HasCustomer { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var row = await db.Tenants.AsNoTracking().Where(t => t.Id == tenant.Required.Id)
            .Select(t => new { t.BillingStatus, t.GraceUntil, t.StripeCustomerId }).SingleAsync(ct);
        (Status, GraceUntil, HasCustomer) = (row.BillingStatus, row.GraceUntil, row.StripeCustomerId is not null);
    }

    public Task<IActionResult> OnPostPortalAsync(CancellationToken ct) => RedirectToStripeAsync(billing.PortalUrlAsync, ct);

    public Task<IActionResult> OnPostCheckoutAsync(CancellationToken ct) => RedirectToStripeAsync(billing.CheckoutUrlAsync, ct);

    private async Task<IActionResult> RedirectToStripeAsync(Func<string, Uri, CancellationToken, Task<Uri?>> create, CancellationToken ct)
    {
        var customer = await db.Tenants.AsNoTracking().Where(t => t.Id == tenant.Required.Id).Select(t => t.StripeCustomerId).SingleAsync(ct);
        if (!billing.IsConfigured || customer is null)
        {
            return NotFound();
        }
        var url = await create(customer, tenancy.Value.SchoolUri(tenant.Required.Slug, "/beheer/betaling"), ct);
        return url is null ? NotFound() : Redirect(url.ToString());
    }
}
