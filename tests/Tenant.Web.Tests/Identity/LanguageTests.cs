using System.Net;
using Microsoft.EntityFrameworkCore;
using Schoolplein.Platform.Persistence;
using Schoolplein.Tenant.Web.Tests.Tenancy;
using Schoolplein.Testing;
using Xunit;

namespace Schoolplein.Tenant.Web.Tests.Identity;

public sealed class LanguageTests(TwoSchoolsApp app) : IClassFixture<TwoSchoolsApp>
{
    [Fact]
    public async Task PagesAreDutchByDefaultEvenForAnEnglishBrowser()
    {
        using var client = app.ClientFor("alfa");
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US,en;q=0.9");
        var html = await client.GetStringAsync("/Account/SignIn");
        Assert.Contains("lang=\"nl\"", html);
        Assert.Contains("Wachtwoord", html);
    }

    [Fact]
    public async Task ASignedInUserSwitchesToEnglishAndItIsRemembered()
    {
        var id = await app.A.AddUserAsync("english@alfa.test");
        using var client = app.ClientFor("alfa");
        await SchoolApp.SignInAsync(client, "english@alfa.test");
        using var response = await client.PostFormAsync("/Account/Language", new Dictionary<string, string>
        {
            ["language"] = "en",
            ["returnUrl"] = "/",
        }, "/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var html = await client.GetStringAsync("/");
        Assert.Contains("lang=\"en\"", html);
        Assert.Contains("Sign out", html);
        var stored = await app.InSchoolAsync(app.A.Id, scope => scope.Get<SchoolpleinDb>().Users.Where(u => u.Id == id).Select(u => u.Language).SingleAsync());
        Assert.Equal("en", stored);

        // A new device: signing in brings the language back.
        using var other = app.ClientFor("alfa");
        await SchoolApp.SignInAsync(other, "english@alfa.test");
        Assert.Contains("Sign out", await other.GetStringAsync("/"));
    }

    [Fact]
    public async Task AnExternalReturnUrlIsNotFollowed()
    {
        using var client = app.ClientFor("alfa");
        using var response = await client.PostFormAsync("/Account/Language", new Dictionary<string, string>
        {
            ["language"] = "en",
            ["returnUrl"] = "https://evil.example/",
        }, "/");
        Assert.Equal("/", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task AReturnUrlWithCharactersOutsideAsciiIsFollowedPercentEncoded()
    {
        using var client = app.ClientFor("alfa");
        using var response = await client.PostFormAsync("/Account/Language", new Dictionary<string, string>
        {
            ["language"] = "en",
            ["returnUrl"] = "/agenda?q=café¿",
        }, "/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/agenda?q=caf%C3%A9%C2%BF", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task AReturnUrlWithAControlCharacterGoesHome()
    {
        using var client = app.ClientFor("alfa");
        using var response = await client.PostFormAsync("/Account/Language", new Dictionary<string, string>
        {
            ["language"] = "en",
            ["returnUrl"] = "/agenda\u0001",
        }, "/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }
}
