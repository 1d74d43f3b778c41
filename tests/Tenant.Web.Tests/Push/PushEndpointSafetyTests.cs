using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Schoolplein.Platform.Push;
using Schoolplein.Tenant.Web.Tests.Tenancy;
using Schoolplein.Testing;
using Xunit;

using Schoolplein.Tenant.Web.Tests.Notifications;

namespace Schoolplein.Tenant.Web.Tests.Push;

/// <summary>
/// The production rules for push endpoints, except that "localhost" is listed as a push host (so
/// the send-time address check has an allowed name that resolves to loopback) and http is allowed
/// (the local push service speaks http). Private addresses are not allowed, unlike DeliveryApp.
/// </summary>
public sealed class PushGuardApp : TwoSchoolsApp
{
    public LocalPushService Push { get; private set; } = null!;

    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["Push:AllowInsecureEndpoints"] = "true";
        settings["Push:ExtraAllowedHosts:0"] = "localhost";
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Push = await LocalPushService.StartAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await Push.DisposeAsync();
        await base.DisposeAsync();
    }
}

public sealed class PushEndpointSafetyTests(PushGuardApp app) : IClassFixture<PushGuardApp>
{
    [Theory]
    [InlineData("https://127.0.0.1:5433/")]
    [InlineData("https://[::1]:5433/")]
    [InlineData("https://0x7f000001/")]
    [InlineData("https://2130706433/")]
    [InlineData("https://169.254.169.254/latest/meta-data/")]
    [InlineData("https://10.0.0.5/push")]
    [InlineData("https://[fd00::1]/push")]
    [InlineData("https://0.0.0.0/push")]
    [InlineData("https://intranet.example/push")]
    [InlineData("https://fcm.googleapis.com.evil.example/fcm/send/abc")]
    [InlineData("https://evilfcm.googleapis.com.example/x")]
    [InlineData("http://fcm.googleapis.com/fcm/send/abc")]
    [InlineData("https://user:pw@fcm.googleapis.com/fcm/send/abc")]
    public async Task AnEndpointThatIsNotAKnownPushServiceIsRefusedAtSubscribeAndNothingIsSaved(string endpoint)
    {
        var (client, parent) = await SignedInParentAsync();
        using (client)
        using (var response = await SubscribeAsync(client, endpoint))
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("ongeldig adres", await response.Content.ReadAsStringAsync());
        }
        Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM push_subscriptions WHERE user_id = $1", parent));
    }

    [Theory]
    [InlineData("https://fcm.googleapis.com/fcm/send/abc123")]
    [InlineData("https://updates.push.services.mozilla.com/wpush/v2/abc")]
    [InlineData("https://db5p.notify.windows.com/w/?token=abc")]
    [InlineData("https://web.push.apple.com/QGabc")]
    public async Task AnEndpointOfAKnownPushServiceIsAccepted(string endpoint)
    {
        var (client, parent) = await SignedInParentAsync();
        using (client)
        using (var response = await SubscribeAsync(client, endpoint))
        {
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }
        Assert.Equal(1L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM push_subscriptions WHERE user_id = $1", parent));
    }

    [Fact]
    public async Task ASendToAnAllowedNameThatResolvesToLoopbackIsRefusedBeforeConnecting()
    {
        var sender = app.Services.GetRequiredService<IPushSender>();
        var target = new PushTarget($"http://localhost:{app.Push.Port}/push/binnen", app.Push.P256dh, app.Push.Auth);

        var (result, error) = await sender.SendAsync(target, "{}", 60, urgent: true, CancellationToken.None);

        Assert.Equal(PushResult.Failed, result);
        Assert.Equal(nameof(HttpRequestException), error);
        Assert.DoesNotContain(app.Push.All, r => r.Path == "/push/binnen");
    }

    [Fact]
    public async Task AStoredSubscriptionToAHostNoLongerAllowedIsNotContactedAtSendTime()
    {
        // A subscription saved before the allow-list existed: the sender checks the host again.
        var sender = app.Services.GetRequiredService<IPushSender>();
        var target = new PushTarget($"http://127.0.0.1:{app.Push.Port}/push/oud", app.Push.P256dh, app.Push.Auth);

        var (result, _) = await sender.SendAsync(target, "{}", 60, urgent: true, CancellationToken.None);

        Assert.Equal(PushResult.Failed, result);
        Assert.DoesNotContain(app.Push.All, r => r.Path == "/push/oud");
    }

    private async Task<(HttpClient Client, Guid Parent)> SignedInParentAsync()
    {
        var email = $"push-{Guid.NewGuid():N}@ouders.test";
        var parent = await app.A.AddUserAsync(email);
        var client = await app.SignedInAsync("alfa", email);
        return (client, parent);
    }

    private static async Task<HttpResponseMessage> SubscribeAsync(HttpClient client, string endpoint)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/push/subscriptions")
        {
            // Keys of a real P-256 point are not needed to be refused; valid ones are needed to be accepted.
            Content = JsonContent.Create(new { endpoint, keys = new { p256dh = ValidP256dh, auth = "AAAAAAAAAAAAAAAAAAAAAA" } }),
        };
        request.Headers.Add("RequestVerificationToken", await Forms.AntiforgeryTokenAsync(client, "/Account/Settings/Preferences"));
        return await client.SendAsync(request);
    }

    private const string ValidP256dh = "BHvG57Yxd94Pcgouv7hRkCD56bQQg1-cmL8wsChVI1eZ2vG1JSNKEtdyX-brv7zr-CzCCXJaB4_XZgKjyDwaSKo";
}
