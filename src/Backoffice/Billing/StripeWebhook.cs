using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Schoolplein.Backoffice.Audit;
using Schoolplein.Backoffice.Persistence;
using Schoolplein.Platform.Billing;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Tenancy;
using Stripe;

namespace Schoolplein.Backoffice.Billing;

/// <summary>
/// Stripe's webhook: one endpoint, no school in the URL or host. The signature is checked
/// with Stripe.net's EventUtility; the school is found by the stored customer id; each event
/// id is processed once; an event older than the newest one applied to that school changes
/// nothing, so duplicates and any order are harmless.
/// </summary>
public static class StripeWebhook
{
    public const string Path = "/webhooks/stripe";

    public static IEndpointRouteBuilder MapStripeWebhook(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, async (HttpRequest request, BillingEvents events, IOptions<BillingOptions> options, CancellationToken ct) =>
        {
            if (!options.Value.IsConfigured)
            {
                return Results.NotFound();
            }
            using var reader = new StreamReader(request.Body);
            var json = await reader.ReadToEndAsync(ct);
            Event stripeEvent;
            try
            {
                stripeEvent = EventUtility.ConstructEvent(json, request.Headers["Stripe-Signature"], options.Value.WebhookSecret,
                    tolerance: 300, throwOnApiVersionMismatch: false);
            }
            catch (StripeException)
            {
                return Results.BadRequest();
            }
            var outcome = await events.ProcessAsync(stripeEvent, ct);
            return Results.Ok(new { received = true, outcome });
        }).AllowAnonymous().DisableAntiforgery();
        return app;
    }
}

/// <summary>Applies Stripe events to a school's billing state (and its status when payment resumes).</summary>
public sealed class BillingEvents(BackofficeDb backoffice, SchoolpleinDb catalog, SchoolRegistry registry, AuditLog audit, IOptions<BillingOptions> options, TimeProvider time)
{
    public async Task<string> ProcessAsync(Event stripeEvent, CancellationToken ct)
    {
        if (await backoffice.Set<StripeEventRecord>().AnyAsync(e => e.Id == stripeEvent.Id, ct))
        {
            return "duplicate";
        }
        var customerId = stripeEvent.Data.Object switch
        {
            Invoice invoice => invoice.CustomerId,
            Subscription subscription => subscription.CustomerId,
            _ => null,
        };
        var tenant = customerId is null ? null : await catalog.Tenants.FirstOrDefaultAsync(t => t.StripeCustomerId == customerId, ct);
        var created = new DateTimeOffset(DateTime.SpecifyKind(stripeEvent.Created, DateTimeKind.Utc));
        string outcome;
        string? change = null;
        if (tenant is null)
        {
            outcome = customerId is null ? "ignored" : "unknown-customer";
        }
        else if (tenant.BillingEventAt is { } newest && created < newest)
        {
            outcome = "stale";
        }
        else
        {
            (outcome, change) = Apply(tenant, stripeEvent, created);
        }
        backoffice.Set<StripeEventRecord>().Add(new StripeEventRecord
        {
            Id = stripeEvent.Id,
            Type = stripeEvent.Type,
            TenantId = tenant?.Id,
            Created = created,
            ReceivedAt = time.GetUtcNow(),
            Outcome = outcome,
        });
        try
        {
            await backoffice.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // The same event delivered twice at once: the other delivery handles it.
            return "duplicate";
        }
        if (tenant is not null && outcome == "applied")
        {
            await catalog.SaveChangesAsync(ct);
            catalog.ChangeTracker.Clear();
            await registry.AnnounceChangeAsync(tenant.Id, ct);
            if (change is not null)
            {
                await audit.RecordAsync("billing." + stripeEvent.Type, tenant.Id, change, systemActor: AuditLog.SystemStripe, ct: ct);
            }
            if (tenant.BillingStatus == BillingStatus.Active && tenant.Status == TenantStatus.Suspended)
            {
                // Paid again: the school comes back.
                var (result, _) = await registry.SetStatusAsync(tenant.Id, TenantStatus.Active, ct);
                if (result.Succeeded)
                {
                    await audit.RecordAsync("school.status", tenant.Id, "Suspended → Active (paid)", systemActor: AuditLog.SystemStripe, ct: ct);
                }
            }
        }
        return outcome;
    }

    private (string Outcome, string? Change) Apply(Platform.Tenancy.Tenant tenant, Event stripeEvent, DateTimeOffset created)
    {
        var before = tenant.BillingStatus;
        switch (stripeEvent.Type)
        {
            case EventTypes.InvoicePaymentFailed:
                if (tenant.BillingStatus != BillingStatus.PastDue)
                {
                    tenant.BillingStatus = BillingStatus.PastDue;
                    tenant.GraceUntil = time.GetUtcNow().AddDays(options.Value.GraceDays);
                }
                break;
            case EventTypes.InvoicePaid:
            case EventTypes.InvoicePaymentSucceeded:
                tenant.BillingStatus = BillingStatus.Active;
                tenant.GraceUntil = null;
                break;
            case EventTypes.CustomerSubscriptionDeleted:
                tenant.BillingStatus = BillingStatus.Canceled;
                break;
            case EventTypes.CustomerSubscriptionCreated:
            case EventTypes.CustomerSubscriptionUpdated:
                var subscription = (Subscription)stripeEvent.Data.Object;
                tenant.StripeSubscriptionId ??= subscription.Id;
                if (subscription.Status is "active" or "trialing")
                {
                    tenant.BillingStatus = BillingStatus.Active;
                    tenant.GraceUntil = null;
                }
                else if (subscription.Status is "past_due" or "unpaid" && tenant.BillingStatus != BillingStatus.PastDue)
                {
                    tenant.BillingStatus = BillingStatus.PastDue;
                    tenant.GraceUntil = time.GetUtcNow().AddDays(options.Value.GraceDays);
                }
                else if (subscription.Status is "canceled")
                {
                    tenant.BillingStatus = BillingStatus.Canceled;
                }
                break;
            default:
                return ("ignored", null);
        }
        tenant.BillingEventAt = created;
        tenant.UpdatedAt = time.GetUtcNow();
        return ("applied", before == tenant.BillingStatus ? null : $"{before} → {tenant.BillingStatus}");
    }
}

/// <summary>
/// Suspends schools whose grace period after a failed payment has ended. Runs in the
/// backoffice (only its role may change the catalogue) every few minutes; idempotent.
/// </summary>
public sealed class BillingGraceSweeper(IServiceScopeFactory scopes, TimeProvider time, IOptions<BillingSweepOptions> options) : BackgroundService
{
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SchoolpleinDb>();
        var now = time.GetUtcNow();
        var due = await db.Tenants.AsNoTracking()
            .Where(t => t.BillingStatus == BillingStatus.PastDue && t.GraceUntil != null && t.GraceUntil <= now && t.Status == TenantStatus.Active)
            .Select(t => t.Id).ToListAsync(ct);
        var registry = scope.ServiceProvider.GetRequiredService<SchoolRegistry>();
        var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
        foreach (var id in due)
        {
            var (result, previous) = await registry.SetStatusAsync(id, TenantStatus.Suspended, ct);
            if (result.Succeeded && previous != TenantStatus.Suspended)
            {
                await audit.RecordAsync("school.status", id, "Active → Suspended (unpaid after grace period)", systemActor: AuditLog.SystemStripe, ct: ct);
            }
        }
        return due.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.IntervalSeconds <= 0)
        {
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.IntervalSeconds), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await SweepAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}

public sealed class BillingSweepOptions
{
    public const string SectionName = "Billing:Sweep";

    /// <summary>How often the backoffice checks for ended grace periods; 0 turns the timer off (tests call SweepAsync).</summary>
    public int IntervalSeconds { get; set; } = 300;
}
