using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Tenancy;

namespace Schoolplein.Tenant.Web.Account;

public sealed class SignInThrottleOptions
{
    public const string SectionName = "Identity:Throttle";

    /// <summary>Failed sign-ins for one account from one IP address per window: this replaces Identity's lockout, which anyone could trigger for any account.</summary>
    [Range(1, 1000)]
    public int FailuresPerIpAndAccount { get; set; } = 5;

    /// <summary>Failed sign-ins from one IP address per window, over all accounts. Generous: a school's wifi puts many parents behind one address.</summary>
    [Range(1, 100_000)]
    public int FailuresPerIp { get; set; } = 30;

    /// <summary>
    /// Failed sign-ins for one account per window, over all addresses. When reached, only addresses that
    /// failed for this account themselves are refused, so the parent on their own phone still gets in.
    /// </summary>
    [Range(1, 100_000)]
    public int FailuresPerAccount { get; set; } = 50;

    /// <summary>Reset mails per account per window (each request answers the same; only the first few send).</summary>
    [Range(1, 1000)]
    public int ResetsPerAccount { get; set; } = 3;

    /// <summary>Forgotten-password requests from one IP address per window.</summary>
    [Range(1, 100_000)]
    public int ResetsPerIp { get; set; } = 20;

    [Range(1, 86_400)]
    public int WindowSeconds { get; set; } = 900;
}

/// <summary>The counters behind <see cref="SignInThrottle"/>: one per app instance, kept in memory.</summary>
public sealed class AttemptCounters
{
    public ConcurrentDictionary<string, (int Count, DateTimeOffset Ends)> Counters { get; } = new();
}

/// <summary>
/// Counts sign-in failures and reset requests per IP address, per account and per both, in memory per
/// instance (fixed windows on the app's clock). A refused request answers 429 with Retry-After. A
/// request without a remote address (only in-process test hosts have none) is counted per account only.
/// </summary>
public sealed class SignInThrottle(TimeProvider time, IOptions<SignInThrottleOptions> options, TenantContext tenant, AttemptCounters counters)
{
    private ConcurrentDictionary<string, (int Count, DateTimeOffset Ends)> Counters => counters.Counters;
    private const int PruneAbove = 50_000;

    private SignInThrottleOptions Limits => options.Value;
    private TimeSpan Window => TimeSpan.FromSeconds(Limits.WindowSeconds);

    private string Account(string email) => tenant.Id + ":" + email.Trim().ToUpperInvariant();
    private const string Unknown = "unknown";
    private static string Ip(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? Unknown;

    /// <summary>How long this sign-in must wait, or null when it may go ahead.</summary>
    public TimeSpan? SignInWait(HttpContext http, string email)
    {
        var ip = Ip(http);
        var account = Account(email);
        var pair = Wait("signin:ip+account:" + ip + ":" + account, Limits.FailuresPerIpAndAccount);
        var byIp = ip == Unknown ? null : Wait("signin:ip:" + ip, Limits.FailuresPerIp);
        var byAccount = Count("signin:ip+account:" + ip + ":" + account) > 0 ? Wait("signin:account:" + account, Limits.FailuresPerAccount) : null;
        return Longest(pair, byIp, byAccount);
    }

    public void SignInFailed(HttpContext http, string email)
    {
        var ip = Ip(http);
        var account = Account(email);
        Hit("signin:ip+account:" + ip + ":" + account);
        if (ip != Unknown)
        {
            Hit("signin:ip:" + ip);
        }
        Hit("signin:account:" + account);
    }

    /// <summary>Counts a reset request; the wait when it is one too many from this address, null otherwise.</summary>
    public TimeSpan? ResetWait(HttpContext http) => IpWait(http, "reset:ip:");

    /// <summary>Counts a reset mail for the account; false when it already had its share this window (nothing is sent).</summary>
    public bool MayMailReset(string email) => MayMail("reset:account:", email);

    /// <summary>"Resend activation mail" is limited like forgotten-password, with its own counters (one does not use up the other).</summary>
    public TimeSpan? ActivationResendWait(HttpContext http) => IpWait(http, "activation:ip:");

    /// <summary>Counts an activation mail for the account; false when it already had its share this window.</summary>
    public bool MayMailActivation(string email) => MayMail("activation:account:", email);

    private TimeSpan? IpWait(HttpContext http, string prefix)
    {
        if (Ip(http) is var ip && ip == Unknown)
        {
            return null;
        }
        var key = prefix + ip;
        var wait = Wait(key, Limits.ResetsPerIp);
        if (wait is null)
        {
            Hit(key);
        }
        return wait;
    }

    private bool MayMail(string prefix, string email)
    {
        var key = prefix + Account(email);
        if (Wait(key, Limits.ResetsPerAccount) is not null)
        {
            return false;
        }
        Hit(key);
        return true;
    }

    /// <summary>Answers 429 with Retry-After; the page shows the wait in the user's language.</summary>
    public static int RetryAfter(HttpContext http, TimeSpan wait)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Math.Max(1, (seconds + 59) / 60);
    }

    private int Count(string key) =>
        Counters.TryGetValue(key, out var c) && c.Ends > time.GetUtcNow() ? c.Count : 0;

    private TimeSpan? Wait(string key, int limit)
    {
        var now = time.GetUtcNow();
        return Counters.TryGetValue(key, out var c) && c.Ends > now && c.Count >= limit ? c.Ends - now : null;
    }

    private void Hit(string key)
    {
        var now = time.GetUtcNow();
        var ends = now + Window;
        Counters.AddOrUpdate(key, _ => (1, ends), (_, c) => c.Ends > now ? (c.Count + 1, c.Ends) : (1, ends));
        if (Counters.Count > PruneAbove)
        {
            foreach (var entry in Counters.Where(e => e.Value.Ends <= now))
            {
                Counters.TryRemove(entry.Key, out _);
            }
        }
    }

    private static TimeSpan? Longest(params TimeSpan?[] waits) =>
        waits.Where(w => w is not null).Select(w => w!.Value).DefaultIfEmpty().Max() is var max && max > TimeSpan.Zero ? max : null;
}

/// <summary>
/// An unknown address costs the same password hash as a known one, so the answer's timing does not
/// tell whether an address has an account.
/// </summary>
public sealed class DummyPassword(IPasswordHasher<AppUser> hasher)
{
    private static readonly AppUser Nobody = new();

    // One hash for the process (made by the first request that needs it): hashing per request
    // would make an unknown address slower than a known one. The hasher itself is scoped (Identity's).
    private static string? s_hash;

    public void Verify(string password)
    {
        var hash = s_hash ??= hasher.HashPassword(Nobody, Guid.NewGuid().ToString("N"));
        hasher.VerifyHashedPassword(Nobody, hash, password);
    }
}

public static class SignInThrottleRegistration
{
    public static IServiceCollection AddSignInThrottle(this IServiceCollection services)
    {
        services.AddOptions<SignInThrottleOptions>().BindConfiguration(SignInThrottleOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AttemptCounters>();
        services.AddScoped<SignInThrottle>();
        services.AddScoped<DummyPassword>();
        return services;
    }
}
