using System.Net;
using Npgsql;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Schools;
using Schoolplein.Platform.Tenancy;
using Schoolplein.Testing;
using SkiaSharp;
using Xunit;

namespace Schoolplein.Tenant.Web.Tests.Schools;

/// <summary>Schools made by each test (the look is per school); the running clock of every test app.</summary>
public sealed class BrandingApp : SchoolApp
{
    private int _counter;

    public string NewEmail(string who) => $"{who}{Interlocked.Increment(ref _counter)}@huisstijl.test";
}

/// <summary>Issue 17, "the school's own look": school admins set logo, brand colour and welcome text under Beheer.</summary>
public sealed class BrandingTests(BrandingApp app) : IClassFixture<BrandingApp>
{
    private const string Page = "/beheer/huisstijl";

    private static readonly byte[] Logo = TestImages.Quadrants(600, 300, SKEncodedImageFormat.Png);

    /// <summary>A school of its own per test (the look is per school), with an admin and a linked parent.</summary>
    private async Task<(SchoolHandle School, string Admin, string Parent)> SchoolAsync(string slug)
    {
        var school = await app.CreateSchoolAsync(slug, "Kindcentrum " + slug);
        var admin = app.NewEmail("directie");
        await school.AddUserAsync(admin, Roles.SchoolAdmin);
        var parent = app.NewEmail("ouder");
        var parentId = await school.AddUserAsync(parent, Roles.Parent);
        var group = await school.AddGroupAsync("Groep 4");
        await school.LinkGuardianAsync(await school.AddPupilAsync(group, "Mila", "de Wit"), parentId);
        return (school, admin, parent);
    }

    private sealed record Look(string Color, string? Welcome, DateTimeOffset? LogoUpdatedAt, string? LogoHash, DateTimeOffset UpdatedAt);

    private async Task<Look> LookAsync(Guid school)
    {
        await using var connection = new NpgsqlConnection(app.Database.SuperuserConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT primary_color, welcome_text, logo_updated_at, md5(logo), updated_at FROM tenants WHERE id = $1", connection);
        command.Parameters.AddWithValue(school);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return new Look(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1),
            reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2), reader.IsDBNull(3) ? null : reader.GetString(3),
            reader.GetFieldValue<DateTimeOffset>(4));
    }

    private static async Task<string> TextAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    [Fact]
    public async Task AnAdminSetsColourLogoAndWelcomeAndParentsSeeThem()
    {
        var (school, admin, parent) = await SchoolAsync("huisstijl-ok");
        using var client = await app.SignedInAsync(school, admin);
        Assert.Contains("href=\"/beheer/huisstijl\"", await client.GetStringAsync("/beheer/instellingen"));

        var form = (await RenderedForm.FromPageAsync(client, Page))
            .Set("PrimaryColor", "#6a1b9a")
            .Set("WelcomeText", "Welkom bij De Zon!\r\nVragen? Loop gerust binnen.")
            .AttachFile("Logo", "logo.png", Logo, "image/png");
        using (var saved = await form.SubmitAsync(client))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
            Assert.Contains("De huisstijl is opgeslagen.", await client.GetStringAsync(saved.Headers.Location!.ToString()));
        }
        var look = await LookAsync(school.Id);
        Assert.Equal("#6A1B9A", look.Color);
        Assert.Equal("Welkom bij De Zon!\nVragen? Loop gerust binnen.", look.Welcome);
        Assert.InRange(look.LogoUpdatedAt!.Value, app.Now.AddMinutes(-1), app.Now);

        using var parentClient = await app.SignedInAsync(school, parent);
        var timeline = WebUtility.HtmlDecode(await parentClient.GetStringAsync("/"));
        Assert.Contains("--brand:#6A1B9A", timeline);
        Assert.Matches("id=\"school-welcome\">\\s*Welkom bij De Zon!\\s*<br>\\s*Vragen\\? Loop gerust binnen.", timeline);
        Assert.Contains("/branding/logo?v=", timeline);
        // The logo parents get is the pipeline's PNG at most 512 px wide, not the uploaded bytes.
        using (var logo = await parentClient.GetAsync("/branding/logo"))
        {
            Assert.Equal("image/png", logo.Content.Headers.ContentType!.MediaType);
            using var bitmap = SKBitmap.Decode(await logo.Content.ReadAsByteArrayAsync());
            Assert.Equal((512, 256), (bitmap.Width, bitmap.Height));
        }
        // Visitors read the welcome on the sign-in page; staff are not greeted with their own text.
        using (var visitor = app.ClientFor(school.Slug))
        {
            Assert.Contains("Welkom bij De Zon!", WebUtility.HtmlDecode(await visitor.GetStringAsync("/Account/SignIn")));
        }
        Assert.DoesNotContain("school-welcome", await client.GetStringAsync("/"));

        // Removing the logo and the welcome text.
        var remove = (await RenderedForm.FromPageAsync(client, Page)).Set("RemoveLogo", "true").Set("WelcomeText", "  ");
        using (var removed = await remove.SubmitAsync(client))
        {
            Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        }
        look = await LookAsync(school.Id);
        Assert.Null(look.LogoHash);
        Assert.Null(look.Welcome);
        Assert.Equal("#6A1B9A", look.Color);
        timeline = await parentClient.GetStringAsync("/");
        Assert.DoesNotContain("school-welcome", timeline);
        Assert.DoesNotContain("/branding/logo?v=", timeline);
    }

    [Fact]
    public async Task ThePickerCountsWhenOnlyItWasChanged()
    {
        var (school, admin, _) = await SchoolAsync("huisstijl-picker");
        using var client = await app.SignedInAsync(school, admin);
        var form = (await RenderedForm.FromPageAsync(client, Page)).Set("Picker", "#004d40");
        using (var saved = await form.SubmitAsync(client))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }
        Assert.Equal("#004D40", (await LookAsync(school.Id)).Color);
    }

    public static TheoryData<string, string, string?, string> BadInput => new()
    {
        // field set, value, file kind, expected message
        { "PrimaryColor", "rood", null, "Kies een kleur als #RRGGBB, bijvoorbeeld #1D5FA8." },
        { "PrimaryColor", "#12345", null, "Kies een kleur als #RRGGBB, bijvoorbeeld #1D5FA8." },
        { "PrimaryColor", "#777777", null, "Witte tekst op deze kleur is slecht leesbaar (contrast 4,4:1, minimaal 4,5:1)." },
        { "PrimaryColor", "#808080", null, "Witte tekst op deze kleur is slecht leesbaar (contrast 3,9:1, minimaal 4,5:1)." },
        { "WelcomeText", new string('w', SchoolBranding.MaxWelcomeLength + 1), null, "De welkomsttekst mag hoogstens 500 tekens lang zijn (nu 501)." },
        { "Logo", "", "pdf-as-png", "Het logo moet een PNG-, JPEG- of WebP-afbeelding zijn." },
        { "Logo", "", "svg-as-png", "Het logo moet een PNG-, JPEG- of WebP-afbeelding zijn." },
        { "Logo", "", "oversized", "Het logo moet een bestand van hoogstens 512 kB zijn." },
        { "Logo", "", "damaged", "Dit logo is niet te lezen of te groot in pixels." },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task BadInputIsRefusedWithAClearMessageAndNothingIsSaved(string field, string value, string? file, string message)
    {
        var (school, admin, _) = await SchoolAsync("huisstijl-fout-" + Guid.NewGuid().ToString("N")[..8]);
        using var client = await app.SignedInAsync(school, admin);
        // A look to keep: saved first, so "nothing saved" also means "nothing of it undone".
        using (await (await RenderedForm.FromPageAsync(client, Page))
            .Set("PrimaryColor", "#0B4F6C").Set("WelcomeText", "Oud welkom").AttachFile("Logo", "logo.png", Logo, "image/png").SubmitAsync(client)) { }
        var before = await LookAsync(school.Id);
        Assert.Equal("Oud welkom", before.Welcome);

        // Every other field of the form changed to a good value: none of them may be saved either.
        var form = (await RenderedForm.FromPageAsync(client, Page))
            .Set("PrimaryColor", "#1B5E20").Set("WelcomeText", "Nieuw welkom").Set("RemoveLogo", "true");
        if (field != "Logo")
        {
            form.Set(field, value);
        }
        var png = TestImages.Quadrants(40, 40, SKEncodedImageFormat.Png);
        switch (file)
        {
            case "pdf-as-png":
                form.AttachFile("Logo", "logo.png", "%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"u8.ToArray(), "image/png");
                break;
            case "svg-as-png":
                form.AttachFile("Logo", "logo.png", "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"u8.ToArray(), "image/png");
                break;
            case "oversized":
                form.AttachFile("Logo", "logo.png", [.. png, .. new byte[SchoolBranding.MaxLogoBytes]], "image/png");
                break;
            case "damaged":
                form.AttachFile("Logo", "logo.png", png[..60], "image/png");
                break;
        }
        using var refused = await form.SubmitAsync(client);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await TextAsync(refused);
        Assert.Contains(message, html);
        Assert.Contains("role=\"alert\"", html);
        Assert.Equal(before, await LookAsync(school.Id));
    }

    [Fact]
    public async Task TeachersAndParentsCannotOpenOrPostThePage()
    {
        var (school, _, parent) = await SchoolAsync("huisstijl-rollen");
        var teacher = app.NewEmail("juf");
        await school.AddUserAsync(teacher, Roles.Teacher);
        var before = await LookAsync(school.Id);
        foreach (var email in new[] { teacher, parent })
        {
            using var client = await app.SignedInAsync(school, email);
            using (var page = await client.GetAsync(Page))
            {
                Assert.True(page.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"{email}: {page.StatusCode}");
                Assert.DoesNotContain("name=\"PrimaryColor\"", await page.Content.ReadAsStringAsync());
            }
            var token = await Forms.AntiforgeryTokenAsync(client, "/Account/Settings/Preferences");
            using var post = await client.PostAsync(Page, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["PrimaryColor"] = "#000000", ["WelcomeText"] = "Gehackt",
            }));
            Assert.True(post.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"{email}: {post.StatusCode}");
        }
        using (var anonymous = app.ClientFor(school.Slug))
        using (var page = await anonymous.GetAsync(Page))
        {
            Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        }
        Assert.Equal(before, await LookAsync(school.Id));
    }

    [Fact]
    public async Task AnAdminOfOneSchoolCannotChangeAnotherByHostOrByPostedIds()
    {
        var (a, adminA, _) = await SchoolAsync("huisstijl-a");
        var (b, _, _) = await SchoolAsync("huisstijl-b");
        var beforeB = await LookAsync(b.Id);

        // A's sign-in cookie on B's host: not signed in there, so nothing to post to.
        var cookie = await app.AuthCookieAsync(a.Slug, adminA);
        using (var elsewhere = await app.GetWithCookieAsync($"{b.Slug}.localhost", Page, cookie))
        {
            Assert.NotEqual(HttpStatusCode.OK, elsewhere.StatusCode);
        }

        // B's id in every field a binder might take it from: only A changes.
        using var client = await app.SignedInAsync(a, adminA);
        var form = (await RenderedForm.FromPageAsync(client, Page))
            .Set("PrimaryColor", "#263238").Set("WelcomeText", "Alleen voor A")
            .Set("id", b.Id.ToString()).Set("Id", b.Id.ToString()).Set("TenantId", b.Id.ToString()).Set("SchoolId", b.Id.ToString());
        using (var content = form.Content())
        using (var saved = await client.PostAsync($"{Page}?id={b.Id}&tenantId={b.Id}", content))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }
        Assert.Equal("Alleen voor A", (await LookAsync(a.Id)).Welcome);
        Assert.Equal(beforeB, await LookAsync(b.Id));

        // The service in A's scope, asked for B by id, finds no such school.
        var outcome = await app.InSchoolAsync(a.Id, scope => scope.Get<SchoolBranding>().ChangeAsync(b.Id, new BrandingChange("#263238", "Van A")));
        Assert.Equal("SchoolUnknown", Assert.Single(outcome.Problems).Key);
        Assert.Equal(beforeB, await LookAsync(b.Id));
    }

    [Fact]
    public async Task TheDatabaseLetsTheSchoolAppChangeOnlyTheBrandingOfItsOwnRow()
    {
        var (a, _, _) = await SchoolAsync("huisstijl-rls-a");
        var (b, _, _) = await SchoolAsync("huisstijl-rls-b");
        await using var connection = new NpgsqlConnection(app.Database.AppConnectionString);
        await connection.OpenAsync();
        async Task<int> RunAsync(string sql, Guid id)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddWithValue(id);
            return await command.ExecuteNonQueryAsync();
        }

        // No school set: no row matches (fails closed).
        Assert.Equal(0, await RunAsync("UPDATE tenants SET welcome_text = 'x' WHERE id = $1", a.Id));
        await using (var set = new NpgsqlCommand($"SELECT set_config('app.tenant_id', '{a.Id}', false)", connection))
        {
            await set.ExecuteNonQueryAsync();
        }
        Assert.Equal(1, await RunAsync("UPDATE tenants SET welcome_text = 'Eigen school' WHERE id = $1", a.Id));
        Assert.Equal(0, await RunAsync("UPDATE tenants SET welcome_text = 'Andere school' WHERE id = $1", b.Id));
        // Only the branding columns: the name, status and billing stay the backoffice's.
        await Assert.ThrowsAsync<PostgresException>(() => RunAsync("UPDATE tenants SET status = 'Active' WHERE id = $1", a.Id));
        await Assert.ThrowsAsync<PostgresException>(() => RunAsync("UPDATE tenants SET name = 'Nieuw' WHERE id = $1", a.Id));
        // The id itself cannot move a row to another school.
        await Assert.ThrowsAsync<PostgresException>(() => RunAsync("UPDATE tenants SET id = gen_random_uuid() WHERE id = $1", a.Id));
        Assert.Null((await LookAsync(b.Id)).Welcome);
        Assert.Equal("Eigen school", (await LookAsync(a.Id)).Welcome);
    }

    [Fact]
    public async Task TheSameRenderedFormSentAgainLaterIsNotAppliedTwice()
    {
        var (school, admin, _) = await SchoolAsync("huisstijl-dubbel");
        using var client = await app.SignedInAsync(school, admin);
        var first = (await RenderedForm.FromPageAsync(client, Page)).Set("PrimaryColor", "#37474F").Set("WelcomeText", "Eerste versie");
        var answers = await Task.WhenAll(first.SubmitAsync(client), first.SubmitAsync(client));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Redirect, a.StatusCode));
        Assert.Equal(answers[0].Headers.Location, answers[1].Headers.Location);
        foreach (var answer in answers)
        {
            answer.Dispose();
        }

        // A newer form changes the look; the old one, sent again (back button), must not undo it.
        using (await (await RenderedForm.FromPageAsync(client, Page)).Set("WelcomeText", "Tweede versie").SubmitAsync(client)) { }
        var before = await LookAsync(school.Id);
        Assert.Equal("Tweede versie", before.Welcome);
        using var again = await first.SubmitAsync(client);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Contains("Dit formulier was al verstuurd.", await client.GetStringAsync(again.Headers.Location!.ToString()));
        Assert.Equal(before, await LookAsync(school.Id));
    }
}
