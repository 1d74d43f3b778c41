using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Schoolplein.Platform.Identity;

/// <summary>
/// Auth cookies in production: the <c>__Host-</c> prefix (browsers then refuse the cookie unless it is
/// Secure, host-only and for path /, so a sibling subdomain cannot plant or widen it) and always Secure.
/// Development and tests keep plain names over http, and so does a production-shaped run that is
/// served over plain http on purpose (<c>Tenancy:PublicScheme</c> = http, the laptop compose file).
/// </summary>
public static class HostCookie
{
    public const string Prefix = "__Host-";

    public static bool Applies(IHostEnvironment environment, IConfiguration configuration) =>
        environment.IsProduction() && !string.Equals(configuration["Tenancy:PublicScheme"], "http", StringComparison.OrdinalIgnoreCase);

    public static string Name(string configured, IHostEnvironment environment, IConfiguration configuration) =>
        Applies(environment, configuration) && !configured.StartsWith(Prefix, StringComparison.Ordinal) ? Prefix + configured : configured;

    public static CookieSecurePolicy SecurePolicy(IHostEnvironment environment, IConfiguration configuration) =>
        Applies(environment, configuration) ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
}
