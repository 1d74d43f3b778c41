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
public sealed class WebPushSender : IPushSender
{
    private readonly PushServiceClient _client;

    public WebPushSender(IHttpClientFactory http, VapidSigner vapid)
    {
        _client = new PushServiceClient(http.CreateClient(nameof(WebPushSender)))
        {
            DefaultAuthentication = vapid.Authentication,
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

}

/// <summary>
/// The one VAPID key of the deployment, with its signed tokens kept per push service origin until
/// shortly before they expire: the library signs a fresh ES256 token for every message otherwise
/// (twice with <see cref="VapidAudienceHandler"/>), which was a fixed cost per parent in a fan-out.
/// </summary>
public sealed class VapidSigner : IDisposable
{
    public VapidSigner(IOptions<PushOptions> options, TimeProvider time)
    {
        var settings = options.Value;
        Authentication = new VapidAuthentication(settings.VapidPublicKey, settings.VapidPrivateKey)
        {
            Subject = settings.Subject,
            Expiration = (int)TokenLifetime.TotalSeconds,
            TokenCache = new Cache(time),
        };
    }

    /// <summary>RFC 8292 allows up to 24 hours; a token is reused until <see cref="RenewBefore"/> of its lifetime is left.</summary>
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(12);
    public static readonly TimeSpan RenewBefore = TimeSpan.FromHours(1);

    public VapidAuthentication Authentication { get; }

    /// <summary>The value of the "vapid" Authorization header for a push service origin (scheme, host and port).</summary>
    public string HeaderFor(string origin) => Authentication.GetVapidSchemeAuthenticationHeaderValueParameter(origin);

    public void Dispose() => Authentication.Dispose();

    private sealed class Cache(TimeProvider time) : IVapidTokenCache
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (DateTimeOffset Expires, string Token)> _tokens = new(StringComparer.Ordinal);

        public string? Get(string audience) =>
            _tokens.TryGetValue(audience, out var entry) && entry.Expires - time.GetUtcNow() > RenewBefore ? entry.Token : null;

        public void Put(string audience, DateTimeOffset expiration, string token) => _tokens[audience] = (expiration, token);
    }
}

/// <summary>
/// Sets the VAPID header with the audience RFC 8292 asks for: the origin of the push resource,
/// port included. Lib.Net.Http.WebPush 3.3.1 leaves a non-default port out (found by the
/// independent push service in the tests); the big push services all use 443, where both agree.
/// </summary>
public sealed class VapidAudienceHandler(VapidSigner vapid) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { IsDefaultPort: false } uri && request.Headers.Authorization?.Scheme == "vapid")
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
                "vapid", vapid.HeaderFor(uri.GetLeftPart(UriPartial.Authority)));
        }
        return base.SendAsync(request, cancellationToken);
    }
}
