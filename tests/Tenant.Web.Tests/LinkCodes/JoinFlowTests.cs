using System.Net;
using Schoolplein.Platform.Accounts;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.LinkCodes;
using Schoolplein.Testing;
using Xunit;

using Schoolplein.Tenant.Web.Tests.People;

namespace Schoolplein.Tenant.Web.Tests.LinkCodes;

public sealed class JoinFlowTests(PeopleApp app) : IClassFixture<PeopleApp>
{
    private async Task<(Guid Pupil, ActiveLinkCode Code)> ChildWithCodeAsync(string firstName, string lastName = "Kind")
    {
        var pupil = await app.A.AddPupilAsync(app.GroupA, firstName, lastName);
        return (pupil, await app.IssueCodeAsync(app.A, pupil));
    }

    private static async Task<string> PostCodeAsync(HttpClient client, string code)
    {
        using var response = await client.PostFormAsync("/Account/Join", new Dictionary<string, string> { ["Code"] = code });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task ANewParentJoinsWithTheCodeActivatesThroughTheMailSignsInAndSeesTheChild()
    {
        var (_, code) = await ChildWithCodeAsync("Jelmer", "Zonnebloem");
        using var client = app.ClientFor("alfa");

        // Step 1: the code, typed in lower case without the dash.
        var step1 = await PostCodeAsync(client, code.Code.ToLowerInvariant());
        Assert.Contains("De code hoort bij Jelmer", step1);

        // Step 2: a new account.
        var email = app.NewEmail();
        using var registered = await PeopleApp.RegisterAsync(client, code.Display, email, "Petra", "Zonnebloem", "06 12345678");
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        Assert.Equal("/Account/Registered", registered.Headers.Location?.OriginalString);
        Assert.Contains(email, await client.GetStringAsync("/Account/Registered"));

        // Not activated yet: signing in is refused with a message.
        using (var early = await client.PostFormAsync("/Account/SignIn", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = SchoolApp.Password }))
        {
            Assert.Contains("nog niet geactiveerd", await early.Content.ReadAsStringAsync());
        }

        // Step 3: the activation mail, read from smtp4dev, and its link.
        var mail = await app.Mail.WaitForMessageAsync(email);
        Assert.Equal("Activeer je account", mail.Subject);
        using (var activated = await client.GetAsync(PeopleApp.LinkIn(mail, "/Account/Activate")))
        {
            Assert.Contains("Je account is geactiveerd", await activated.Content.ReadAsStringAsync());
        }
        await SchoolApp.SignInAsync(client, email);
        var home = await client.GetStringAsync("/");
        Assert.Contains("Jelmer Zonnebloem", home);
        Assert.Contains("Groep 3 alfa", home);
        Assert.Equal(1, await app.CountAsync("SELECT count(*) FROM guardianships WHERE link_code_id = $1", code.Id));
        Assert.Equal(1, await app.CountAsync("SELECT count(*) FROM guardianship_log WHERE link_code_id = $1 AND change = 'Linked'", code.Id));
    }

    [Fact]
    public async Task TwoGuardiansJoinWithOneCodeAndTheFifthIsRefused()
    {
        var (pupil, code) = await ChildWithCodeAsync("Vera");
        var clients = new List<HttpClient>();
        for (var i = 0; i < 2; i++)
        {
            clients.Add(await app.JoinAsync(app.A, code.Display, app.NewEmail()));
        }
        foreach (var client in clients)
        {
            Assert.Contains("Vera Kind", await client.GetStringAsync("/"));
        }
        // The default allows four guardians per code.
        for (var i = 0; i < 2; i++)
        {
            using var client = app.ClientFor("alfa");
            using var ok = await PeopleApp.RegisterAsync(client, code.Code, app.NewEmail());
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        }
        var fifth = app.NewEmail();
        using var refusedClient = app.ClientFor("alfa");
        using var refused = await PeopleApp.RegisterAsync(refusedClient, code.Code, fifth);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("maximale aantal ouders", await refused.Content.ReadAsStringAsync());
        Assert.Equal(0, await app.CountAsync("SELECT count(*) FROM users WHERE email = $1", fifth));
        Assert.Equal(4, await app.CountAsync("SELECT count(*) FROM guardianships WHERE pupil_id = $1", pupil));
        // Step 1 says so too.
        Assert.Contains("maximale aantal ouders", await PostCodeAsync(refusedClient, code.Code));
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }

    [Fact]
    public async Task ExpiredRevokedAndInvalidCodesEachGetTheirOwnMessageAndNothingIsSaved()
    {
        var (_, expired) = await ChildWithCodeAsync("Eline");
        await app.Database.ExecuteAsync("UPDATE link_codes SET expires_at = $2 WHERE id = $1", expired.Id, app.Now.AddDays(-1));
        var (revokedPupil, revoked) = await ChildWithCodeAsync("Rik");
        await app.InSchoolAsync(app.A.Id, scope => scope.Get<LinkCodeService>().RevokeAsync(revokedPupil));
        using var client = app.ClientFor("alfa");
        var users = await app.CountAsync("SELECT count(*) FROM users");

        Assert.Contains("is verlopen", await PostCodeAsync(client, expired.Display));
        Assert.Contains("ingetrokken door de school", await PostCodeAsync(client, revoked.Display));
        Assert.Contains("Deze koppelcode klopt niet", await PostCodeAsync(client, "ABCDE-FGHJK"));
        Assert.Contains("Deze koppelcode klopt niet", await PostCodeAsync(client, "ABC"));
        Assert.Contains("Vul de koppelcode in", await PostCodeAsync(client, "  "));

        using var registerExpired = await PeopleApp.RegisterAsync(client, expired.Code, app.NewEmail());
        Assert.Contains("is verlopen", await registerExpired.Content.ReadAsStringAsync());
        using var registerRevoked = await PeopleApp.RegisterAsync(client, revoked.Code, app.NewEmail());
        Assert.Contains("ingetrokken door de school", await registerRevoked.Content.ReadAsStringAsync());
        Assert.Equal(users, await app.CountAsync("SELECT count(*) FROM users"));
    }

    [Fact]
    public async Task AnExistingAccountSignsInWithTheCodeAndTheChildIsLinked()
    {
        var email = app.NewEmail("bestaand");
        await app.A.AddUserAsync(email, Roles.Teacher);
        var (pupil, code) = await ChildWithCodeAsync("Teun");
        using var client = app.ClientFor("alfa");
        using var wrong = await client.PostFormAsync("/Account/Join?handler=SignIn", new Dictionary<string, string>
        {
            ["Code"] = code.Display, ["Email"] = email, ["Password"] = "niet-het-goede-wachtwoord",
        }, "/Account/Join");
        Assert.Contains("klopt niet", await wrong.Content.ReadAsStringAsync());
        Assert.Equal(0, await app.CountAsync("SELECT count(*) FROM guardianships WHERE pupil_id = $1", pupil));

        using var response = await client.PostFormAsync("/Account/Join?handler=SignIn", new Dictionary<string, string>
        {
            ["Code"] = code.Display, ["Email"] = email, ["Password"] = SchoolApp.Password,
        }, "/Account/Join");
        // Signed in now: on to the home page, with the confirmation.
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        // A teacher whose own child joins the school becomes a parent too, and sees the child.
        var home = await client.GetStringAsync("/");
        Assert.Contains("Teun is gekoppeld", home);
        Assert.Contains("Teun Kind", home);
    }

    [Fact]
    public async Task ASignedInParentLinksASecondChildWithItsCode()
    {
        var (_, first) = await ChildWithCodeAsync("Anna", "Broer");
        var (_, second) = await ChildWithCodeAsync("Bas", "Broer");
        using var client = await app.JoinAsync(app.A, first.Display, app.NewEmail());
        // One child: the header's switcher is just Anna's badge (her full name for screen readers).
        var before = await client.GetHtmlAsync("/");
        Assert.Contains("Anna Broer", before.QuerySelector("header .kids")!.TextContent);
        Assert.DoesNotContain("Bas", before.QuerySelector("header .kids")!.TextContent);

        Assert.Contains("Koppel Bas aan je account", await PostCodeAsync(client, second.Display));
        using var linked = await client.PostFormAsync("/Account/Join?handler=Link", new Dictionary<string, string> { ["Code"] = second.Display }, "/Account/Join");
        Assert.Equal(HttpStatusCode.Redirect, linked.StatusCode);
        var home = await client.GetHtmlAsync("/");
        Assert.Contains("Bas is gekoppeld", home.Body!.TextContent);
        // Two children: the switcher's menu lists both (first name and group).
        var menu = home.QuerySelectorAll("header details.kids li a").Select(a => a.TextContent).ToList();
        Assert.Equal(3, menu.Count);
        Assert.Contains(menu, m => m.StartsWith("AB", StringComparison.Ordinal) && m.Contains("Anna ·", StringComparison.Ordinal));
        Assert.Contains(menu, m => m.StartsWith("BB", StringComparison.Ordinal) && m.Contains("Bas ·", StringComparison.Ordinal));

        // The same code again: already linked.
        Assert.Contains("al gekoppeld aan Bas", await PostCodeAsync(client, second.Display));
    }

    [Fact]
    public async Task SignedInTheJoinPageLinksAnotherChildAndEndsOnTheHomePageWithAConfirmation()
    {
        var (_, first) = await ChildWithCodeAsync("Cas", "Zus");
        var (pupil, second) = await ChildWithCodeAsync("Dewi", "Zus");
        using var client = await app.JoinAsync(app.A, first.Display, app.NewEmail());

        var start = await client.GetHtmlAsync("/Account/Join");
        Assert.Equal("Nog een kind koppelen", start.QuerySelector("h1")!.TextContent);
        Assert.StartsWith("Nog een kind koppelen", start.Title);
        Assert.DoesNotContain("Account maken", start.Body!.TextContent);

        // A wrong code: a clear message on the same page, nothing linked.
        using (var wrong = await client.PostFormAsync("/Account/Join", new Dictionary<string, string> { ["Code"] = "ABCDE-FGHJK" }))
        {
            var page = await wrong.HtmlAsync();
            Assert.Equal("Nog een kind koppelen", page.QuerySelector("h1")!.TextContent);
            Assert.Contains("Deze koppelcode klopt niet", page.QuerySelector(".errors")!.TextContent);
        }
        Assert.Equal(0, await app.CountAsync("SELECT count(*) FROM guardianships WHERE pupil_id = $1", pupil));

        using (var checkedCode = await client.PostFormAsync("/Account/Join", new Dictionary<string, string> { ["Code"] = second.Display }))
        {
            var page = await checkedCode.HtmlAsync();
            Assert.Equal("Nog een kind koppelen", page.QuerySelector("h1")!.TextContent);
            Assert.Contains("Koppel Dewi aan je account", page.Body!.TextContent);
            Assert.DoesNotContain("Heb je al een account", page.Body.TextContent);
        }

        using var linked = await client.PostFormAsync("/Account/Join?handler=Link", new Dictionary<string, string> { ["Code"] = second.Display }, "/Account/Join");
        Assert.Equal(HttpStatusCode.Redirect, linked.StatusCode);
        Assert.Equal("/", linked.Headers.Location?.OriginalString);
        var home = await client.GetHtmlAsync("/");
        Assert.Equal("Dewi is gekoppeld aan je account.", home.QuerySelector(".notice.success")?.TextContent.Trim());
        Assert.Contains("Dewi ·", home.QuerySelector("header details.kids")!.TextContent);
        Assert.DoesNotContain("Naar inloggen", home.Body!.TextContent);
        // The confirmation is shown once.
        Assert.Null((await client.GetHtmlAsync("/")).QuerySelector(".notice.success"));
    }

    [Fact]
    public async Task AParentNeverSeesAChildTheyAreNotLinkedToAlsoAcrossSchools()
    {
        var (_, mine) = await ChildWithCodeAsync("Mijn", "Eigen");
        await app.A.AddPupilAsync(app.GroupA, "Ander", "Kindje");
        var bravoPupil = await app.B.AddPupilAsync(app.GroupB, "Bravo", "Leerling");
        var bravoCode = await app.IssueCodeAsync(app.B, bravoPupil);
        using var client = await app.JoinAsync(app.A, mine.Display, app.NewEmail());
        var home = await client.GetStringAsync("/");
        Assert.Contains("Mijn Eigen", home);
        Assert.DoesNotContain("Ander Kindje", home);
        // Bravo's code means nothing at alfa.
        Assert.Contains("Deze koppelcode klopt niet", await PostCodeAsync(client, bravoCode.Display));
        using var link = await client.PostFormAsync("/Account/Join?handler=Link", new Dictionary<string, string> { ["Code"] = bravoCode.Display }, "/Account/Join");
        Assert.Contains("Deze koppelcode klopt niet", await link.Content.ReadAsStringAsync());
        Assert.DoesNotContain("Bravo Leerling", await client.GetStringAsync("/"));
        Assert.Equal(0, await app.CountAsync("SELECT count(*) FROM guardianships WHERE pupil_id = $1", bravoPupil));
    }

    [Fact]
    public async Task AnActivationLinkOfOneSchoolDoesNothingAtAnother()
    {
        var (_, code) = await ChildWithCodeAsync("Lieke");
        var email = app.NewEmail();
        using var client = app.ClientFor("alfa");
        using var _ = await PeopleApp.RegisterAsync(client, code.Display, email);
        var mail = await app.Mail.WaitForMessageAsync(email);
        using var bravo = app.ClientFor("bravo");
        var answer = await (await bravo.GetAsync(PeopleApp.LinkIn(mail, "/Account/Activate"))).Content.ReadAsStringAsync();
        Assert.Contains("werkt niet", answer);
        Assert.False(await app.Database.ScalarAsync<bool>("SELECT email_confirmed FROM users WHERE email = $1", email));
    }

    [Fact]
    public async Task RegisteringAnAddressThatHasAnAccountLooksTheSameButOnlyMailsTheOwner()
    {
        var email = app.NewEmail("dubbel");
        await app.A.AddUserAsync(email);
        var (pupil, code) = await ChildWithCodeAsync("Stijn");
        using var client = app.ClientFor("alfa");
        using var response = await PeopleApp.RegisterAsync(client, code.Display, email);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/Registered", response.Headers.Location?.OriginalString);
        var mail = await app.Mail.WaitForMessageAsync(email);
        Assert.Equal("Je hebt al een account", mail.Subject);
        Assert.Equal(1, await app.CountAsync("SELECT count(*) FROM users WHERE email = $1", email));
        Assert.Equal(0, await app.CountAsync("SELECT count(*) FROM guardianships WHERE pupil_id = $1", pupil));
    }

    [Theory]
    [InlineData("", "Achternaam", "a@b.test", "Correct-horse-battery-9", "", "Vul je voornaam in.")]
    [InlineData("Piet", "", "a@b.test", "Correct-horse-battery-9", "", "Vul je achternaam in.")]
    [InlineData("Piet", "Achternaam", "geen-adres", "Correct-horse-battery-9", "", "Vul een geldig e-mailadres in.")]
    [InlineData("Piet", "Achternaam", "a@b.test", "", "", "Kies een wachtwoord.")]
    [InlineData("Piet", "Achternaam", "a@b.test", "kort", "", "minstens 10 tekens")]
    [InlineData("Piet", "Achternaam", "a@b.test", "Correct-horse-battery-9", "bel me maar", "geldig telefoonnummer")]
    public async Task BadInputOnTheRegistrationFormGetsAClearMessageAndSavesNothing(string first, string last, string email, string password, string phone, string message)
    {
        var (pupil, code) = await ChildWithCodeAsync("Fout");
        var users = await app.CountAsync("SELECT count(*) FROM users");
        using var client = app.ClientFor("alfa");
        using var response = await client.PostFormAsync("/Account/Register", new Dictionary<string, string>
        {
            ["Code"] = code.Display,
            ["Input.FirstName"] = first,
            ["Input.LastName"] = last,
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.PhoneNumber"] = phone,
        }, $"/Account/Register?code={code.Display}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        Assert.Equal(users, await app.CountAsync("SELECT count(*) FROM users"));
        Assert.Equal(0, await app.CountAsync("SELECT count(*) FROM guardianships WHERE pupil_id = $1", pupil));
    }

    [Fact]
    public async Task AFailurePartWayThroughRegistrationLeavesNoAccountNoLinkAndNoMail()
    {
        var (pupil, code) = await ChildWithCodeAsync("Half");
        var email = app.NewEmail("half");
        app.Failures.FailActivationMail = true;
        try
        {
            using var client = app.ClientFor("alfa");
            using var response = await PeopleApp.RegisterAsync(client, code.Display, email);
            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        }
        catch (InvalidOperationException ex) when (ex.Message.StartsWith("Simulated", StringComparison.Ordinal))
        {
            // The test server may surface the exception itself.
        }
        finally
        {
            app.Failures.FailActivationMail = false;
        }
        Assert.Equal(0, await app.CountAsync("SELECT count(*) FROM users WHERE email = $1", email));
        Assert.Equal(0, await app.CountAsync("SELECT count(*) FROM guardianships WHERE pupil_id = $1", pupil));
        Assert.Equal(0, await app.CountAsync("SELECT count(*) FROM outbox_emails WHERE to_address = $1", email));

        // The same registration then succeeds and the mail waits in the outbox until it is sent.
        using var again = app.ClientFor("alfa");
        using var ok = await PeopleApp.RegisterAsync(again, code.Display, email);
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Equal(1, await app.CountAsync("SELECT count(*) FROM outbox_emails WHERE to_address = $1 AND kind = $2", email, AccountMails.ActivationKind));
    }

    [Fact]
    public async Task ACodeTypedOnTheBareDomainContinuesOnItsSchoolsJoinPage()
    {
        var pupil = await app.B.AddPupilAsync(app.GroupB, "Domein", "Kind");
        var code = await app.IssueCodeAsync(app.B, pupil);
        using var platform = app.ClientForHost("localhost");
        using var found = await platform.PostFormAsync("/koppelcode", new Dictionary<string, string> { ["Code"] = code.Code.ToLowerInvariant() });
        Assert.Equal(HttpStatusCode.Redirect, found.StatusCode);
        Assert.Equal($"http://bravo.localhost/Account/Join?code={code.Display}", found.Headers.Location?.ToString());
        // The directory holds a hash, never the code.
        Assert.Equal(0, await app.CountAsync("SELECT count(*) FROM link_code_directory WHERE encode(code_hash, 'escape') LIKE '%' || $1 || '%'", code.Code));

        using var unknown = await platform.PostFormAsync("/koppelcode", new Dictionary<string, string> { ["Code"] = "ZZZZZ-ZZZZZ" });
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Contains("Deze koppelcode kennen we niet", await unknown.Content.ReadAsStringAsync());

        // The join page prefills the code from the letter's link.
        using var school = app.ClientFor("bravo");
        Assert.Contains(code.Display, await school.GetStringAsync($"/Account/Join?code={code.Display}"));
    }

    [Fact]
    public async Task OnlyTheBareDomainsKoppelcodePageMaySendAFormOnToTheSchoolHosts()
    {
        static string FormAction(HttpResponseMessage response) =>
            response.Headers.GetValues("Content-Security-Policy").Single().Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("form-action", StringComparison.Ordinal));

        using var platform = app.ClientForHost("localhost");
        using (var lookup = await platform.GetAsync("/koppelcode"))
        {
            Assert.Equal(HttpStatusCode.OK, lookup.StatusCode);
            // Exactly the deployment's school hosts (scheme, base domain, port), so the redirect to the school is allowed.
            Assert.Equal("form-action 'self' http://*.localhost", FormAction(lookup));
        }
        using (var invalid = await platform.PostFormAsync("/koppelcode", new Dictionary<string, string> { ["Code"] = "ZZZZZ-ZZZZZ" }))
        {
            Assert.Equal("form-action 'self' http://*.localhost", FormAction(invalid));
        }
        using (var landing = await platform.GetAsync("/"))
        {
            Assert.Equal("form-action 'self'", FormAction(landing));
        }
        // School hosts keep their own host only, on every page.
        using var school = app.ClientFor("bravo");
        foreach (var path in new[] { "/Account/Join", "/Account/SignIn", "/koppelcode" })
        {
            using var response = await school.GetAsync(path);
            Assert.Equal("form-action 'self'", FormAction(response));
        }
    }
}
