using System.Net;
using Microsoft.AspNetCore.Identity;
using Schoolplein.Platform.Identity;
using Schoolplein.Testing;
using Xunit;

namespace Schoolplein.Tenant.Web.Tests.Identity;

/// <summary>Issue 15 item 1: a user id and a made-up token reveal nothing of the account.</summary>
public sealed class ResetPasswordLeakTests(DefaultSettingsApp app) : IClassFixture<DefaultSettingsApp>
{
    [Theory]
    [InlineData("anything", false)]
    [InlineData("anything", true)]
    public async Task AResetLinkWithAWrongTokenShowsNoEmailAddress(string token, bool invitation)
    {
        var email = app.NewEmail("geheim");
        var id = await app.A.AddUserAsync(email, Roles.Parent);
        using var anonymous = app.ClientFor("alfa");
        var url = $"/Account/ResetPassword?userId={id}&token={token}&invitation={(invitation ? "true" : "false")}";
        using var get = await anonymous.GetAsync(url);
        var html = WebUtility.HtmlDecode(await get.Content.ReadAsStringAsync());
        Assert.DoesNotContain(email, html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("name=\"Password\"", html);

        using var post = await anonymous.PostFormAsync(url, new Dictionary<string, string>
        {
            ["userId"] = id.ToString(), ["token"] = token, ["Password"] = "een-heel-lang-wachtwoord-1",
        }, url);
        Assert.DoesNotContain(email, WebUtility.HtmlDecode(await post.Content.ReadAsStringAsync()), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AResetLinkWithTheRightTokenStillShowsTheFormAndWorks()
    {
        var email = app.NewEmail("echt");
        var id = await app.A.AddUserAsync(email, Roles.Parent);
        var token = await app.InSchoolAsync(app.A.Id, async scope =>
        {
            var users = scope.Get<UserManager<AppUser>>();
            return await users.GeneratePasswordResetTokenAsync((await users.FindByIdAsync(id.ToString()))!);
        });
        using var anonymous = app.ClientFor("alfa");
        var url = $"/Account/ResetPassword?userId={id}&token={Uri.EscapeDataString(token)}";
        using var get = await anonymous.GetAsync(url);
        Assert.Contains("name=\"Password\"", await get.Content.ReadAsStringAsync());
        using var post = await anonymous.PostFormAsync("/Account/ResetPassword", new Dictionary<string, string>
        {
            ["userId"] = id.ToString(), ["token"] = token, ["Password"] = "een-heel-lang-wachtwoord-1",
        }, url);
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        await SchoolApp.SignInAsync(app.ClientFor("alfa"), email, "een-heel-lang-wachtwoord-1");
    }
}

/// <summary>Issue 15 item 4: the e-mail-change confirmation checks the token before it compares addresses.</summary>
public sealed class EmailChangeLeakTests(DefaultSettingsApp app) : IClassFixture<DefaultSettingsApp>
{
    [Fact]
    public async Task AMadeUpLinkWithTheAccountsOwnAddressDoesNotConfirmTheAddress()
    {
        var email = app.NewEmail("gok");
        var id = await app.A.AddUserAsync(email, Roles.Parent);
        using var anonymous = app.ClientFor("alfa");
        var link = $"/Account/ConfirmEmail?userId={id}&email={Uri.EscapeDataString(email)}&token=verzonnen";
        using var response = await anonymous.PostFormAsync("/Account/ConfirmEmail", new Dictionary<string, string>
        {
            ["userId"] = id.ToString(), ["email"] = email, ["token"] = "verzonnen",
        }, link);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Deze link werkt niet (meer).", html);
        Assert.DoesNotContain("Je e-mailadres is gewijzigd", html);
    }
}
