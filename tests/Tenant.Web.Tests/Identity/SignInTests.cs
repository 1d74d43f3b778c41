using System.Net;
using Microsoft.AspNetCore.Identity;
using Schoolplein.Platform.Identity;
using Schoolplein.Tenant.Web.Tests.Tenancy;
using Schoolplein.Testing;
using Xunit;

namespace Schoolplein.Tenant.Web.Tests.Identity;

public sealed class SignInTests(TwoSchoolsApp app) : IClassFixture<TwoSchoolsApp>
{
    private static async Task<(HttpStatusCode Status, string Html)> SignInAsync(HttpClient client, string email, string password)
    {
        using var response = await client.PostFormAsync("/Account/SignIn", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AParentSignsInSeesTheirChildAndSignsOut()
    {
        using var client = app.ClientFor("alfa");
        var (status, _) = await SignInAsync(client, app.InA.ParentEmail, SchoolApp.Password);
        Assert.Equal(HttpStatusCode.Redirect, status);
        var home = await client.GetStringAsync("/");
        Assert.Contains(app.InA.PupilName, home);
        using var signOut = await client.PostFormAsync("/Account/SignOut", new Dictionary<string, string>(), "/");
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        var after = await client.GetStringAsync("/");
        Assert.DoesNotContain(app.InA.PupilName, after);
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("ouder@alfa.test", "")]
    [InlineData("onbekend@alfa.test", "Correct-horse-battery-9")]
    [InlineData("ouder@alfa.test", "verkeerd-wachtwoord")]
    public async Task WrongOrMissingCredentialsGetAClearDutchMessageAndNoCookie(string email, string password)
    {
        using var client = app.ClientFor("alfa");
        using var response = await client.PostFormAsync("/Account/SignIn", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(html.Contains("klopt niet", StringComparison.Ordinal) || html.Contains("Vul je e-mailadres", StringComparison.Ordinal), html);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("schoolplein.auth=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task FiveFailedAttemptsFromOneAddressAreRefusedThereEvenForTheRightPassword()
    {
        // Only for the address that failed (see SignInThrottleTests): the account itself is not locked.
        await app.A.AddUserAsync("slot@alfa.test");
        using var client = app.ClientFor("alfa");
        for (var i = 0; i < 5; i++)
        {
            await SignInAsync(client, "slot@alfa.test", "fout-wachtwoord-" + i);
        }
        var (status, html) = await SignInAsync(client, "slot@alfa.test", SchoolApp.Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Contains("Te veel mislukte pogingen", html);
    }

    [Fact]
    public async Task AnUnconfirmedAccountIsToldToActivateOnlyAfterTheRightPassword()
    {
        var id = await app.A.AddUserAsync("nieuw@alfa.test");
        await app.Database.ExecuteAsync("UPDATE users SET email_confirmed = false WHERE id = $1", id);
        using var client = app.ClientFor("alfa");
        var (_, wrong) = await SignInAsync(client, "nieuw@alfa.test", "niet-het-wachtwoord");
        Assert.DoesNotContain("geactiveerd", wrong);
        var (status, right) = await SignInAsync(client, "nieuw@alfa.test", SchoolApp.Password);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("nog niet geactiveerd", right);
    }

    [Fact]
    public async Task ADeactivatedAccountCannotSignIn()
    {
        var id = await app.A.AddUserAsync("weg@alfa.test", Roles.Teacher);
        await app.Database.ExecuteAsync("UPDATE users SET deactivated_at = now() WHERE id = $1", id);
        using var client = app.ClientFor("alfa");
        var (status, html) = await SignInAsync(client, "weg@alfa.test", SchoolApp.Password);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("klopt niet", html);
    }

    [Theory]
    [InlineData("kort", "PasswordTooShort")]
    [InlineData("123456789", "PasswordTooShort")]
    [InlineData("1234567890", "CommonPassword")]
    [InlineData("qwertyuiop", "CommonPassword")]
    [InlineData("Wachtwoord123", "CommonPassword")]
    public async Task ShortAndCommonPasswordsAreRefusedWithADutchReason(string password, string code)
    {
        var result = await app.InSchoolAsync(app.A.Id, scope => scope.Get<UserManager<AppUser>>().CreateAsync(
            new AppUser { UserName = $"{code}{password.Length}@alfa.test", Email = $"{code}{password.Length}@alfa.test" }, password));
        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors, e => e.Code == code);
        Assert.Matches("(tekens|te vaak gebruikt)", error.Description);
    }

    [Fact]
    public async Task ALongPasswordWithoutCompositionRulesIsAccepted()
    {
        var result = await app.InSchoolAsync(app.A.Id, scope => scope.Get<UserManager<AppUser>>().CreateAsync(
            new AppUser { UserName = "zin@alfa.test", Email = "zin@alfa.test" }, "fietsen langs de vecht"));
        Assert.True(result.Succeeded, string.Join(", ", result.Errors.Select(e => e.Code)));
    }
}
