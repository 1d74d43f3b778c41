using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Schoolplein.Platform.Email;
using Schoolplein.Platform.Notifications;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Push;
using Schoolplein.Tenant.Web.Tests.Tenancy;
using Schoolplein.Testing;
using Xunit;

namespace Schoolplein.Tenant.Web.Tests.Notifications;

/// <summary>Two schools, small batches, short retry delays, and a push service on http://127.0.0.1.</summary>
public sealed class DeliveryApp : TwoSchoolsApp
{
    public LocalPushService Push { get; private set; } = null!;

    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["Outbox:BatchSize"] = "100";
        settings["Outbox:RetryDelaysSeconds:0"] = "1";
        settings["Outbox:RetryDelaysSeconds:1"] = "2";
        settings["Push:AllowInsecureEndpoints"] = "true";
        settings["Push:ExtraAllowedHosts:0"] = "127.0.0.1";
        settings["Push:AllowPrivateAddresses"] = "true";
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Push = await LocalPushService.StartAsync();
        // No quiet hours in school A, so the tests do not depend on the time of day they run at.
        await Database.ExecuteAsync(
            "INSERT INTO school_settings (tenant_id, link_code_max_uses, link_code_valid_days, quiet_hours_start, quiet_hours_end, updated_at) " +
            "VALUES ($1, 4, 365, '00:00', '00:00', now())", A.Id);
    }

    public override async ValueTask DisposeAsync()
    {
        await Push.DisposeAsync();
        await base.DisposeAsync();
    }

    public Task NotifyAsync(Guid school, IEnumerable<Guid> users, bool urgent, string kind = "test.posted") =>
        InSchoolAsync(school, async scope =>
        {
            await scope.Get<Notifier>().NotifyAsync(users, new NotificationContent(
                kind, typeof(TestNotificationText), "Title", ["juf Lisanne"], "Body", ["Juf Lisanne"], "/meldingen", urgent));
            await scope.Get<SchoolpleinDb>().SaveChangesAsync();
        });

    public async Task WaitUntilAsync(Func<Task<bool>> condition, string what, int seconds = 30)
    {
        var deadline = Deadline.In(seconds);
        while (!await condition())
        {
            Assert.True(!deadline.Passed, $"Timed out waiting until {what}");
            await Task.Delay(100);
        }
    }

    /// <summary>Subscribes the signed-in user's "device" (the local push service) through the settings API.</summary>
    public async Task<HttpResponseMessage> SubscribeAsync(HttpClient client, string endpoint, string? p256dh = null, string? auth = null, bool withToken = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/push/subscriptions")
        {
            Content = JsonContent.Create(new { endpoint, keys = new { p256dh = p256dh ?? Push.P256dh, auth = auth ?? Push.Auth } }),
        };
        if (withToken)
        {
            request.Headers.Add("RequestVerificationToken", await Forms.AntiforgeryTokenAsync(client, "/Account/Settings/Preferences"));
        }
        return await client.SendAsync(request);
    }
}

public sealed class DeliveryTests(DeliveryApp app) : IClassFixture<DeliveryApp>
{
    [Fact]
    public async Task ANotificationToManyParentsIsOneMailRowPerRecipientInBatchesAndEachParentGetsExactlyOneMail()
    {
        var parents = await app.A.AddParentsAsync("batch", 250);
        await app.NotifyAsync(app.A.Id, parents, urgent: false, kind: "test.fanout");

        Assert.Equal(250L, await app.Database.ScalarAsync<long>(
            "SELECT count(DISTINCT idempotency_key) FROM outbox_emails WHERE notification_id IN (SELECT id FROM notifications WHERE kind = 'test.fanout')"));
        Assert.Equal(3L, await app.Database.ScalarAsync<long>(
            "SELECT count(DISTINCT batch_id) FROM outbox_emails WHERE kind = 'notification.test.fanout'"));
        await app.WaitUntilAsync(async () => await app.Database.ScalarAsync<long>(
            "SELECT count(*) FROM outbox_emails WHERE kind = 'notification.test.fanout' AND status = 'Sent'") == 250, "all 250 are sent", 90);

        // Running a finished batch again sends nothing: sent rows are never claimed again.
        var batch = await app.Database.ScalarAsync<Guid>("SELECT batch_id FROM outbox_emails WHERE kind = 'notification.test.fanout' LIMIT 1");
        var again = app.Services.GetRequiredService<IBackgroundJobClient>()
            .Enqueue<DeliverEmailJob>(j => j.RunBatchAsync(app.A.Id, batch, CancellationToken.None));
        Assert.Equal("Succeeded", await app.WaitForJobAsync(again));

        var counts = await app.Mail.CountByRecipientAsync();
        for (var n = 1; n <= 250; n++)
        {
            Assert.Equal(1, counts.GetValueOrDefault($"batch-{n}@ouders.test"));
        }
    }

    [Fact]
    public async Task StaffSeeTheirSchoolsDeadDeliveriesAndCanRetryThemButNotAnotherSchools()
    {
        var deadA = await InsertDeadMailAsync(app.A.Id, "dood-a@ouders.test");
        var deadB = await InsertDeadMailAsync(app.B.Id, "dood-b@ouders.test");
        using var admin = await app.SignedInAsync("alfa", app.InA.AdminEmail);

        var html = await admin.GetStringAsync("/beheer/meldingen-bezorging");
        Assert.Contains("dood-a@ouders.test", html);
        Assert.Contains("SmtpCommandException", html);
        Assert.DoesNotContain("dood-b@ouders.test", html);

        using (var foreign = await admin.PostFormAsync("/beheer/meldingen-bezorging?handler=Retry",
            new Dictionary<string, string> { ["channel"] = "email", ["id"] = deadB.ToString() }))
        {
            Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        }
        Assert.Equal("Dead", await app.Database.ScalarAsync<string>("SELECT status FROM outbox_emails WHERE id = $1", deadB));

        using (var retry = await admin.PostFormAsync("/beheer/meldingen-bezorging?handler=Retry",
            new Dictionary<string, string> { ["channel"] = "email", ["id"] = deadA.ToString() }))
        {
            Assert.Equal(HttpStatusCode.Redirect, retry.StatusCode);
        }
        await app.Mail.WaitForMessageAsync("dood-a@ouders.test");
        await app.WaitUntilAsync(async () => await app.Database.ScalarAsync<string>("SELECT status FROM outbox_emails WHERE id = $1", deadA) == "Sent", "the retried mail is sent");
        Assert.DoesNotContain("dood-a@ouders.test", await admin.GetStringAsync("/beheer/meldingen-bezorging"));
    }

    [Fact]
    public async Task ParentsAndTeachersCannotOpenTheDeliveryProblemsPage()
    {
        foreach (var email in new[] { app.InA.ParentEmail, app.InA.TeacherEmail })
        {
            using var client = await app.SignedInAsync("alfa", email);
            using var page = await client.GetAsync("/beheer/meldingen-bezorging");
            Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
            Assert.StartsWith("/Account/AccessDenied", page.Headers.Location!.PathAndQuery);
        }
    }

    [Fact]
    public async Task ParentsWhoChoseTheDailyDigestGetOneMailADayButUrgentOnesAtOnce()
    {
        var parent = await app.A.AddUserAsync("digest@ouders.test");
        await app.Database.ExecuteAsync("UPDATE users SET email_digest = true WHERE id = $1", parent);
        await app.NotifyAsync(app.A.Id, [parent], urgent: false, kind: "test.digest1");
        await app.NotifyAsync(app.A.Id, [parent], urgent: false, kind: "test.digest2");
        await app.NotifyAsync(app.A.Id, [parent], urgent: true, kind: "test.digesturgent");
        await app.Mail.WaitForMessageAsync("digest@ouders.test");
        Assert.Equal(1L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM outbox_emails WHERE to_address = 'digest@ouders.test'"));

        var jobs = app.Services.GetRequiredService<IBackgroundJobClient>();
        Assert.Equal("Succeeded", await app.WaitForJobAsync(jobs.Enqueue<DigestJob>(j => j.RunAsync(app.A.Id, CancellationToken.None))));
        Assert.Equal("Succeeded", await app.WaitForJobAsync(jobs.Enqueue<DigestJob>(j => j.RunAsync(app.A.Id, CancellationToken.None))));
        var digest = await app.Mail.WaitForMessageAsync("digest@ouders.test", m => m.Subject == "Je meldingen van vandaag");
        Assert.Contains("2 nieuwe meldingen", digest.TextBody);
        Assert.Contains("Nieuw bericht van juf Lisanne", digest.TextBody);
        await app.WaitUntilAsync(async () => await app.Database.ScalarAsync<long>(
            "SELECT count(*) FROM outbox_emails WHERE to_address = 'digest@ouders.test' AND status = 'Sent'") == 2, "both mails are sent");
        Assert.Equal(2, (await app.Mail.MessagesToAsync("digest@ouders.test")).Count);
    }

    [Fact]
    public async Task WebPushIsSignedAndEncryptedSoThatAnIndependentPushServiceAcceptsAndDecryptsIt()
    {
        using var client = await app.SignedInAsync("alfa", app.InA.ParentEmail);
        var endpoint = app.Push.Endpoint("/push/ouder-a");
        using (var subscribed = await app.SubscribeAsync(client, endpoint))
        {
            Assert.Equal(HttpStatusCode.NoContent, subscribed.StatusCode);
        }
        await app.NotifyAsync(app.A.Id, [app.InA.ParentId], urgent: true, kind: "test.push");

        var received = await app.Push.WaitForAsync(r => r.Path == "/push/ouder-a");
        Assert.Null(received.Error);
        Assert.True(received.VapidOk, received.VapidProblem);
        Assert.Equal(app.Services.GetRequiredService<IOptions<PushOptions>>().Value.VapidPublicKey, received.VapidKey);
        Assert.Equal($"http://127.0.0.1:{app.Push.Port}", received.Aud);
        Assert.Equal("aes128gcm", received.Encoding);
        Assert.Equal("345600", received.Ttl);
        Assert.Equal("high", received.Urgency);
        Assert.True(received.Size < 3 * 1024 + 200, $"{received.Size} bytes");
        using var payload = JsonDocument.Parse(received.Payload!);
        Assert.Equal("Nieuw bericht van juf Lisanne", payload.RootElement.GetProperty("title").GetString());
        Assert.Equal("http://alfa.localhost/meldingen", payload.RootElement.GetProperty("url").GetString());
        Assert.False(string.IsNullOrEmpty(payload.RootElement.GetProperty("body").GetString()));
        await app.WaitUntilAsync(async () => await app.Database.ScalarAsync<string>(
            "SELECT d.status FROM push_deliveries d JOIN notifications n ON n.id = d.notification_id WHERE n.kind = 'test.push'") == "Sent", "the push row is sent");
        // The endpoint is the device's capability: no log line names it (HttpClient's request log would).
        Assert.DoesNotContain(app.Logs.Events, e => e.RenderMessage().Contains("/push/ouder-a", StringComparison.Ordinal)
            || e.Properties.Values.Any(v => v.ToString().Contains("/push/ouder-a", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task APushServiceAnsweringGoneRemovesTheSubscription()
    {
        var parent = await app.A.AddUserAsync("weg@ouders.test");
        using var client = await app.SignedInAsync("alfa", "weg@ouders.test");
        using (await app.SubscribeAsync(client, app.Push.Endpoint("/gone/weg")))
        {
        }
        Assert.Equal(1L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM push_subscriptions WHERE user_id = $1", parent));
        await app.NotifyAsync(app.A.Id, [parent], urgent: true, kind: "test.gone");
        await app.Push.WaitForAsync(r => r.Path == "/gone/weg");
        await app.WaitUntilAsync(async () => await app.Database.ScalarAsync<long>(
            "SELECT count(*) FROM push_subscriptions WHERE user_id = $1", parent) == 0, "the subscription is removed");
    }

    [Fact]
    public async Task PushFollowsThePreferenceExceptForUrgentNotifications()
    {
        var parent = await app.A.AddUserAsync("alleenmail@ouders.test");
        await app.Database.ExecuteAsync("UPDATE users SET notify_by = 1 WHERE id = $1", parent);
        using var client = await app.SignedInAsync("alfa", "alleenmail@ouders.test");
        using (await app.SubscribeAsync(client, app.Push.Endpoint("/push/alleenmail")))
        {
        }
        await app.NotifyAsync(app.A.Id, [parent], urgent: false, kind: "test.pref-normal");
        await app.NotifyAsync(app.A.Id, [parent], urgent: true, kind: "test.pref-urgent");
        await app.Push.WaitForAsync(r => r.Path == "/push/alleenmail");
        Assert.Equal(0L, await app.Database.ScalarAsync<long>(
            "SELECT count(*) FROM push_deliveries d JOIN notifications n ON n.id = d.notification_id WHERE n.kind = 'test.pref-normal'"));
        Assert.Single(app.Push.All, r => r.Path == "/push/alleenmail");
    }

    [Fact]
    public async Task NonUrgentPushesInTheSchoolsQuietHoursWaitUntilTheyEndButUrgentOnesGoAtOnce()
    {
        // Quiet hours of school B around the app's time of day (in the school's time zone).
        var local = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(app.Now, SchoolApp.Amsterdam).DateTime);
        var start = local.AddHours(-1);
        var end = local.AddHours(2);
        await app.Database.ExecuteAsync(
            "INSERT INTO school_settings (tenant_id, link_code_max_uses, link_code_valid_days, quiet_hours_start, quiet_hours_end, updated_at) " +
            "VALUES ($1, 4, 365, $2, $3, now())", app.B.Id, start, end);
        using var client = await app.SignedInAsync("bravo", app.InB.ParentEmail);
        using (await app.SubscribeAsync(client, app.Push.Endpoint("/push/ouder-b")))
        {
        }
        await app.NotifyAsync(app.B.Id, [app.InB.ParentId], urgent: false, kind: "test.quiet");
        await app.NotifyAsync(app.B.Id, [app.InB.ParentId], urgent: true, kind: "test.loud");

        await app.Push.WaitForAsync(r => r.Path == "/push/ouder-b");
        var held = await app.Database.ScalarAsync<DateTime>(
            "SELECT d.next_attempt_at FROM push_deliveries d JOIN notifications n ON n.id = d.notification_id WHERE n.kind = 'test.quiet' AND d.status = 'Pending'");
        var expected = app.Now.UtcDateTime.AddHours(2);
        Assert.InRange(held, expected.AddMinutes(-2), expected.AddMinutes(1));
        Assert.Single(app.Push.All, r => r.Path == "/push/ouder-b");
    }

    [Fact]
    public async Task ASubscriptionWithBadKeysOrWithoutTheAntiforgeryTokenIsRefusedAndNothingIsSaved()
    {
        var parent = await app.A.AddUserAsync("slecht@ouders.test");
        using var client = await app.SignedInAsync("alfa", "slecht@ouders.test");
        using (var badKeys = await app.SubscribeAsync(client, app.Push.Endpoint("/push/slecht"), p256dh: "AAAA"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, badKeys.StatusCode);
            Assert.Contains("ongeldige sleutels", await badKeys.Content.ReadAsStringAsync());
        }
        using (var badEndpoint = await app.SubscribeAsync(client, "javascript:alert(1)"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, badEndpoint.StatusCode);
            Assert.Contains("ongeldig adres", await badEndpoint.Content.ReadAsStringAsync());
        }
        using (var noToken = await app.SubscribeAsync(client, app.Push.Endpoint("/push/slecht"), withToken: false))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        }
        Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM push_subscriptions WHERE user_id = $1", parent));
    }

    [Fact]
    public async Task UnsubscribingRemovesOnlyTheUsersOwnDevice()
    {
        var mine = await app.A.AddUserAsync("mijn@ouders.test");
        var other = await app.A.AddUserAsync("andere@ouders.test");
        using var otherClient = await app.SignedInAsync("alfa", "andere@ouders.test");
        using (await app.SubscribeAsync(otherClient, app.Push.Endpoint("/push/andere")))
        {
        }
        using var client = await app.SignedInAsync("alfa", "mijn@ouders.test");
        using (await app.SubscribeAsync(client, app.Push.Endpoint("/push/mijn")))
        {
        }
        foreach (var endpoint in new[] { app.Push.Endpoint("/push/andere"), app.Push.Endpoint("/push/mijn") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/push/subscriptions/delete") { Content = JsonContent.Create(new { endpoint }) };
            request.Headers.Add("RequestVerificationToken", await Forms.AntiforgeryTokenAsync(client, "/Account/Settings/Preferences"));
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }
        Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM push_subscriptions WHERE user_id = $1", mine));
        Assert.Equal(1L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM push_subscriptions WHERE user_id = $1", other));
    }

    private async Task<Guid> InsertDeadMailAsync(Guid school, string to)
    {
        var id = Guid.CreateVersion7();
        await app.Database.ExecuteAsync(
            "INSERT INTO outbox_emails (id, tenant_id, kind, to_address, subject, html_body, text_body, status, attempts, last_error, created_at) " +
            "VALUES ($1, $2, 'test.dead', $3, 'Dood', '<p>x</p>', 'x', 'Dead', 10, 'SmtpCommandException', now())", id, school, to);
        return id;
    }
}
