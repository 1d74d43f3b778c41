using Microsoft.EntityFrameworkCore;
using Schoolplein.Backoffice.Audit;
using Schoolplein.Platform;
using Schoolplein.Platform.Billing;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Tenancy;

namespace Schoolplein.Backoffice.Schools;

/// <summary>
/// The billing actions on a school's page (Finance, Admin): start the Stripe customer and per-pupil
/// subscription, or sync the pupil count now. Each is audited; a refusal says why.
/// </summary>
public sealed class SchoolBillingSetup(SchoolpleinDb db, StripeBilling billing, SchoolRegistry registry, AuditLog audit)
{
    public bool IsConfigured => billing.IsConfigured;

    public async Task<Outcome> SubscribeAsync(Guid id, CancellationToken ct)
    {
        var tenant = await db.Tenants.AsNoTracking().SingleAsync(t => t.Id == id, ct);
        if (!billing.IsConfigured || tenant.StripeSubscriptionId is not null)
        {
            return Outcome.Refused(billing.IsConfigured ? "BillingExists" : "BillingNotConfigured");
        }
        var (customer, subscription, status) = await billing.CreateSubscriptionAsync(id, tenant.Name, tenant.ContactEmail, tenant.Plan, tenant.StripeCustomerId, ct);
        await registry.SetBillingAccountAsync(id, customer, subscription, status is "active" or "trialing" ? BillingStatus.Active : BillingStatus.None, ct);
        await audit.RecordAsync("billing.subscription_created", id, $"{customer} {subscription} ({status})", ct: ct);
        return Outcome.Done;
    }

    public async Task SyncQuantityAsync(Guid id, CancellationToken ct)
    {
        var quantity = await billing.SyncQuantityAsync(id, ct);
        await audit.RecordAsync("billing.quantity", id, quantity?.ToString(System.Globalization.CultureInfo.InvariantCulture), ct: ct);
    }
}

/// <summary>What the school's page shows: the school, its edit form filled in, the go-live checklist and the billable pupils.</summary>
public sealed class SchoolDetailsReader(SchoolpleinDb db, Microsoft.Extensions.Options.IOptions<TenancyOptions> tenancy, SchoolOnboarding onboarding, StripeBilling billing)
{
    public sealed record Details(DetailsModel.SchoolView School, SchoolForm Form, IReadOnlyList<ChecklistItem> Checklist, int Quantity);

    public Task<bool> ExistsAsync(Guid id, CancellationToken ct) => db.Tenants.AnyAsync(t => t.Id == id, ct);

    public async Task<Details?> LoadAsync(Guid id, CancellationToken ct)
    {
        var tenant = await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, ct);
        if (tenant is null)
        {
            return null;
        }
        var school = new DetailsModel.SchoolView(tenant.Id, tenant.Slug, tenant.Name, tenant.Status, tenancy.Value.SchoolUri(tenant.Slug), tenant.Modules,
            tenant.LogoUpdatedAt, tenant.BillingStatus, tenant.GraceUntil, tenant.StripeCustomerId, tenant.LettersPrintedAt, tenant.StripeSubscriptionId,
            tenant.SuspendedForBilling);
        var form = new SchoolForm
        {
            Name = tenant.Name,
            Slug = tenant.Slug,
            PrimaryColor = tenant.PrimaryColor,
            Locale = tenant.Locale,
            TimeZone = tenant.TimeZone,
            Address = tenant.Address,
            Phone = tenant.Phone,
            ContactEmail = tenant.ContactEmail,
            Plan = tenant.Plan,
            Modules = tenant.Modules,
        };
        return new Details(school, form, await onboarding.ChecklistAsync(id, ct), await billing.ActivePupilsAsync(id, ct));
    }
}
