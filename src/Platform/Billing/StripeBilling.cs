using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Schoolplein.Platform.Jobs;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Tenancy;
using Stripe;

namespace Schoolplein.Platform.Billing;

public sealed class BillingOptions
{
    public const string SectionName = "Billing";

    /// <summary>Stripe secret key. Without it (and the webhook secret) billing shows "not configured" and the rest works.</summary>
    public string? SecretKey { get; set; }
    public string? WebhookSecret { get; set; }
    /// <summary>Only for tests and local stand-ins: where the Stripe API is.</summary>
    public string? ApiBase { get; set; }
    /// <summary>Stripe price id per plan (<see cref="SchoolPlans"/>), priced per active pupil.</summary>
    public Dictionary<string, string> Prices { get; set; } = [];
    /// <summary>Days a school may stay unpaid after a failed payment before it is suspended.</summary>
    public int GraceDays { get; set; } = 14;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(SecretKey) && !string.IsNullOrWhiteSpace(WebhookSecret);
}

/// <summary>
/// A school's Stripe customer and subscription (quantity = active pupils), and the Checkout
/// and customer-portal links for its admin. Catalogue writes (ids, status) are the
/// backoffice's; this class only talks to Stripe and counts pupils.
/// </summary>
public sealed partial class StripeBilling(IServiceProvider services, IOptions<BillingOptions> options, TenantScopeFactory scopes, ILogger<StripeBilling> logger)
{
    public bool IsConfigured => options.Value.IsConfigured;

    private IStripeClient Client => services.GetRequiredService<IStripeClient>();

    public async Task<int> ActivePupilsAsync(Guid tenantId, CancellationToken ct)
    {
        await using var scope = await scopes.BeginAsync(tenantId, ct);
        return await scope.Get<SchoolpleinDb>().Pupils.CountAsync(p => p.ArchivedAt == null, ct);
    }

    /// <summary>Creates the customer and the per-pupil subscription. Returns (customer id, subscription id, Stripe status).</summary>
    public async Task<(string CustomerId, string SubscriptionId, string Status)> CreateSubscriptionAsync(
        Guid tenantId, string schoolName, string? email, string plan, string? existingCustomerId, CancellationToken ct)
    {
        if (!options.Value.Prices.TryGetValue(plan, out var price))
        {
            throw new InvalidOperationException($"No Stripe price configured for plan {plan}.");
        }
        var quantity = await ActivePupilsAsync(tenantId, ct);
        var customerId = existingCustomerId ?? (await new CustomerService(Client).CreateAsync(new CustomerCreateOptions
        {
            Name = schoolName,
            Email = email,
            Metadata = new Dictionary<string, string> { ["tenant_id"] = tenantId.ToString() },
        }, new RequestOptions { IdempotencyKey = $"customer-{tenantId}" }, ct)).Id;
        var subscription = await new SubscriptionService(Client).CreateAsync(new SubscriptionCreateOptions
        {
            Customer = customerId,
            Items = [new SubscriptionItemOptions { Price = price, Quantity = Math.Max(quantity, 1) }],
            CollectionMethod = "charge_automatically",
            PaymentBehavior = "default_incomplete",
            Metadata = new Dictionary<string, string> { ["tenant_id"] = tenantId.ToString() },
        }, new RequestOptions { IdempotencyKey = $"subscription-{tenantId}-{customerId}" }, ct);
        return (customerId, subscription.Id, subscription.Status);
    }

    /// <summary>Sets the subscription's quantity to the school's active pupils (daily, and after imports).</summary>
    public async Task<int?> SyncQuantityAsync(Guid tenantId, CancellationToken ct)
    {
        if (!IsConfigured)
        {
            return null;
        }
        await using var scope = await scopes.BeginAsync(tenantId, ct);
        var db = scope.Get<SchoolpleinDb>();
        var subscriptionId = await db.Tenants.AsNoTracking().Where(t => t.Id == tenantId).Select(t => t.StripeSubscriptionId).FirstOrDefaultAsync(ct);
        if (subscriptionId is null)
        {
            return null;
        }
        var quantity = Math.Max(await db.Pupils.CountAsync(p => p.ArchivedAt == null, ct), 1);
        var subscriptions = new SubscriptionService(Client);
        var subscription = await subscriptions.GetAsync(subscriptionId, cancellationToken: ct);
        var item = subscription.Items.Data.FirstOrDefault();
        if (item is null || item.Quantity == quantity)
        {
            return quantity;
        }
        await new SubscriptionItemService(Client).UpdateAsync(item.Id, new SubscriptionItemUpdateOptions { Quantity = quantity }, cancellationToken: ct);
        LogQuantity(logger, quantity);
        return quantity;
    }

    /// <summary>The Stripe customer portal (payment method, invoices) for the school admin.</summary>
    public async Task<Uri?> PortalUrlAsync(string customerId, Uri returnUrl, CancellationToken ct)
    {
        var session = await new Stripe.BillingPortal.SessionService(Client).CreateAsync(new Stripe.BillingPortal.SessionCreateOptions
        {
            Customer = customerId,
            ReturnUrl = returnUrl.ToString(),
        }, cancellationToken: ct);
        return session.Url is null ? null : new Uri(session.Url);
    }

    /// <summary>Stripe Checkout in setup mode: the admin enters a payment method for the subscription.</summary>
    public async Task<Uri?> CheckoutUrlAsync(string customerId, Uri returnUrl, CancellationToken ct)
    {
        var session = await new Stripe.Checkout.SessionService(Client).CreateAsync(new Stripe.Checkout.SessionCreateOptions
        {
            Customer = customerId,
            Mode = "setup",
            Currency = "eur",
            SuccessUrl = returnUrl.ToString(),
            CancelUrl = returnUrl.ToString(),
        }, cancellationToken: ct);
        return session.Url is null ? null : new Uri(session.Url);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscription quantity set to {Quantity}")]
    private static partial void LogQuantity(ILogger logger, long quantity);
}

/// <summary>Daily per school: the subscription quantity follows the active pupils.</summary>
public sealed class BillingQuantityJob(StripeBilling billing) : ITenantJob
{
    public async Task RunAsync(Guid tenantId, CancellationToken ct) => await billing.SyncQuantityAsync(tenantId, ct);
}

public static class BillingRegistration
{
    public static IServiceCollection AddBilling(this IServiceCollection services)
    {
        services.AddOptions<BillingOptions>().BindConfiguration(BillingOptions.SectionName);
        services.AddSingleton<IStripeClient>(sp =>
        {
            var o = sp.GetRequiredService<IOptions<BillingOptions>>().Value;
            if (!o.IsConfigured)
            {
                throw new InvalidOperationException("Billing is not configured (Billing:SecretKey, Billing:WebhookSecret).");
            }
            return new StripeClient(new StripeClientOptions { ApiKey = o.SecretKey, ApiBase = string.IsNullOrWhiteSpace(o.ApiBase) ? null : o.ApiBase.TrimEnd('/') });
        });
        services.AddSingleton<StripeBilling>();
        return services;
    }
}
