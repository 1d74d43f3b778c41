using System.Net;
using Schoolplein.Testing;
using Xunit;

using Schoolplein.Tenant.Web.Tests.People;

namespace Schoolplein.Tenant.Web.Tests.Identity;

public sealed class PasswordTests(PeopleApp app) : IClassFixture<PeopleApp>
{
    [Fact]
    public async Task AForgottenPasswordIsResetThroughTheMailedLink()
    {
        var email = app.NewEmail("vergeten");
        await app.A.AddUserAsync(email);
        using var client = app.ClientFor("alfa");
        using (var sent = await client.PostFormAsync("/Account/ForgotPassword", new Dictionary<string, string> { ["Email"] = email }))
        {
            Assert.Contains("Als er een account met dit e-mailadres is", await sent.Content.ReadAsStringAsync());
        }
        // An unknown address gets the same answer and no mail.
        using (var unknown = await client.PostFormAsync("/Account/ForgotPassword", new Dictionary<string, string> { ["Email"] = "niemand@ouders.test" }))
        {
            Assert.Contains("Als er een account met dit e-mailadres is", await unknown.Content.ReadAsStringAsync());
        }
        var mail = await app.Mail.WaitForMessageAsync(email);
        var link = PeopleApp.LinkIn(mail, "/Account/ResetPassword");
        Assert.Contains("@", await client.GetStringAsync(link));
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://x" + link).Query);
        using (var tooShort = await client.PostFormAsync("/Account/ResetPassword", new Dictionary<string, string>
        {
            ["userId"] = query["userId"]!, ["token"] = query["token"]!, ["Password"] = "kort",
        }, link))
        {
            Assert.Contains("minstens 10 tekens", WebUtility.HtmlDecode(await tooShort.Content.ReadAsStringAsync()));
        }
        using (var done = await client.PostFormAsync("/Account/ResetPassword", new Dictionary<string, string>
        {
            ["userId"] = query["userId"]!, ["token"] = query["token"]!, ["Password"] = "een-heel-nieuw-wachtwoord-7",
        }, link))
        {
            Assert.Contains("Je nieuwe wachtwoord is opgeslagen", await done.Content.ReadAsStringAsync());
        }
        await SchoolApp.SignInAsync(client, email, "een-heel-nieuw-wachtwoord-7");
        Assert.Equal(0, await app.CountAsync("SELECT count(*) FROM outbox_emails WHERE to_address = 'niemand@ouders.test'"));
    }

    [Fact]
    public async Task AResetLinkOfOneSchoolDoesNotWorkAtAnother()
    {
        var email = app.NewEmail("tweeschool");
        await app.A.AddUserAsync(email);
        using var client = app.ClientFor("alfa");
        using (await client.PostFormAsync("/Account/ForgotPassword", new Dictionary<string, string> { ["Email"] = email }))
        {
        }
        var mail = await app.Mail.WaitForMessageAsync(email);
        using var bravo = app.ClientFor("bravo");
        Assert.Contains("werkt niet", await bravo.GetStringAsync(PeopleApp.LinkIn(mail, "/Account/ResetPassword")));
    }

    [Fact]
    public async Task AnInvalidAddressOnTheForgottenPasswordFormGetsAMessage()
    {
        using var client = app.ClientFor("alfa");
        using var response = await client.PostFormAsync("/Account/ForgotPassword", new Dictionary<string, string> { ["Email"] = "geen adres" });
        Assert.Contains("Vul een geldig e-mailadres in.", await response.Content.ReadAsStringAsync());
    }
}
