using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Schoolplein.Platform.Clock;
using Schoolplein.Platform.Identity;
using Schoolplein.Testing;
using Xunit;

namespace Schoolplein.Tenant.Web.Tests.Identity;

/// <summary>Issue 15 item 4: the auth cookie is <c>__Host-</c> and Secure in production; plain http keeps working elsewhere.</summary>
public sealed class HostCookieTests
{
    private static CookieAuthenticationOptions CookieIn(string environment, string? scheme = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = environment, DisableDefaults = true });
        if (scheme is not null)
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Tenancy:PublicScheme"] = scheme });
        }
        // The test's own clock, as every test app has (the cookie options read no time, but nothing here reads the machine's).
        builder.Services.AddSingleton<TimeProvider>(new StartedClock(SchoolApp.DefaultStart));
        builder.AddSchoolIdentity();
        using var services = builder.Services.BuildServiceProvider();
        return services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
    }

    [Fact]
    public void InProductionTheCookieHasTheHostPrefixAndIsAlwaysSecure()
    {
        var cookie = CookieIn(Environments.Production, "https");
        Assert.Equal("__Host-schoolplein.auth", cookie.Cookie.Name);
        Assert.Equal(CookieSecurePolicy.Always, cookie.Cookie.SecurePolicy);
        Assert.Null(cookie.Cookie.Domain);
        Assert.Equal("/", cookie.Cookie.Path);
    }

    [Theory]
    [InlineData("Development", null)]
    [InlineData("Testing", null)]
    [InlineData("Production", "http")]
    public void DevelopmentTestsAndPlainHttpKeepThePlainName(string environment, string? scheme)
    {
        var cookie = CookieIn(environment, scheme);
        Assert.Equal("schoolplein.auth", cookie.Cookie.Name);
        Assert.Equal(CookieSecurePolicy.SameAsRequest, cookie.Cookie.SecurePolicy);
    }
}
