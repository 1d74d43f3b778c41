using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;

namespace Schoolplein.Platform.Identity;

/// <summary>
/// Writes the sign-in cookie's lifetime as <c>Max-Age</c> (seconds from now) instead of an
/// <c>Expires</c> date. A phone whose clock is wrong by weeks then still keeps the parent signed in
/// for the configured days, and a demo or test whose clock starts at another instant
/// (SCHOOLPLEIN_CLOCK) hands out cookies that the browser keeps. The server still checks the
/// ticket's own expiry against the app's clock.
/// </summary>
public sealed class MaxAgeCookieManager(TimeProvider time) : ICookieManager
{
    private readonly ChunkingCookieManager _inner = new();

    public string? GetRequestCookie(HttpContext context, string key) => _inner.GetRequestCookie(context, key);

    public void AppendResponseCookie(HttpContext context, string key, string? value, CookieOptions options)
    {
        if (options.Expires is { } expires)
        {
            var left = expires - time.GetUtcNow();
            options.MaxAge = left > TimeSpan.Zero ? left : TimeSpan.Zero;
            options.Expires = null;
        }
        _inner.AppendResponseCookie(context, key, value, options);
    }

    public void DeleteCookie(HttpContext context, string key, CookieOptions options) => _inner.DeleteCookie(context, key, options);
}
