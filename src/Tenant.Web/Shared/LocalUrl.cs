using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;

namespace Schoolplein.Tenant.Web.Shared;

/// <summary>Return addresses taken from a request (returnUrl), made safe to redirect to.</summary>
public static class LocalUrl
{
    /// <summary>
    /// <paramref name="returnUrl"/> when it is a local address, with characters a Location header
    /// cannot carry (anything outside ASCII) percent-encoded as UTF-8; otherwise <paramref name="fallback"/>.
    /// Addresses with control characters fall back too.
    /// </summary>
    public static string OrDefault(IUrlHelper url, string? returnUrl, string fallback)
    {
        if (string.IsNullOrEmpty(returnUrl) || !url.IsLocalUrl(returnUrl))
        {
            return fallback;
        }
        var result = new StringBuilder(returnUrl.Length);
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in returnUrl.EnumerateRunes())
        {
            if (rune.Value < 0x20 || rune.Value == 0x7F)
            {
                return fallback;
            }
            if (rune.IsAscii)
            {
                result.Append((char)rune.Value);
                continue;
            }
            var length = rune.EncodeToUtf8(bytes);
            foreach (var b in bytes[..length])
            {
                result.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
        return result.ToString();
    }
}
