using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Schoolplein.Platform.Accounts;
using Schoolplein.Platform.Identity;
using Schoolplein.Tenant.Web.Tests.Profiles;
using Schoolplein.Testing;
using Xunit;

namespace Schoolplein.Tenant.Web.Tests.Identity;

/// <summary>
/// <see cref="ProfileApp"/> with the default identity settings (security stamp checked every 30 minutes):
/// revocation must not depend on that interval.
/// </summary>
public sealed class DefaultSettingsApp : ProfileApp
{
    protected override void Configure(IDictionary<string, string?> settings)
    {
    }
}

/// <summary>Issue 15 item 2: every way of ending a session takes effect on the other device's next request.</summary>
public sealed class SessionRevocationTests(DefaultSettingsApp app) : IClassFixture<DefaultSettingsApp>
{
    private const string NewPassword = "een-nieuw-lang-wachtwoord-8";

    private static async Task<bool> IsSignedInAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/Account/Settings");
        return response.StatusCode == HttpStatusCode.OK;
    }

    private async Task<(HttpClient Phone, HttpClient Laptop)> TwoDevicesAsync(string email)
    {
        var phone = await app.SignedInAsync(app.A, email);
        var laptop = await app.SignedInAsync(app.A, email);
        Assert.True(await IsSignedInAsync(phone));
        Assert.True(await IsSignedInAsync(laptop));
        return (phone, laptop);
    }

    [Fact]
    public async Task SigningOutEverywhereEndsTheOtherDevicesAtOnce()
    {
        var email = app.NewEmail("overal");
        await app.A.AddUserAsync(email, Roles.Parent);
        var (phone, laptop) = await TwoDevicesAsync(email);
        using (phone)
        using (laptop)
        {
            using var response = await phone.PostFormAsync("/Account/Settings/Security?handler=SignOutEverywhere", new Dictionary<string, string>(), "/Account/Settings/Security");
            Assert.False(await IsSignedInAsync(laptop));
            Assert.False(await IsSignedInAsync(phone));
        }
    }

    [Fact]
    public async Task ChangingThePasswordEndsTheOtherDevicesAtOnceAndKeepsThisOne()
    {
        var email = app.NewEmail("ww");
        await app.A.AddUserAsync(email, Roles.Parent);
        var (phone, laptop) = await TwoDevicesAsync(email);
        using (phone)
        using (laptop)
        {
            using var response = await phone.PostFormAsync("/Account/Settings/Security?handler=Password", new Dictionary<string, string>
            {
                ["CurrentPassword"] = SchoolApp.Password,
                ["NewPassword"] = NewPassword,
            }, "/Account/Settings/Security");
            Assert.Contains("Je wachtwoord is gewijzigd.", await ProfileApp.TextAsync(response));
            Assert.False(await IsSignedInAsync(laptop));
            Assert.True(await IsSignedInAsync(phone));
        }
    }

    [Fact]
    public async Task ADeactivatedTeachersOpenSessionEndsAtOnce()
    {
        var email = app.NewEmail("juf");
        var teacher = await app.A.AddUserAsync(email, Roles.Teacher);
        using var client = await app.SignedInAsync(app.A, email);
        Assert.True(await IsSignedInAsync(client));
        await app.InSchoolAsync(app.A.Id, async scope =>
        {
            // As another admin of the school would, through the one staff service.
            scope.ActAs(Guid.CreateVersion7(), Roles.SchoolAdmin);
            Assert.True((await scope.Get<StaffAccounts>().SetActiveAsync(teacher, active: false)).Succeeded);
        });
        Assert.False(await IsSignedInAsync(client));
    }

    [Fact]
    public async Task ARoleChangeEndsTheOpenSessionAtOnce()
    {
        var email = app.NewEmail("rol");
        var teacher = await app.A.AddUserAsync(email, Roles.SchoolAdmin);
        using var client = await app.SignedInAsync(app.A, email);
        Assert.True(await IsSignedInAsync(client));
        await app.InSchoolAsync(app.A.Id, async scope =>
        {
            scope.ActAs(Guid.CreateVersion7(), Roles.SchoolAdmin);
            Assert.True((await scope.Get<StaffAccounts>().SetRoleAsync(teacher, Roles.Teacher)).Succeeded);
        });
        Assert.False(await IsSignedInAsync(client));
    }

    [Fact]
    public async Task ACopyOfTheCookieSavedBeforeSigningOutNoLongerWorks()
    {
        var email = app.NewEmail("kopie");
        await app.A.AddUserAsync(email, Roles.Parent);
        var cookies = new CookieContainer();
        using var client = new HttpClient(new CookieContainerHandler(cookies) { InnerHandler = app.Server.CreateHandler() })
        {
            BaseAddress = new Uri("http://alfa.localhost/"),
        };
        await SchoolApp.SignInAsync(client, email);
        var saved = cookies.GetCookies(new Uri("http://alfa.localhost/")).Single(c => c.Name == "schoolplein.auth");
        var copy = $"{saved.Name}={saved.Value}";
        using (var before = await app.GetWithCookieAsync("alfa.localhost", "/Account/Settings", copy))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using var signOut = await client.PostFormAsync("/Account/SignOut", new Dictionary<string, string>(), "/Account/Settings");
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);

        using var after = await app.GetWithCookieAsync("alfa.localhost", "/Account/Settings", copy);
        Assert.NotEqual(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task TheDevicesAreListedAndTheOthersCanBeSignedOutFromThisOne()
    {
        var email = app.NewEmail("apparaten");
        await app.A.AddUserAsync(email, Roles.Parent);
        var (phone, laptop) = await TwoDevicesAsync(email);
        using (phone)
        using (laptop)
        {
            var list = await ProfileApp.TextAsync(await phone.GetAsync("/Account/Settings/Sessions"));
            Assert.Contains("Ingelogde apparaten", list);
            Assert.Contains("dit apparaat", list);
            Assert.Equal(2, (await phone.GetHtmlAsync("/Account/Settings/Sessions")).QuerySelectorAll("li.session").Length);

            using var response = await phone.PostFormAsync("/Account/Settings/Sessions?handler=Others", new Dictionary<string, string>(), "/Account/Settings/Sessions");
            Assert.Contains("Andere apparaten uitgelogd: 1.", await ProfileApp.TextAsync(response));
            Assert.False(await IsSignedInAsync(laptop));
            Assert.True(await IsSignedInAsync(phone));
            Assert.Single((await phone.GetHtmlAsync("/Account/Settings/Sessions")).QuerySelectorAll("li.session"));

            using var self = await phone.PostFormAsync("/Account/Settings/Sessions?handler=ThisDevice", new Dictionary<string, string>(), "/Account/Settings/Sessions");
            Assert.False(await IsSignedInAsync(phone));
        }
    }

    [Fact]
    public async Task ASessionOfOneSchoolIsNotListedNorRevocableAtAnother()
    {
        var email = app.NewEmail("twee");
        await app.A.AddUserAsync(email, Roles.Parent);
        await app.B.AddUserAsync(email, Roles.Parent);
        using var inA = await app.SignedInAsync(app.A, email);
        using var inB = await app.SignedInAsync(app.B, email);
        using var response = await inB.PostFormAsync("/Account/Settings/Sessions?handler=Others", new Dictionary<string, string>(), "/Account/Settings/Sessions");
        Assert.Contains("Andere apparaten uitgelogd: 0.", await ProfileApp.TextAsync(response));
        Assert.True(await IsSignedInAsync(inA));
        Assert.True(await IsSignedInAsync(inB));
    }
}
