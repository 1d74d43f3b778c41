using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Schoolplein.Testing;
using Xunit;

namespace Schoolplein.Tenant.Web.Tests.Profiles;

public sealed class AccountSecurityTests(ProfileApp app) : IClassFixture<ProfileApp>
{
    private const string NewPassword = "een-nieuw-lang-wachtwoord-8";

    private static async Task<bool> IsSignedInAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/Account/Settings");
        return response.StatusCode == HttpStatusCode.OK;
    }

    private static async Task<bool> CanSignInAsync(SchoolApp app, string slug, string email, string password)
    {
        using var client = app.ClientFor(slug);
        using var response = await client.PostFormAsync("/Account/SignIn", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });
        return response.StatusCode == HttpStatusCode.Redirect;
    }

    [Fact]
    public async Task ChangingThePasswordKeepsThisSessionAndEndsTheOthers()
    {
        var email = app.NewEmail("wachtwoord");
        await app.A.AddUserAsync(email);
        using var phone = await app.SignedInAsync(app.A, email);
        using var laptop = await app.SignedInAsync(app.A, email);

        using var response = await phone.PostFormAsync("/Account/Settings/Security?handler=Password", new Dictionary<string, string>
        {
            ["CurrentPassword"] = SchoolApp.Password,
            ["NewPassword"] = NewPassword,
        }, "/Account/Settings/Security");
        Assert.Contains("Je wachtwoord is gewijzigd.", await ProfileApp.TextAsync(response));
        Assert.True(await IsSignedInAsync(phone));
        Assert.False(await IsSignedInAsync(laptop));
        Assert.False(await CanSignInAsync(app, "alfa", email, SchoolApp.Password));
        Assert.True(await CanSignInAsync(app, "alfa", email, NewPassword));
    }

    [Theory]
    [InlineData("", NewPassword, "Vul je huidige wachtwoord in.")]
    [InlineData("verkeerd-wachtwoord-1", NewPassword, "Je huidige wachtwoord klopt niet.")]
    [InlineData(SchoolApp.Password, "", "Kies een nieuw wachtwoord.")]
    [InlineData(SchoolApp.Password, "kort", "minstens 10 tekens")]
    [InlineData(SchoolApp.Password, "wachtwoord123", "te vaak gebruikt")]
    public async Task BadPasswordChangesGetAClearMessageAndChangeNothing(string current, string next, string message)
    {
        var email = app.NewEmail("fout-ww");
        var id = await app.A.AddUserAsync(email);
        var hash = await app.Database.ScalarAsync<string>("SELECT password_hash FROM users WHERE id = $1", id);
        using var client = await app.SignedInAsync(app.A, email);
        using var response = await client.PostFormAsync("/Account/Settings/Security?handler=Password", new Dictionary<string, string>
        {
            ["CurrentPassword"] = current,
            ["NewPassword"] = next,
        }, "/Account/Settings/Security");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, await ProfileApp.TextAsync(response));
        Assert.Equal(hash, await app.Database.ScalarAsync<string>("SELECT password_hash FROM users WHERE id = $1", id));
        Assert.True(await IsSignedInAsync(client));
    }

    [Fact]
    public async Task SigningOutEverywhereEndsEverySession()
    {
        var email = app.NewEmail("overal");
        await app.A.AddUserAsync(email);
        using var phone = await app.SignedInAsync(app.A, email);
        using var laptop = await app.SignedInAsync(app.A, email);
        Assert.True(await IsSignedInAsync(laptop));

        using var response = await phone.PostFormAsync("/Account/Settings/Security?handler=SignOutEverywhere", new Dictionary<string, string>(), "/Account/Settings/Security");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/SignIn", response.Headers.Location?.OriginalString);
        Assert.Contains("Je bent op al je apparaten uitgelogd.", await phone.GetStringAsync("/Account/SignIn"));
        Assert.False(await IsSignedInAsync(phone));
        Assert.False(await IsSignedInAsync(laptop));
        // Signing in again works.
        Assert.True(await CanSignInAsync(app, "alfa", email, SchoolApp.Password));
    }

    [Fact]
    public async Task ANewEmailAddressTakesEffectOnlyThroughTheLinkMailedToIt()
    {
        var oldEmail = app.NewEmail("oud");
        var newEmail = app.NewEmail("nieuw");
        var id = await app.A.AddUserAsync(oldEmail);
        using var client = await app.SignedInAsync(app.A, oldEmail);
        using var other = await app.SignedInAsync(app.A, oldEmail);

        using (var requested = await client.PostFormAsync("/Account/Settings/Email", new Dictionary<string, string>
        {
            ["NewEmail"] = newEmail,
            ["CurrentPassword"] = SchoolApp.Password,
        }))
        {
            Assert.Contains($"We hebben een e-mail gestuurd naar {newEmail}.", await ProfileApp.TextAsync(requested));
        }
        var mail = await app.Mail.WaitForMessageAsync(newEmail);
        Assert.Equal("Bevestig je nieuwe e-mailadres", mail.Subject);
        Assert.Equal(oldEmail, await app.Database.ScalarAsync<string>("SELECT email FROM users WHERE id = $1", id));
        Assert.True(await CanSignInAsync(app, "alfa", oldEmail, SchoolApp.Password));

        // Opening the link changes nothing yet (mail scanners open links); the button does.
        var link = ProfileApp.LinkIn(mail, "/Account/ConfirmEmail");
        using var browser = app.ClientFor("alfa");
        var confirmPage = await browser.GetHtmlAsync(link);
        Assert.Contains(newEmail, confirmPage.QuerySelector("main")!.TextContent);
        Assert.Equal(oldEmail, await app.Database.ScalarAsync<string>("SELECT email FROM users WHERE id = $1", id));
        var query = QueryHelpers.ParseQuery(new Uri("http://x" + link).Query);
        var fields = new Dictionary<string, string> { ["userId"] = query["userId"]!, ["email"] = query["email"]!, ["token"] = query["token"]! };
        using (var confirmed = await browser.PostFormAsync("/Account/ConfirmEmail", fields, link))
        {
            Assert.Contains($"Je e-mailadres is gewijzigd in {newEmail}.", await ProfileApp.TextAsync(confirmed));
        }
        Assert.Equal(newEmail, await app.Database.ScalarAsync<string>("SELECT email FROM users WHERE id = $1", id));
        Assert.Equal(newEmail, await app.Database.ScalarAsync<string>("SELECT user_name FROM users WHERE id = $1", id));

        var notice = await app.Mail.WaitForMessageAsync(oldEmail);
        Assert.Equal("Je e-mailadres is gewijzigd", notice.Subject);
        Assert.Contains(newEmail, notice.TextBody);
        Assert.True(await CanSignInAsync(app, "alfa", newEmail, SchoolApp.Password));
        Assert.False(await CanSignInAsync(app, "alfa", oldEmail, SchoolApp.Password));
        Assert.False(await IsSignedInAsync(other));

        // The used link no longer works (the change renewed the stamp), and says so without confirming any address.
        using var again = await browser.PostFormAsync("/Account/ConfirmEmail", fields, link);
        Assert.Contains("Deze link werkt niet (meer).", await ProfileApp.TextAsync(again));
        Assert.Equal(newEmail, await app.Database.ScalarAsync<string>("SELECT email FROM users WHERE id = $1", id));
    }

    [Fact]
    public async Task AnEmailChangeLinkOfOneSchoolDoesNotWorkAtAnother()
    {
        var oldEmail = app.NewEmail("school-a");
        var newEmail = app.NewEmail("school-a-nieuw");
        var id = await app.A.AddUserAsync(oldEmail);
        using var client = await app.SignedInAsync(app.A, oldEmail);
        using (await client.PostFormAsync("/Account/Settings/Email", new Dictionary<string, string> { ["NewEmail"] = newEmail, ["CurrentPassword"] = SchoolApp.Password }))
        {
        }
        var link = ProfileApp.LinkIn(await app.Mail.WaitForMessageAsync(newEmail), "/Account/ConfirmEmail");
        var query = QueryHelpers.ParseQuery(new Uri("http://x" + link).Query);
        using var bravo = app.ClientFor("bravo");
        using var response = await bravo.PostFormAsync("/Account/ConfirmEmail",
            new Dictionary<string, string> { ["userId"] = query["userId"]!, ["email"] = query["email"]!, ["token"] = query["token"]! }, link);
        Assert.Contains("Deze link werkt niet (meer).", await ProfileApp.TextAsync(response));
        Assert.Equal(oldEmail, await app.Database.ScalarAsync<string>("SELECT email FROM users WHERE id = $1", id));
    }

    [Fact]
    public async Task AnAddressThatBelongsToAnotherAccountGetsNoMailAndTheSameAnswer()
    {
        var email = app.NewEmail("bezet-a");
        var taken = app.NewEmail("bezet-b");
        var id = await app.A.AddUserAsync(email);
        await app.A.AddUserAsync(taken);
        using var client = await app.SignedInAsync(app.A, email);
        using var response = await client.PostFormAsync("/Account/Settings/Email", new Dictionary<string, string> { ["NewEmail"] = taken, ["CurrentPassword"] = SchoolApp.Password });
        Assert.Contains($"We hebben een e-mail gestuurd naar {taken}.", await ProfileApp.TextAsync(response));
        Assert.Equal(0, await app.CountAsync("SELECT count(*) FROM outbox_emails WHERE to_address = $1", taken));
        Assert.Equal(email, await app.Database.ScalarAsync<string>("SELECT email FROM users WHERE id = $1", id));
    }

    [Theory]
    [InlineData("geen-adres", SchoolApp.Password, "Vul een geldig nieuw e-mailadres in.")]
    [InlineData("", SchoolApp.Password, "Vul een geldig nieuw e-mailadres in.")]
    [InlineData("SAME", SchoolApp.Password, "Dit is al je e-mailadres.")]
    [InlineData("nieuw-adres@ouders.test", "", "Vul je huidige wachtwoord in.")]
    [InlineData("nieuw-adres@ouders.test", "verkeerd-wachtwoord-1", "Je huidige wachtwoord klopt niet.")]
    public async Task BadEmailChangesGetAClearMessageAndSendNothing(string newEmail, string password, string message)
    {
        var email = app.NewEmail("fout-mail");
        var id = await app.A.AddUserAsync(email);
        using var client = await app.SignedInAsync(app.A, email);
        var mails = await app.CountAsync("SELECT count(*) FROM outbox_emails");
        using var response = await client.PostFormAsync("/Account/Settings/Email", new Dictionary<string, string>
        {
            ["NewEmail"] = newEmail == "SAME" ? email.ToUpperInvariant() : newEmail,
            ["CurrentPassword"] = password,
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, await ProfileApp.TextAsync(response));
        Assert.Equal(mails, await app.CountAsync("SELECT count(*) FROM outbox_emails"));
        Assert.Equal(email, await app.Database.ScalarAsync<string>("SELECT email FROM users WHERE id = $1", id));
    }

    [Fact]
    public async Task ABrokenConfirmationLinkSaysSo()
    {
        using var client = app.ClientFor("alfa");
        Assert.Contains("Deze link werkt niet (meer).", await ProfileApp.TextAsync(await client.GetAsync("/Account/ConfirmEmail?userId=" + Guid.NewGuid())));
        using var forged = await client.PostFormAsync("/Account/ConfirmEmail", new Dictionary<string, string>
        {
            ["userId"] = Guid.NewGuid().ToString(), ["email"] = "x@ouders.test", ["token"] = "nep",
        }, "/Account/ConfirmEmail?userId=1&email=x&token=y");
        Assert.Contains("Deze link werkt niet (meer).", await ProfileApp.TextAsync(forged));
    }
}
