using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
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
/// with Stripe.net's EventUtility against the app's clock; the school is found by the stored
/// customer id; each event id is processed once; an event older than the newest one applied to
/// that school changes nothing, so duplicates and any order are harmless.
/// </summary>
public static class StripeWebhook
{
    public const string Path = "/webhooks/stripe";

    /// <summary>Stripe's own default: a signature older than five minutes is a replay.</summary>
    public const long ToleranceSeconds = 300;

    public static IEndpointRouteBuilder MapStripeWebhook(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, async (HttpRequest request, BillingEvents events, IOptions<BillingOptions> options, TimeProvider time, CancellationToken ct) =>
        {
            if (!options.Value.IsConfigured)
            {
                return Results.NotFound();
            }
            var signature = request.Headers["Stripe-Signature"].ToString();
            if (string.IsNullOrWhiteSpace(signature))
            {
                // Stripe.net throws a NullReferenceException on a missing header (a 500); it is a bad request.
                return Results.BadRequest();
            }
            using var reader = new StreamReader(request.Body);
            var json = await reader.ReadToEndAsync(ct);
            Event stripeEvent;
            try
            {
                // The tolerance is measured on the app's clock (TimeProvider), not the machine's.
                stripeEvent = EventUtility.ConstructEvent(json, signature, options.Value.WebhookSecret,
                    ToleranceSeconds, time.GetUtcNow().ToUnixTimeSeconds(), throwOnApiVersionMismatch: false);
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

/// <summary>
/// Applies Stripe events to a school's billing state (and its status when payment resumes).
/// The event record, the school's change and their audit entries are written in ONE
/// transaction: a failure anywhere leaves no record, so Stripe's retry applies the event
/// instead of being answered "duplicate".
/// </summary>
public sealed class BillingEvents(BackofficeDb backoffice, SchoolpleinDb catalog, SchoolRegistry registry, AuditLog audit, IOptions<BillingOptions> options, TimeProvider time)
{
    public async Task<string> ProcessAsync(Event stripeEvent, CancellationToken ct)
    {
        if (await backoffice.StripeEvents.AsNoTracking().AnyAsync(e => e.Id == stripeEvent.Id, ct))
        {
            return "duplicate";
        }
        // Both contexts work on the catalogue's connection and transaction (same database, same
        // role in the backoffice); the execution strategy reruns the whole unit if it retries.
        var strategy = catalog.Database.CreateExecutionStrategy();
        (string Outcome, Guid? TenantId) result;
        try
        {
            result = await strategy.ExecuteAsync(() => ApplyInTransactionAsync(stripeEvent, ct));
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // The same event delivered twice at once: the other delivery applied it; this one rolled back.
            catalog.ChangeTracker.Clear();
            backoffice.ChangeTracker.Clear();
            return "duplicate";
        }
        if (result.Outcome == "applied" && result.TenantId is { } tenantId)
        {
            // After commit only: other instances reload the school when told, and must see the change.
            await registry.AnnounceChangeAsync(tenantId, ct);
        }
        return result.Outcome;
    }

    private async Task<(string Outcome, Guid? TenantId)> ApplyInTransactionAsync(Event stripeEvent, CancellationToken ct)
    {
        catalog.ChangeTracker.Clear();
        backoffice.ChangeTracker.Clear();
        await using var transaction = await catalog.Database.BeginTransactionAsync(ct);
        if (backoffice.Database.GetDbConnection() != catalog.Database.GetDbConnection())
        {
            backoffice.Database.SetDbConnection(catalog.Database.GetDbConnection(), contextOwnsConnection: false);
        }
        await backoffice.Database.UseTransactionAsync(transaction.GetDbTransaction(), ct);
        try
        {
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
            // Recorded first: a concurrent delivery of the same id waits on the primary key here
            // and then fails as a duplicate (rolling back its own copy of the effect).
            backoffice.StripeEvents.Add(new StripeEventRecord
            {
                Id = stripeEvent.Id,
                Type = stripeEvent.Type,
                TenantId = tenant?.Id,
                Created = created,
                ReceivedAt = time.GetUtcNow(),
                Outcome = outcome,
            });
            await backoffice.SaveChangesAsync(ct);
            if (tenant is not null && outcome == "applied")
            {
                var revived = false;
                if (tenant.BillingStatus == BillingStatus.Active && tenant.Status == TenantStatus.Suspended && tenant.SuspendedForBilling)
                {
                    // Paid again: a school suspended for not paying comes back. One that staff
                    // suspended by hand stays suspended; only staff lift that.
                    tenant.Status = TenantStatus.Active;
                    tenant.SuspendedForBilling = false;
                    revived = true;
                }
                await catalog.SaveChangesAsync(ct);
                if (change is not null)
                {
                    await audit.RecordAsync("billing." + stripeEvent.Type, tenant.Id, change, systemActor: AuditLog.SystemStripe, ct: ct);
                }
                if (revived)
                {
                    await audit.RecordAsync("school.status", tenant.Id, "Suspended → Active (paid)", systemActor: AuditLog.SystemStripe, ct: ct);
                }
            }
            await transaction.CommitAsync(ct);
            return (outcome, tenant?.Id);
        }
        finally
        {
            await backoffice.Database.UseTransactionAsync(null, ct);
        }
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
        var suspended = 0;
        foreach (var id in due)
        {
            // Marked as a billing suspension (not staff's), so that paying lifts it again.
            // The WHERE repeats the conditions: a school staff changed meanwhile is left alone.
            var changed = await db.Tenants
                .Where(t => t.Id == id && t.Status == TenantStatus.Active && t.BillingStatus == BillingStatus.PastDue && t.GraceUntil != null && t.GraceUntil <= now)
                .ExecuteUpdateAsync(u => u
                    .SetProperty(t => t.Status, TenantStatus.Suspended)
                    .SetProperty(t => t.SuspendedForBilling, true)
                    .SetProperty(t => t.UpdatedAt, now), ct);
            if (changed == 1)
            {
                suspended++;
                await registry.AnnounceChangeAsync(id, ct);
                await audit.RecordAsync("school.status", id, "Active → Suspended (unpaid after grace period)", systemActor: AuditLog.SystemStripe, ct: ct);
            }
        }
        return suspended;
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
