using System.Net;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Schoolplein.Backoffice.Persistence;
using Schoolplein.Testing;
using Xunit;

namespace Schoolplein.Backoffice.Tests.Account;

/// <summary>Issue 15 item 2: "Uitloggen" in the backoffice ends the session on the server, with the default settings.</summary>
public sealed class SessionRevocationTests(BackofficeTestApp app) : IClassFixture<BackofficeTestApp>
{
    [Fact]
    public async Task ACookieSavedBeforeSigningOutNoLongerOpensAnything()
    {
        var email = $"uit{Guid.NewGuid():N}"[..14] + "@schoolplein.test";
        var key = await app.CreateStaffAsync(email, BackofficeTestApp.StaffPassword, enrolled: true, BackofficeRoles.Admin);
        var cookies = new CookieContainer();
        using var client = new HttpClient(new CookieContainerHandler(cookies) { InnerHandler = app.Server.CreateHandler() })
        {
            BaseAddress = new Uri("http://backoffice.localhost/"),
        };
        await app.SignInAsync(client, email, BackofficeTestApp.StaffPassword, key);
        var saved = cookies.GetCookies(new Uri("http://backoffice.localhost/"))["schoolplein.backoffice"]!;
        var copy = $"{saved.Name}={saved.Value}";
        using (var before = await app.GetWithCookieAsync("/Schools/New", copy))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using (var signOut = await client.PostFormAsync("/Account/SignOut", new Dictionary<string, string>(), "/"))
        {
            Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        }

        using var after = await app.GetWithCookieAsync("/Schools/New", copy);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/Account/SignIn", after.Headers.Location!.ToString());
    }
}
