using System.Net;
using Lib.Net.Http.WebPush;
using Lib.Net.Http.WebPush.Authentication;
using Microsoft.Extensions.Options;

namespace Schoolplein.Platform.Push;

public enum PushResult
{
    Delivered,
    /// <summary>404/410: the device unsubscribed or the subscription expired; delete it.</summary>
    Gone,
    /// <summary>Anything else (network, 5xx, 429 …): try again later.</summary>
    Failed,
}

/// <summary>The boundary to the browsers' push services (tests send to a local push service).</summary>
public interface IPushSender
{
    Task<(PushResult Result, string? Error)> SendAsync(PushTarget target, string payload, int timeToLiveSeconds, bool urgent, CancellationToken ct);
}

public sealed record PushTarget(string Endpoint, string P256dh, string Auth);

/// <summary>RFC 8030 delivery with RFC 8291 encryption (aes128gcm) and RFC 8292 VAPID through Lib.Net.Http.WebPush.</summary>
public sealed class WebPushSender : IPushSender, IDisposable
{
    private readonly PushServiceClient _client;
    private readonly VapidAuthentication _vapid;

    public WebPushSender(IHttpClientFactory http, IOptions<PushOptions> options)
    {
        var settings = options.Value;
        _vapid = new VapidAuthentication(settings.VapidPublicKey, settings.VapidPrivateKey) { Subject = settings.Subject };
        _client = new PushServiceClient(http.CreateClient(nameof(WebPushSender)))
        {
            DefaultAuthentication = _vapid,
            DefaultAuthenticationScheme = VapidAuthenticationScheme.Vapid,
            AutoRetryAfter = false,
        };
    }

    public async Task<(PushResult Result, string? Error)> SendAsync(PushTarget target, string payload, int timeToLiveSeconds, bool urgent, CancellationToken ct)
    {
        var subscription = new Lib.Net.Http.WebPush.PushSubscription { Endpoint = target.Endpoint };
        subscription.SetKey(PushEncryptionKeyName.P256DH, target.P256dh);
        subscription.SetKey(PushEncryptionKeyName.Auth, target.Auth);
        var message = new PushMessage(payload)
        {
            TimeToLive = timeToLiveSeconds,
            Urgency = urgent ? PushMessageUrgency.High : PushMessageUrgency.Normal,
        };
        try
        {
            await _client.RequestPushMessageDeliveryAsync(subscription, message, ct);
            return (PushResult.Delivered, null);
        }
        catch (PushServiceClientException ex) when (ex.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
        {
            return (PushResult.Gone, null);
        }
        catch (PushServiceClientException ex)
        {
            return (PushResult.Failed, $"HTTP {(int)ex.StatusCode}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Security.Cryptography.CryptographicException or FormatException or ArgumentException)
        {
            return (PushResult.Failed, ex.GetType().Name);
        }
    }

    public void Dispose() => _vapid.Dispose();
}

/// <summary>
/// Sets the VAPID header with the audience RFC 8292 asks for: the origin of the push resource,
/// port included. Lib.Net.Http.WebPush 3.3.1 leaves a non-default port out (found by the
/// independent push service in the tests); the big push services all use 443, where both agree.
/// </summary>
public sealed class VapidAudienceHandler(IOptions<PushOptions> options) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { IsDefaultPort: false } uri && request.Headers.Authorization?.Scheme == "vapid")
        {
            var settings = options.Value;
            using var vapid = new VapidAuthentication(settings.VapidPublicKey, settings.VapidPrivateKey) { Subject = settings.Subject };
            var origin = uri.GetLeftPart(UriPartial.Authority);
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
                "vapid", vapid.GetVapidSchemeAuthenticationHeaderValueParameter(origin));
        }
        return base.SendAsync(request, cancellationToken);
    }
}
