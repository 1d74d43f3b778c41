using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Schoolplein.Platform.Push;

/// <summary>
/// Where the server may send pushes. A subscription endpoint is a URL the browser hands us, so
/// without this any signed-in user could make the worker connect to the database port, the cloud
/// metadata service or anything else on the inside (SSRF). Two checks: the endpoint's host must be
/// a known push service (at subscribe time and again at send time), and the address that host
/// resolves to must be public (at connect time, so DNS rebinding does not get around it).
/// </summary>
public sealed class PushEndpointPolicy(IOptions<PushOptions> options)
{
    public bool IsAllowed(string? endpoint) =>
        endpoint is { Length: <= 1000 }
        && Uri.TryCreate(endpoint, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (options.Value.AllowInsecureEndpoints && uri.Scheme == Uri.UriSchemeHttp && IsExtraHost(uri)))
        && string.IsNullOrEmpty(uri.UserInfo)
        && IsAllowedHost(uri);

    /// <summary>Listed exactly among the test-only hosts (only they may speak plain http).</summary>
    private bool IsExtraHost(Uri uri) =>
        options.Value.ExtraAllowedHosts.Any(h => string.Equals(Normalize(h), uri.IdnHost.TrimEnd('.').Trim('[', ']').ToLowerInvariant(), StringComparison.Ordinal));

    public bool IsAllowedHost(Uri uri)
    {
        var settings = options.Value;
        var host = uri.IdnHost.TrimEnd('.').ToLowerInvariant();
        // Literal addresses (127.0.0.1, 0x7f000001, [::1]) are never a push service; only a test
        // push service may be named by address, and then it is listed exactly.
        if (uri.HostNameType != UriHostNameType.Dns)
        {
            return IsExtraHost(uri);
        }
        return settings.AllowedHostSuffixes.Concat(settings.ExtraAllowedHosts)
            .Select(Normalize)
            .Any(suffix => suffix.Length > 0 && (host == suffix || host.EndsWith("." + suffix, StringComparison.Ordinal)));
    }

    private static string Normalize(string entry) =>
        entry.Trim().TrimStart('*').TrimStart('.').TrimEnd('.').Trim('[', ']').ToLowerInvariant();

    /// <summary>Loopback, private (RFC 1918), CGNAT, link-local, unique-local, multicast, unspecified and similar.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)
            || address.Equals(IPAddress.IPv6None) || address.Equals(IPAddress.Broadcast))
        {
            return false;
        }
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 0 || b[0] == 10 || b[0] == 127
                || (b[0] == 100 && b[1] >= 64 && b[1] <= 127)
                || (b[0] == 169 && b[1] == 254)
                || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
                || (b[0] == 192 && b[1] == 0 && b[2] == 0)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 198 && (b[1] == 18 || b[1] == 19))
                || b[0] >= 224);
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var b = address.GetAddressBytes();
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
                || (b[0] & 0xfe) == 0xfc // fc00::/7 unique local
                || address.IsIPv6Teredo
                || (b[0] == 0x20 && b[1] == 0x02) // 6to4 can wrap any IPv4 address
                || (b[0] == 0 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b)); // NAT64 likewise
        }
        return false;
    }

    /// <summary>
    /// Resolves the host itself and connects only to a public address of an allowed host, so what
    /// is checked is what is connected to.
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var target = context.InitialRequestMessage.RequestUri;
        if (target is null || !IsAllowedHost(target))
        {
            throw new HttpRequestException($"Push endpoint host {context.DnsEndPoint.Host} is not an allowed push service.");
        }
        var addresses = IPAddress.TryParse(context.DnsEndPoint.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, ct);
        var usable = options.Value.AllowPrivateAddresses ? addresses : addresses.Where(IsPublic).ToArray();
        if (usable.Length == 0 || usable.Length < addresses.Length)
        {
            // A name that resolves to an inside address at all is refused, not just that address.
            throw new HttpRequestException($"Push endpoint host {context.DnsEndPoint.Host} resolves to a non-public address.");
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(usable, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
