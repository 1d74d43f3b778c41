using System.Net;
using Schoolplein.Platform.Accounts;
using Schoolplein.Platform.Clock;
using Schoolplein.Platform.LinkCodes;
using Schoolplein.Testing;
using Xunit;

using Schoolplein.Tenant.Web.Tests.People;

namespace Schoolplein.Tenant.Web.Tests.Accounts;

/// <summary>
/// Issue 15 item 5: a "resend activation mail" page that never tells whether an address has an
/// account, and a registration that is never activated stops holding a koppelcode's place after
/// <see cref="LinkCodeService.PendingClaimDays"/> days. Own fixture: these tests move the clock.
/// </summary>
public sealed class ActivationTests(PeopleApp app) : IClassFixture<PeopleApp>
{
    private const string Neutral = "Als er een account met dit e-mailadres is dat nog niet geactiveerd is";

    private StartedClock Clock => (StartedClock)app.Time;

    private async Task<(Guid Pupil, ActiveLinkCode Code)> ChildWithSingleUseCodeAsync(string firstName)
    {
        var pupil = await app.A.AddPupilAsync(app.GroupA, firstName, "Eenmalig");
        var code = await app.IssueCodeAsync(app.A, pupil);
        await app.Database.ExecuteAsync("UPDATE link_codes SET max_uses = 1 WHERE id = $1", code.Id);
        return (pupil, code);
    }

    private static Task<HttpResponseMessage> ResendAsync(HttpClient client, string email) =>
        client.PostFormAsync("/Account/ResendActivation", new Dictionary<string, string> { ["Email"] = email });

    private Task<long> ActivationMailsAsync(string email) =>
        app.CountAsync("SELECT count(*) FROM outbox_emails WHERE to_address = $1 AND kind = $2", email, AccountMails.ActivationKind);

    /// <summary>The newest of <paramref name="count"/> mails to the address, once that many arrived.</summary>
    private async Task<MimeKit.MimeMessage> NthMailAsync(string email, int count)
    {
        IReadOnlyList<Smtp4devServer.MessageSummary> mails = [];
        await Eventually.UntilAsync(async () => (mails = await app.Mail.MessagesToAsync(email)).Count >= count, $"{count} mails to {email}");
        return await app.Mail.RawAsync(mails.OrderBy(m => m.ReceivedDate).Last().Id);
    }

    [Fact]
    public async Task AfterAWeekAnUnactivatedRegistrationFreesTheCodeAndTheLateParentIsToldTheChildWasNotLinked()
    {
        var (pupil, code) = await ChildWithSingleUseCodeAsync("Vera");
        var late = app.NewEmail("laat");
        using var lateClient = app.ClientFor("alfa");
        using (var registered = await PeopleApp.RegisterAsync(lateClient, code.Display, late))
        {
            Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        }
        var firstLink = PeopleApp.LinkIn(await app.Mail.WaitForMessageAsync(late), "/Account/Activate");

        // Within the week the pending registration holds the only place.
        using var otherClient = app.ClientFor("alfa");
        var other = app.NewEmail("ander");
        using (var refused = await PeopleApp.RegisterAsync(otherClient, code.Display, other))
        {
            Assert.Contains("maximale aantal ouders", await refused.Content.ReadAsStringAsync());
        }

        Clock.Advance(TimeSpan.FromDays(LinkCodeService.PendingClaimDays).Add(TimeSpan.FromMinutes(1)));
        using (var joined = await app.JoinAsync(app.A, code.Display, other))
        {
            Assert.Contains("Vera Eenmalig", await joined.GetStringAsync("/"));
        }

        // The late parent activates: the account works, and the page says plainly why Vera is not linked.
        using (var activated = await lateClient.GetAsync(firstLink))
        {
            var text = WebUtility.HtmlDecode(await activated.Content.ReadAsStringAsync());
            Assert.Contains("Je account is geactiveerd, maar Vera is niet aan je account gekoppeld", text);
            Assert.Contains("Vraag de school om een nieuwe koppelcode", text);
        }
        Assert.True(await app.Database.ScalarAsync<bool>("SELECT email_confirmed FROM users WHERE email = $1", late));
        Assert.Equal(1, await app.CountAsync("SELECT count(*) FROM guardianships WHERE pupil_id = $1", pupil));
        Assert.Equal(0, await app.CountAsync(
            "SELECT count(*) FROM guardianships g JOIN users u ON u.id = g.user_id WHERE g.pupil_id = $1 AND u.email = $2", pupil, late));
        Assert.Equal(1, await app.CountAsync(
            "SELECT count(*) FROM guardianship_log l JOIN users u ON u.id = l.user_id WHERE l.pupil_id = $1 AND u.email = $2 AND l.change = 'Unlinked'", pupil, late));
        await SchoolApp.SignInAsync(lateClient, late);
        Assert.DoesNotContain("Vera Eenmalig", await lateClient.GetStringAsync("/"));
    }

    [Fact]
    public async Task ALateActivationKeepsTheChildWhenNoOneElseTookThePlace()
    {
        var (pupil, code) = await ChildWithSingleUseCodeAsync("Daan");
        var email = app.NewEmail("laat");
        using var client = app.ClientFor("alfa");
        using (var _ = await PeopleApp.RegisterAsync(client, code.Display, email))
        {
        }
        Clock.Advance(TimeSpan.FromDays(LinkCodeService.PendingClaimDays + 3));

        // The first link has expired by now in real life; the resend page gives a fresh one.
        using (var resent = await ResendAsync(client, email))
        {
            Assert.Contains(Neutral, WebUtility.HtmlDecode(await resent.Content.ReadAsStringAsync()));
        }
        var fresh = PeopleApp.LinkIn(await NthMailAsync(email, 2), "/Account/Activate");
        using (var activated = await client.GetAsync(fresh))
        {
            Assert.Contains("Je account is geactiveerd. Je kunt nu inloggen.", await activated.Content.ReadAsStringAsync());
        }
        await SchoolApp.SignInAsync(client, email);
        Assert.Contains("Daan Eenmalig", await client.GetStringAsync("/"));

        // Activated, the link counts again: the single use is taken.
        using var second = app.ClientFor("alfa");
        using var refused = await PeopleApp.RegisterAsync(second, code.Display, app.NewEmail());
        Assert.Contains("maximale aantal ouders", await refused.Content.ReadAsStringAsync());
        Assert.Equal(1, await app.CountAsync("SELECT count(*) FROM guardianships WHERE pupil_id = $1", pupil));
    }

    [Fact]
    public async Task ResendMailsAFreshLinkOnlyToAnUnactivatedAccountAndAnswersEveryAddressTheSame()
    {
        var pupil = await app.A.AddPupilAsync(app.GroupA, "Roos", "Opnieuw");
        var code = await app.IssueCodeAsync(app.A, pupil);
        var email = app.NewEmail("opnieuw");
        using var client = app.ClientFor("alfa");

        // Linked from the "check your mailbox" page and from sign-in.
        using (var _ = await PeopleApp.RegisterAsync(client, code.Display, email))
        {
        }
        Assert.Contains("/Account/ResendActivation", await client.GetStringAsync("/Account/Registered"));
        Assert.Contains("/Account/ResendActivation", await client.GetStringAsync("/Account/SignIn"));
        var firstLink = PeopleApp.LinkIn(await app.Mail.WaitForMessageAsync(email), "/Account/Activate");

        string Answer(AngleSharp.Dom.IDocument page) => page.QuerySelector("main")!.TextContent.Trim();
        using var unactivated = await ResendAsync(client, email);
        var answer = Answer(await unactivated.HtmlAsync());
        Assert.Contains(Neutral, answer);
        Assert.Equal(2, await ActivationMailsAsync(email));
        var freshLink = PeopleApp.LinkIn(await NthMailAsync(email, 2), "/Account/Activate");
        Assert.NotEqual(firstLink, freshLink);

        // The earlier link still works (until it expires).
        using (var activated = await client.GetAsync(firstLink))
        {
            Assert.Contains("Je account is geactiveerd", await activated.Content.ReadAsStringAsync());
        }

        // Active now, and an address without an account: the same answer, nothing sent.
        var unknown = app.NewEmail("onbekend");
        using var active = await ResendAsync(client, email);
        using var none = await ResendAsync(client, unknown);
        Assert.Equal(HttpStatusCode.OK, active.StatusCode);
        Assert.Equal(HttpStatusCode.OK, none.StatusCode);
        Assert.Equal(answer, Answer(await active.HtmlAsync()));
        Assert.Equal(answer, Answer(await none.HtmlAsync()));
        Assert.Equal(2, await ActivationMailsAsync(email));
        Assert.Equal(0, await app.CountAsync("SELECT count(*) FROM outbox_emails WHERE to_address = $1", unknown));
    }

    [Fact]
    public async Task ResendIsLimitedPerAddressLikeForgottenPassword()
    {
        var pupil = await app.A.AddPupilAsync(app.GroupA, "Lotte", "Vaak");
        var code = await app.IssueCodeAsync(app.A, pupil);
        var email = app.NewEmail("vaak");
        using var client = app.ClientFor("alfa");
        using (var _ = await PeopleApp.RegisterAsync(client, code.Display, email))
        {
        }
        for (var i = 0; i < 6; i++)
        {
            using var resent = await ResendAsync(client, email);
            Assert.Equal(HttpStatusCode.OK, resent.StatusCode);
            Assert.Contains(Neutral, WebUtility.HtmlDecode(await resent.Content.ReadAsStringAsync()));
        }
        // The registration's mail and three resends per window (Identity:Throttle:ResetsPerAccount).
        Assert.Equal(1 + 3, await ActivationMailsAsync(email));
    }

    [Theory]
    [InlineData("")]
    [InlineData("geen-adres")]
    [InlineData("   ")]
    public async Task ABadAddressOnTheResendFormGetsAClearMessageAndSendsNothing(string email)
    {
        var before = await app.CountAsync("SELECT count(*) FROM outbox_emails");
        using var client = app.ClientFor("alfa");
        using var response = await ResendAsync(client, email);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.HtmlAsync();
        Assert.Contains("Vul een geldig e-mailadres in.", page.QuerySelector(".errors")!.TextContent);
        Assert.Null(page.QuerySelector(".notice.success"));
        Assert.Equal(before, await app.CountAsync("SELECT count(*) FROM outbox_emails"));
    }

    [Fact]
    public async Task ResendAndActivationForAnAccountOfOneSchoolDoNothingAtAnother()
    {
        var pupil = await app.A.AddPupilAsync(app.GroupA, "Sem", "Ander");
        var code = await app.IssueCodeAsync(app.A, pupil);
        var email = app.NewEmail("alfa");
        using var alfa = app.ClientFor("alfa");
        using (var _ = await PeopleApp.RegisterAsync(alfa, code.Display, email))
        {
        }
        await app.Mail.WaitForMessageAsync(email);

        using var bravo = app.ClientFor("bravo");
        using (var atBravo = await ResendAsync(bravo, email))
        {
            Assert.Contains(Neutral, WebUtility.HtmlDecode(await atBravo.Content.ReadAsStringAsync()));
        }
        Assert.Equal(1, await ActivationMailsAsync(email));
        Assert.Equal(0, await app.CountAsync("SELECT count(*) FROM outbox_emails WHERE to_address = $1 AND tenant_id = $2", email, app.B.Id));

        // A resent link of alfa does not activate anything at bravo either.
        using (var resent = await ResendAsync(alfa, email))
        {
        }
        var fresh = PeopleApp.LinkIn(await NthMailAsync(email, 2), "/Account/Activate");
        Assert.Contains("werkt niet", await (await bravo.GetAsync(fresh)).Content.ReadAsStringAsync());
        Assert.False(await app.Database.ScalarAsync<bool>("SELECT email_confirmed FROM users WHERE email = $1", email));
    }

    [Fact]
    public async Task AnInvitedAccountWithoutAPasswordGetsNoActivationMailButTheSameAnswer()
    {
        var email = app.NewEmail("uitgenodigd");
        await app.A.AddUserAsync(email);
        // As an invitation leaves it: no password chosen, address not confirmed.
        await app.Database.ExecuteAsync("UPDATE users SET password_hash = NULL, email_confirmed = false WHERE email = $1", email);
        using var client = app.ClientFor("alfa");
        using var response = await ResendAsync(client, email);
        Assert.Contains(Neutral, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        Assert.Equal(0, await app.CountAsync("SELECT count(*) FROM outbox_emails WHERE to_address = $1", email));
    }
}
