using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Schoolplein.Backoffice.Billing;
using Schoolplein.Backoffice.Persistence;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Tenancy;
using Schoolplein.Testing;
using Stripe;
using Xunit;

namespace Schoolplein.Backoffice.Tests.Billing;

/// <summary>The backoffice and the school app with billing configured against a local Stripe stand-in.</summary>
public sealed class BillingApp : BackofficeTestApp
{
    public const string WebhookSecret = "whsec_test_schoolplein";
    public StripeStandIn Stripe { get; private set; } = null!;
    public BillingSchoolApp School { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        Stripe = await StripeStandIn.StartAsync();
        await base.InitializeAsync();
        School = new BillingSchoolApp(this);
        await School.InitializeAsync();
    }

    protected override void Configure(IDictionary<string, string?> settings) => Settings(settings, Stripe.BaseUri);

    public static void Settings(IDictionary<string, string?> settings, Uri stripe)
    {
        settings["Billing:SecretKey"] = "sk_test_standin";
        settings["Billing:WebhookSecret"] = WebhookSecret;
        settings["Billing:ApiBase"] = stripe.ToString();
        settings["Billing:Prices:standard"] = "price_standard";
        settings["Billing:Prices:plus"] = "price_plus";
        settings["Billing:GraceDays"] = "14";
        settings["Billing:Sweep:IntervalSeconds"] = "0";
    }

    /// <summary>Fault injection between recording a Stripe event and saving the school's change.</summary>
    public BillingFault Fault { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.AddSingleton(Fault);
            services.AddScoped<IInterceptor, BillingFaultInterceptor>();
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await School.DisposeAsync();
        await base.DisposeAsync();
        await Stripe.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

/// <summary>When armed for a school, the next save of that school's catalogue row fails (once), as a crash would.</summary>
public sealed class BillingFault
{
    private readonly Lock _lock = new();
    private Guid? _armed;

    public void Arm(Guid tenantId)
    {
        lock (_lock)
        {
            _armed = tenantId;
        }
    }

    public bool Fire(Guid tenantId)
    {
        lock (_lock)
        {
            if (_armed != tenantId)
            {
                return false;
            }
            _armed = null;
            return true;
        }
    }
}

public sealed class BillingFaultInterceptor(BillingFault fault) : SaveChangesInterceptor
{
    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        foreach (var entry in eventData.Context!.ChangeTracker.Entries<Platform.Tenancy.Tenant>())
        {
            if (entry.State == EntityState.Modified && fault.Fire(entry.Entity.Id))
            {
                throw new InvalidOperationException("Injected fault between recording the event and saving the school.");
            }
        }
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }
}

public sealed class BillingSchoolApp(BillingApp backoffice) : SchoolApp
{
    protected override Task<TestDatabase> CreateDatabaseAsync(PostgresServer server) => Task.FromResult(backoffice.Database);

    protected override void Configure(IDictionary<string, string?> settings) => BillingApp.Settings(settings, backoffice.Stripe.BaseUri);
}

public sealed class BillingTests(BillingApp app) : IClassFixture<BillingApp>
{
    private static long _events;

    private async Task<SchoolHandle> SchoolWithCustomerAsync(string slug, string customer)
    {
        var school = await app.School.CreateSchoolAsync(slug);
        await app.Database.ExecuteAsync("UPDATE tenants SET stripe_customer_id = $1, stripe_subscription_id = $2, billing_status = 'Active' WHERE id = $3", customer, "sub_" + customer, school.Id);
        app.Services.GetRequiredService<TenantCatalog>().Invalidate(school.Id, slug);
        app.School.Services.GetRequiredService<TenantCatalog>().Invalidate(school.Id, slug);
        return school;
    }

    private static string EventJson(string id, string type, string customer, DateTimeOffset created) => new System.Text.Json.Nodes.JsonObject
    {
        ["id"] = id,
        ["object"] = "event",
        ["api_version"] = "2025-01-27.acacia",
        ["created"] = created.ToUnixTimeSeconds(),
        ["livemode"] = false,
        ["pending_webhooks"] = 1,
        ["request"] = new System.Text.Json.Nodes.JsonObject { ["id"] = null, ["idempotency_key"] = null },
        ["type"] = type,
        ["data"] = new System.Text.Json.Nodes.JsonObject
        {
            ["object"] = new System.Text.Json.Nodes.JsonObject { ["id"] = "in_" + id, ["object"] = "invoice", ["customer"] = customer, ["status"] = "open" },
        },
    }.ToJsonString();

    /// <summary>
    /// Stripe's documented scheme, written here rather than taken from Stripe.net (which is
    /// what the app verifies with): <c>t=unix,v1=hex(HMAC-SHA256(secret, "t.payload"))</c>.
    /// </summary>
    private static string Sign(string json, string secret, DateTimeOffset at)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var mac = System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "." + json));
        return $"t={timestamp},v1={Convert.ToHexStringLower(mac)}";
    }

    private async Task<(HttpStatusCode Status, string Body)> SendAsync(string json, string? secret = BillingApp.WebhookSecret, DateTimeOffset? signedAt = null)
    {
        using var client = app.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, StripeWebhook.Path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("Stripe-Signature", Sign(json, secret ?? "whsec_wrong", signedAt ?? app.Now));
        try
        {
            using var response = await client.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        catch (InvalidOperationException ex) when (ex.Message.StartsWith("Injected fault", StringComparison.Ordinal))
        {
            // The test server rethrows what the app did not handle: to Stripe that is a 500.
            return (HttpStatusCode.InternalServerError, "");
        }
    }

    private Task<string> StateAsync(Guid school) =>
        app.Database.ScalarAsync<string>("SELECT status || '|' || billing_status FROM tenants WHERE id = $1", school);

    private Task<long> EventRowsAsync(string id) =>
        app.Database.ScalarAsync<long>("SELECT count(*) FROM backoffice.stripe_events WHERE id = $1", id);

    [Fact]
    public async Task APaymentDoesNotReviveASchoolThatStaffSuspendedButIsStillRecorded()
    {
        var school = await SchoolWithCustomerAsync("handmatig-geschorst", "cus_handmatig");
        using var staff = await app.SignedInClientAsync(BackofficeRoles.Onboarding);
        using (var suspend = await staff.PostFormAsync($"/Schools/Details/{school.Id}?handler=Status", new Dictionary<string, string> { ["to"] = "Suspended" }, $"/Schools/Details/{school.Id}"))
        {
            Assert.Equal(HttpStatusCode.Redirect, suspend.StatusCode);
        }
        await app.Database.ExecuteAsync("UPDATE tenants SET billing_status = 'PastDue' WHERE id = $1", school.Id);

        var paid = await SendAsync(EventJson("evt_paid_" + Interlocked.Increment(ref _events), EventTypes.InvoicePaid, "cus_handmatig", app.Now));

        Assert.Contains("applied", paid.Body);
        Assert.Equal("Suspended|Active", await StateAsync(school.Id));
        Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM backoffice.audit_entries WHERE tenant_id = $1 AND action = 'school.status' AND actor_name = 'system:stripe'", school.Id));
        var page = await staff.GetStringAsync($"/Schools/Details/{school.Id}");
        Assert.Contains("door medewerkers", page);
        Assert.DoesNotContain("Geschorst houden door medewerkers", page);

        // Staff lift their own suspension.
        using (var lift = await staff.PostFormAsync($"/Schools/Details/{school.Id}?handler=Status", new Dictionary<string, string> { ["to"] = "Active" }, $"/Schools/Details/{school.Id}"))
        {
            Assert.Equal(HttpStatusCode.Redirect, lift.StatusCode);
        }
        Assert.Equal("Active|Active", await StateAsync(school.Id));
    }

    [Fact]
    public async Task StaffCanTurnABillingSuspensionIntoTheirOwnAndThenPaymentNoLongerLiftsIt()
    {
        var school = await SchoolWithCustomerAsync("betaal-dan-staf", "cus_betaaldanstaf");
        await app.Database.ExecuteAsync("UPDATE tenants SET billing_status = 'PastDue', grace_until = $2 WHERE id = $1", school.Id, app.Now.AddMinutes(-1));
        Assert.Equal(1, await app.Services.GetRequiredService<BillingGraceSweeper>().SweepAsync(CancellationToken.None));
        using var staff = await app.SignedInClientAsync(BackofficeRoles.Onboarding);
        Assert.Contains("wegens betaling", await staff.GetStringAsync($"/Schools/Details/{school.Id}"));

        using (var keep = await staff.PostFormAsync($"/Schools/Details/{school.Id}?handler=Status", new Dictionary<string, string> { ["to"] = "Suspended" }, $"/Schools/Details/{school.Id}"))
        {
            Assert.Equal(HttpStatusCode.Redirect, keep.StatusCode);
        }
        Assert.Contains("door medewerkers", await staff.GetStringAsync($"/Schools/Details/{school.Id}"));
        await SendAsync(EventJson("evt_paid_" + Interlocked.Increment(ref _events), EventTypes.InvoicePaid, "cus_betaaldanstaf", app.Now));
        Assert.Equal("Suspended|Active", await StateAsync(school.Id));
    }

    [Fact]
    public async Task AFailureBetweenRecordingTheEventAndSavingTheSchoolLeavesNothingSoStripesRetryAppliesIt()
    {
        var school = await SchoolWithCustomerAsync("storing-school", "cus_storing");
        var id = "evt_fault_" + Interlocked.Increment(ref _events);
        var failed = EventJson(id, EventTypes.InvoicePaymentFailed, "cus_storing", app.Now);

        app.Fault.Arm(school.Id);
        var first = await SendAsync(failed);
        Assert.Equal(HttpStatusCode.InternalServerError, first.Status);
        Assert.Equal(0L, await EventRowsAsync(id));
        Assert.Equal("Active|Active", await StateAsync(school.Id));

        var retry = await SendAsync(failed);
        Assert.Equal(HttpStatusCode.OK, retry.Status);
        Assert.Contains("applied", retry.Body);
        Assert.Equal("Active|PastDue", await StateAsync(school.Id));
        Assert.Equal(1L, await EventRowsAsync(id));
        Assert.Equal(1L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM backoffice.audit_entries WHERE tenant_id = $1 AND action = 'billing.invoice.payment_failed'", school.Id));
    }

    [Fact]
    public async Task TheSameEventReplayedIsAppliedOnce()
    {
        var school = await SchoolWithCustomerAsync("herhaal-school", "cus_herhaal");
        var id = "evt_replay_" + Interlocked.Increment(ref _events);
        var failed = EventJson(id, EventTypes.InvoicePaymentFailed, "cus_herhaal", app.Now);

        var outcomes = new List<string>();
        foreach (var _ in Enumerable.Range(0, 3))
        {
            var (status, body) = await SendAsync(failed);
            Assert.Equal(HttpStatusCode.OK, status);
            outcomes.Add(body.Contains("applied", StringComparison.Ordinal) ? "applied" : body.Contains("duplicate", StringComparison.Ordinal) ? "duplicate" : body);
        }
        // Two at once, as Stripe may deliver: still one record and one effect.
        var together = await Task.WhenAll(SendAsync(failed), SendAsync(failed));

        Assert.Equal(["applied", "duplicate", "duplicate"], outcomes);
        Assert.All(together, r => Assert.Contains("duplicate", r.Body));
        Assert.Equal(1L, await EventRowsAsync(id));
        Assert.Equal(1L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM backoffice.audit_entries WHERE tenant_id = $1 AND action = 'billing.invoice.payment_failed'", school.Id));
    }

    [Fact]
    public async Task ASignatureOlderThanTheToleranceIsRefusedAndNothingIsApplied()
    {
        var school = await SchoolWithCustomerAsync("oude-handtekening", "cus_oud");
        var id = "evt_old_" + Interlocked.Increment(ref _events);
        var json = EventJson(id, EventTypes.InvoicePaymentFailed, "cus_oud", app.Now.AddMinutes(-10));

        var (status, _) = await SendAsync(json, signedAt: app.Now.AddSeconds(-StripeWebhook.ToleranceSeconds - 60));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("Active|Active", await StateAsync(school.Id));
        Assert.Equal(0L, await EventRowsAsync(id));
        // The same bytes signed now are accepted: it was the age that was refused.
        Assert.Contains("applied", (await SendAsync(json)).Body);
    }

    [Fact]
    public async Task AWebhookWithoutASignatureOrWithATamperedBodyIsRefused()
    {
        var school = await SchoolWithCustomerAsync("geknoeid-school", "cus_geknoeid");
        var id = "evt_tamper_" + Interlocked.Increment(ref _events);
        var json = EventJson(id, EventTypes.InvoicePaymentFailed, "cus_geknoeid", app.Now);
        using var client = app.Client();

        using var unsigned = await client.PostAsync(StripeWebhook.Path, new StringContent(json, Encoding.UTF8, "application/json"));
        using var tampered = new HttpRequestMessage(HttpMethod.Post, StripeWebhook.Path)
        {
            Content = new StringContent(json.Replace("cus_geknoeid", "cus_geknoeie", StringComparison.Ordinal), Encoding.UTF8, "application/json"),
        };
        tampered.Headers.Add("Stripe-Signature", Sign(json, BillingApp.WebhookSecret, app.Now));
        using var tamperedResponse = await client.SendAsync(tampered);

        Assert.Equal(HttpStatusCode.BadRequest, unsigned.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tamperedResponse.StatusCode);
        Assert.Equal("Active|Active", await StateAsync(school.Id));
        Assert.Equal(0L, await EventRowsAsync(id));
    }

    [Fact]
    public async Task AnEventForAnUnknownCustomerOrWithoutACustomerChangesNoSchool()
    {
        var school = await SchoolWithCustomerAsync("bekende-school", "cus_bekend");
        var unknownId = "evt_unknown_" + Interlocked.Increment(ref _events);
        var unknown = await SendAsync(EventJson(unknownId, EventTypes.InvoicePaymentFailed, "cus_niemand", app.Now));
        var noCustomerId = "evt_nocustomer_" + Interlocked.Increment(ref _events);
        var noCustomer = await SendAsync(new System.Text.Json.Nodes.JsonObject
        {
            ["id"] = noCustomerId,
            ["object"] = "event",
            ["api_version"] = "2025-01-27.acacia",
            ["created"] = app.Now.ToUnixTimeSeconds(),
            ["livemode"] = false,
            ["type"] = "product.created",
            ["data"] = new System.Text.Json.Nodes.JsonObject { ["object"] = new System.Text.Json.Nodes.JsonObject { ["id"] = "prod_1", ["object"] = "product", ["name"] = "x" } },
        }.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, unknown.Status);
        Assert.Contains("unknown-customer", unknown.Body);
        Assert.Equal(HttpStatusCode.OK, noCustomer.Status);
        Assert.Contains("ignored", noCustomer.Body);
        Assert.Equal("Active|Active", await StateAsync(school.Id));
        Assert.Equal(1L, await EventRowsAsync(unknownId));
        Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM backoffice.stripe_events WHERE id = $1 AND tenant_id IS NOT NULL", unknownId));
    }

    [Fact]
    public async Task APaymentFailedWebhookSentTwiceGivesOneGracePeriodThenSuspensionAndPayingAgainReactivates()
    {
        var school = await SchoolWithCustomerAsync("betaal-school", "cus_betaal");
        await school.AddUserAsync("directie@betaal.test", Roles.SchoolAdmin);
        var now = app.Now;
        var failed = EventJson("evt_failed_" + Interlocked.Increment(ref _events), EventTypes.InvoicePaymentFailed, "cus_betaal", now);

        var first = await SendAsync(failed);
        var second = await SendAsync(failed);
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Contains("applied", first.Body);
        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Contains("duplicate", second.Body);
        var grace = await app.Database.ScalarAsync<DateTime>("SELECT grace_until FROM tenants WHERE id = $1", school.Id);
        Assert.InRange(grace, app.Now.UtcDateTime.AddDays(13.9), app.Now.UtcDateTime.AddDays(14.1));
        Assert.Equal(1L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM backoffice.audit_entries WHERE tenant_id = $1 AND action = 'billing.invoice.payment_failed'", school.Id));

        // A second failure (another invoice) does not extend the grace period.
        await SendAsync(EventJson("evt_failed_" + Interlocked.Increment(ref _events), EventTypes.InvoicePaymentFailed, "cus_betaal", now.AddSeconds(5)));
        Assert.Equal(grace, await app.Database.ScalarAsync<DateTime>("SELECT grace_until FROM tenants WHERE id = $1", school.Id));

        // The school admin sees the banner (after the catalogue change reached the school app).
        using var admin = app.School.ClientFor("betaal-school");
        await SchoolApp.SignInAsync(admin, "directie@betaal.test");
        await WaitUntilAsync(async () => (await admin.GetStringAsync("/")).Contains("billing-banner", StringComparison.Ordinal));

        // Grace period over: the sweep suspends the school, which then shows the unavailable page.
        await app.Database.ExecuteAsync("UPDATE tenants SET grace_until = $2 WHERE id = $1", school.Id, app.Now.AddMinutes(-1));
        Assert.Equal(1, await app.Services.GetRequiredService<BillingGraceSweeper>().SweepAsync(CancellationToken.None));
        Assert.Equal("Suspended", await app.Database.ScalarAsync<string>("SELECT status FROM tenants WHERE id = $1", school.Id));
        using var visitor = app.School.ClientFor("betaal-school");
        await WaitUntilAsync(async () => (await visitor.GetAsync("/Account/SignIn")).StatusCode == HttpStatusCode.ServiceUnavailable);

        // Paid again: active; a late, older failure changes nothing.
        var paid = await SendAsync(EventJson("evt_paid_" + Interlocked.Increment(ref _events), EventTypes.InvoicePaid, "cus_betaal", now.AddSeconds(10)));
        Assert.Contains("applied", paid.Body);
        Assert.Equal("Active|Active", await app.Database.ScalarAsync<string>("SELECT status || '|' || billing_status FROM tenants WHERE id = $1", school.Id));
        var late = await SendAsync(EventJson("evt_late_" + Interlocked.Increment(ref _events), EventTypes.InvoicePaymentFailed, "cus_betaal", now.AddSeconds(-60)));
        Assert.Contains("stale", late.Body);
        Assert.Equal("Active|Active", await app.Database.ScalarAsync<string>("SELECT status || '|' || billing_status FROM tenants WHERE id = $1", school.Id));
        Assert.Equal(2L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM backoffice.audit_entries WHERE tenant_id = $1 AND action = 'school.status' AND actor_name = 'system:stripe'", school.Id));
    }

    [Fact]
    public async Task AWebhookWithABadSignatureIsRefusedAndChangesNothing()
    {
        var school = await SchoolWithCustomerAsync("valse-school", "cus_vals");
        var json = EventJson("evt_forged", EventTypes.InvoicePaymentFailed, "cus_vals", app.Now);
        var (status, _) = await SendAsync(json, "whsec_someone_else");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("Active", await app.Database.ScalarAsync<string>("SELECT billing_status FROM tenants WHERE id = $1", school.Id));
        Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM backoffice.stripe_events WHERE id = 'evt_forged'"));
    }

    [Fact]
    public async Task FinanceStartsASubscriptionPricedPerActivePupilAndTheAdminGetsThePortal()
    {
        var school = await app.School.CreateSchoolAsync("abonnee-school");
        var group = await school.AddGroupAsync("Groep 1");
        foreach (var name in new[] { "An", "Bo", "Cas" })
        {
            await school.AddPupilAsync(group, name);
        }
        using var finance = await app.SignedInClientAsync(BackofficeRoles.Finance);
        using (var started = await finance.PostFormAsync($"/Schools/Details/{school.Id}?handler=Billing", new Dictionary<string, string>(), $"/Schools/Details/{school.Id}"))
        {
            Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        }
        var subscriptionId = await app.Database.ScalarAsync<string>("SELECT stripe_subscription_id FROM tenants WHERE id = $1", school.Id);
        Assert.StartsWith("sub_", subscriptionId);
        Assert.Equal(3L, (long)app.Stripe.Subscriptions[subscriptionId]["items"]!["data"]![0]!["quantity"]!);
        Assert.Contains(app.Stripe.Requests, r => r.Path == "/v1/subscriptions" && r.Form["items[0][price]"] == "price_standard" && r.Authorization == "Bearer sk_test_standin");
        Assert.Equal("Active", await app.Database.ScalarAsync<string>("SELECT billing_status FROM tenants WHERE id = $1", school.Id));

        // The quantity follows the pupils.
        await school.AddPupilAsync(group, "Dex");
        using (var synced = await finance.PostFormAsync($"/Schools/Details/{school.Id}?handler=Quantity", new Dictionary<string, string>(), $"/Schools/Details/{school.Id}"))
        {
            Assert.Equal(HttpStatusCode.Redirect, synced.StatusCode);
        }
        Assert.Equal(4L, (long)app.Stripe.Subscriptions[subscriptionId]["items"]!["data"]![0]!["quantity"]!);

        await school.AddUserAsync("directie@abonnee.test", Roles.SchoolAdmin);
        app.School.Services.GetRequiredService<TenantCatalog>().Invalidate(school.Id, school.Slug);
        using var admin = app.School.ClientFor(school.Slug);
        await SchoolApp.SignInAsync(admin, "directie@abonnee.test");
        using var portal = await admin.PostFormAsync("/beheer/betaling?handler=Portal", new Dictionary<string, string>(), "/beheer/betaling");
        Assert.Equal(HttpStatusCode.Redirect, portal.StatusCode);
        Assert.Equal("https://billing.stripe.test/p/session", portal.Headers.Location!.ToString());
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = Deadline.In(15);
        while (!await condition())
        {
            Assert.True(!deadline.Passed, "condition not met in time");
            await Task.Delay(100);
        }
    }
}

/// <summary>Without a Stripe key billing says so, the webhook does not exist, and everything else works.</summary>
public sealed class BillingNotConfiguredTests(Schools.OnboardingApp app) : IClassFixture<Schools.OnboardingApp>
{
    [Fact]
    public async Task WithoutAKeyBillingShowsNotConfigured()
    {
        var school = await app.School.CreateSchoolAsync("zonder-stripe");
        using var finance = await app.SignedInClientAsync(BackofficeRoles.Finance);
        Assert.Contains("Betaling is niet ingesteld", await finance.GetStringAsync($"/Schools/Details/{school.Id}"));
        using var client = app.Client();
        using var webhook = await client.PostAsync(StripeWebhook.Path, new StringContent("{}"));
        Assert.Equal(HttpStatusCode.NotFound, webhook.StatusCode);
        await school.AddUserAsync("directie@zonder.test", Roles.SchoolAdmin);
        using var admin = app.School.ClientFor("zonder-stripe");
        await SchoolApp.SignInAsync(admin, "directie@zonder.test");
        Assert.Contains("niet ingesteld", await admin.GetStringAsync("/beheer/betaling"));
    }
}
