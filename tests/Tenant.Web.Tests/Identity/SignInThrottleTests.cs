using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Schoolplein.Platform.Identity;
using Schoolplein.Tenant.Web.Tests.Profiles;
using Schoolplein.Testing;
using Xunit;

namespace Schoolplein.Tenant.Web.Tests.Identity;

/// <summary>
/// Default settings, and each client its own remote address: the in-process host has none, so a test
/// header stands in for the connection's address (set before anything else in the pipeline).
/// </summary>
public sealed class ThrottleApp : ProfileApp
{
    public const string IpHeader = "X-Test-Remote-Ip";
    /// <summary>The one proxy whose X-Forwarded-For this app believes.</summary>
    public const string Proxy = "10.9.9.9";

    protected override void Configure(IDictionary<string, string?> settings) =>
        settings["ForwardedHeaders:KnownProxies:0"] = Proxy;

    protected override void ConfigureTestServices(IServiceCollection services) =>
        services.AddSingleton<IStartupFilter, RemoteIpFromHeader>();

    public HttpClient ClientFrom(string slug, string ip)
    {
        var client = ClientFor(slug);
        client.DefaultRequestHeaders.Add(IpHeader, ip);
        return client;
    }

    private sealed class RemoteIpFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext http, RequestDelegate then) =>
            {
                if (IPAddress.TryParse(http.Request.Headers[IpHeader].ToString(), out var ip))
                {
                    http.Connection.RemoteIpAddress = ip;
                }
                return then(http);
            });
            next(app);
        };
    }
}

/// <summary>Issue 15 item 3: sign-in and forgotten-password are throttled; a stranger cannot lock a parent out.</summary>
public sealed class SignInThrottleTests(ThrottleApp app) : IClassFixture<ThrottleApp>
{
    private static Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password) =>
        client.PostFormAsync("/Account/SignIn", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });

    [Fact]
    public async Task AStrangerWhoGuessesWrongIsThrottledButTheParentStillSignsInFromTheirOwnPhone()
    {
        var email = app.NewEmail("doelwit");
        await app.A.AddUserAsync(email, Roles.Parent);
        using var stranger = app.ClientFrom("alfa", "203.0.113.7");
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await SignInAsync(stranger, email, "fout-wachtwoord-" + i);
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }
        using (var refused = await SignInAsync(stranger, email, SchoolApp.Password))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single()) > 0);
            Assert.Contains("Te veel mislukte pogingen", await ProfileApp.TextAsync(refused));
        }

        using var parent = app.ClientFrom("alfa", "198.51.100.20");
        using var signedIn = await SignInAsync(parent, email, SchoolApp.Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
    }

    [Fact]
    public async Task ManyFailuresFromOneAddressAreAnswered429WithRetryAfterInEnglishToo()
    {
        using var client = app.ClientFrom("alfa", "203.0.113.40");
        using (var english = await client.PostFormAsync("/Account/Language", new Dictionary<string, string> { ["language"] = "en", ["returnUrl"] = "/" }, "/Account/SignIn"))
        {
            Assert.Equal(HttpStatusCode.Redirect, english.StatusCode);
        }
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 40; i++)
        {
            last?.Dispose();
            last = await SignInAsync(client, $"onbekend{i}@ouders.test", "fout-wachtwoord-1");
            statuses.Add(last.StatusCode);
        }
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, last!.StatusCode);
        Assert.True(last.Headers.Contains("Retry-After"));
        Assert.Contains("Too many failed attempts", await ProfileApp.TextAsync(last));
        last.Dispose();
    }

    [Fact]
    public async Task TwentyForgottenPasswordRequestsSendOnlyAFewMails()
    {
        var email = app.NewEmail("vergeten");
        await app.A.AddUserAsync(email, Roles.Parent);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++)
        {
            using var client = app.ClientFrom("alfa", $"198.51.100.{100 + i}");
            using var response = await client.PostFormAsync("/Account/ForgotPassword", new Dictionary<string, string> { ["Email"] = email });
            statuses.Add(response.StatusCode);
        }
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(3, await app.CountAsync("SELECT count(*) FROM outbox_emails WHERE to_address = $1", email));
    }

    [Fact]
    public async Task ForgottenPasswordRequestsFromOneAddressAreThrottled()
    {
        using var client = app.ClientFrom("alfa", "203.0.113.90");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 25; i++)
        {
            using var response = await client.PostFormAsync("/Account/ForgotPassword", new Dictionary<string, string> { ["Email"] = $"wie{i}@ouders.test" });
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(response.Headers.Contains("Retry-After"));
            }
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task AnUnknownAddressTakesAboutAsLongAsAWrongPasswordForAKnownOne()
    {
        var email = app.NewEmail("tijd");
        await app.A.AddUserAsync(email, Roles.Parent);
        var warmUp = app.NewEmail("opwarmen");
        await app.A.AddUserAsync(warmUp, Roles.Parent);
        async Task<double> MedianAsync(string address, int round)
        {
            var times = new List<double>();
            for (var i = 0; i < 4; i++)
            {
                // A fresh address per attempt, so the throttle never answers instead.
                using var client = app.ClientFrom("alfa", $"10.{round}.{i}.1");
                var clock = Stopwatch.StartNew();
                using var response = await SignInAsync(client, address, "fout-wachtwoord-1");
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            return times[times.Count / 2];
        }
        // Fewer than five failures per account, so the old lockout (which skips the hash) cannot make a known address fast.
        await MedianAsync(warmUp, 1);
        var known = await MedianAsync(email, 2);
        var unknown = await MedianAsync("niemand@ouders.test", 3);
        // The password hash (tens of milliseconds) dominates both; without it an unknown address answers far faster.
        Assert.True(unknown > known / 3, $"unknown {unknown:F1} ms vs known {known:F1} ms");
    }

    [Fact]
    public async Task ALocalClientCannotChooseItsAddressWithXForwardedFor()
    {
        // Loopback is no configured proxy: its X-Forwarded-For is ignored, so the per-address limit still counts it as one.
        using var client = app.ClientFrom("alfa", "127.0.0.1");
        HttpStatusCode last = default;
        for (var i = 0; i < 40; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/Account/SignIn")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["__RequestVerificationToken"] = await Forms.AntiforgeryTokenAsync(client, "/Account/SignIn"),
                    ["Input.Email"] = $"lus{i}@ouders.test",
                    ["Input.Password"] = "fout-wachtwoord-1",
                }),
            };
            request.Headers.Add("X-Forwarded-For", $"203.0.113.{i + 1}");
            using var response = await client.SendAsync(request);
            last = response.StatusCode;
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, last);
    }

    [Fact]
    public async Task TheConfiguredProxysXForwardedForIsBelieved()
    {
        var email = app.NewEmail("proxy");
        await app.A.AddUserAsync(email, Roles.Parent);
        using var client = app.ClientFrom("alfa", ThrottleApp.Proxy);
        async Task<HttpStatusCode> ViaProxyAsync(string from, string password)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/Account/SignIn")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["__RequestVerificationToken"] = await Forms.AntiforgeryTokenAsync(client, "/Account/SignIn"),
                    ["Input.Email"] = email,
                    ["Input.Password"] = password,
                }),
            };
            request.Headers.Add("X-Forwarded-For", from);
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, await ViaProxyAsync("203.0.113.200", "fout-wachtwoord-" + i));
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, await ViaProxyAsync("203.0.113.200", SchoolApp.Password));
        Assert.Equal(HttpStatusCode.Redirect, await ViaProxyAsync("198.51.100.200", SchoolApp.Password));
    }
}
