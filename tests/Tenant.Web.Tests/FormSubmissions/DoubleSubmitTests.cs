using System.Net;
using Npgsql;
using Schoolplein.Platform.Forms;
using Schoolplein.Tenant.Web.Tests.Timeline;
using Schoolplein.Testing;
using Xunit;
using static Schoolplein.Tenant.Web.Tests.Timeline.TimelineApp;

namespace Schoolplein.Tenant.Web.Tests.FormSubmissions;

/// <summary>
/// The timeline's schools, with a short wait for a submit that is still running (the 409 test waits
/// for it). No job server: mails are counted in the outbox, and the timeline tests watch the same
/// addresses in the smtp4dev all tests share.
/// </summary>
public sealed class DoubleSubmitApp : TimelineApp
{
    public const int WaitMilliseconds = 1500;

    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["Forms:WaitMilliseconds"] = WaitMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Jobs:RunServer"] = "false";
    }
}

/// <summary>
/// Issue 14, "double submit": a double tap on "Plaatsen" published a post twice and every parent
/// got two mails. One rendered form is at most one effect, checked in the database.
/// </summary>
public sealed class DoubleSubmitTests(DoubleSubmitApp app) : IClassFixture<DoubleSubmitApp>
{
    private async Task<RenderedForm> NewPostFormAsync(HttpClient client, string title, Guid group)
    {
        var form = await RenderedForm.FromPageAsync(client, "/nieuws/nieuw");
        Assert.True(FormKeys.IsWellFormed(form[FormKeys.FieldName]), "the rendered form carries a key");
        return form.Set("Form.Title", title).Set("Form.Body", "<p>Morgen gymles in de grote zaal.</p>").Set("Form.GroupIds", group.ToString());
    }

    private Task<long> PostsTitledAsync(string title) =>
        app.Database.ScalarAsync<long>("SELECT count(*) FROM posts WHERE title = $1", title);

    /// <summary>Outbox mails about <paramref name="title"/> per address.</summary>
    private async Task<Dictionary<string, long>> MailsAboutAsync(string title)
    {
        var mails = new Dictionary<string, long>();
        await using var connection = new NpgsqlConnection(app.Database.SuperuserConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT to_address, count(*) FROM outbox_emails WHERE strpos(subject, $1) > 0 GROUP BY to_address", connection);
        command.Parameters.AddWithValue(title);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            mails[reader.GetString(0)] = reader.GetInt64(1);
        }
        return mails;
    }

    [Fact]
    public async Task TwoTapsAtTheSameMomentOnOneRenderedNewPostFormPublishOnePostAndOneMailPerParent()
    {
        using var teacher = await app.SignedInAsync("zonnebloem", Teacher34Email);
        const string title = "Dubbel getikt: gymles";
        var form = await NewPostFormAsync(teacher, title, app.G34);

        var answers = await Task.WhenAll(form.SubmitAsync(teacher), form.SubmitAsync(teacher));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Redirect, a.StatusCode));
        Assert.Equal(answers[0].Headers.Location, answers[1].Headers.Location);
        Assert.Equal(1, await PostsTitledAsync(title));
        var mails = await MailsAboutAsync(title);
        Assert.Equal(new[] { ParentBoth, ParentEva, ParentTim }.Order(StringComparer.Ordinal), mails.Keys.Order(StringComparer.Ordinal));
        Assert.All(mails, m => Assert.Equal(1, m.Value));
        foreach (var answer in answers)
        {
            answer.Dispose();
        }
    }

    [Fact]
    public async Task SendingTheSameRenderedFormAgainLaterLandsWhereTheFirstLedWithANotice()
    {
        using var teacher = await app.SignedInAsync("zonnebloem", Teacher34Email);
        const string title = "Terug en opnieuw: schoolreis";
        var form = await NewPostFormAsync(teacher, title, app.G34);
        using var first = await form.SubmitAsync(teacher);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);

        using var again = await form.SubmitAsync(teacher);

        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        var landing = await teacher.GetStringAsync(again.Headers.Location!.ToString());
        Assert.Contains("Dit formulier was al verstuurd.", landing);
        Assert.Contains(title, landing);
        Assert.DoesNotContain("Dit formulier was al verstuurd.", await teacher.GetStringAsync("/"));
        Assert.Equal(1, await PostsTitledAsync(title));
        Assert.All(await MailsAboutAsync(title), m => Assert.Equal(1, m.Value));
    }

    [Fact]
    public async Task AFormSentWithErrorsCanBeCorrectedAndSentAgainOnce()
    {
        using var teacher = await app.SignedInAsync("zonnebloem", Teacher34Email);
        const string title = "Eerst zonder tekst";
        var form = (await NewPostFormAsync(teacher, title, app.G34)).Set("Form.Body", "");

        using var refused = await form.SubmitAsync(teacher);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Schrijf het bericht.", await refused.Content.ReadAsStringAsync());
        Assert.Equal(0, await PostsTitledAsync(title));

        // The same rendered form (the browser's back button, then the text filled in) is sent again.
        form.Set("Form.Body", "<p>Nu met tekst.</p>");
        using var sent = await form.SubmitAsync(teacher);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        using var repeat = await form.SubmitAsync(teacher);
        Assert.Equal(sent.Headers.Location, repeat.Headers.Location);
        Assert.Equal(1, await PostsTitledAsync(title));
    }

    [Fact]
    public async Task ASubmitThatFindsTheFirstStillRunningWaitsAndThenAnswers409WithAClearMessage()
    {
        using var teacher = await app.SignedInAsync("zonnebloem", Teacher34Email);
        const string title = "Eerste loopt nog";
        var form = await NewPostFormAsync(teacher, title, app.G34);
        // The first submit claimed the key and has not finished (a slow handler, a process that died).
        await app.Database.ExecuteAsync(
            "INSERT INTO form_submissions (tenant_id, key, created_at) VALUES ($1, $2, $3)", app.A.Id, form[FormKeys.FieldName]!, app.Now);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        using var answer = await form.SubmitAsync(teacher);

        Assert.Equal(HttpStatusCode.Conflict, answer.StatusCode);
        Assert.True(watch.ElapsedMilliseconds >= DoubleSubmitApp.WaitMilliseconds, $"answered after {watch.ElapsedMilliseconds} ms without waiting");
        var html = await answer.HtmlAsync();
        Assert.Equal("Even geduld", html.QuerySelector("h1")?.TextContent.Trim());
        Assert.Contains("Dit formulier wordt nog verwerkt.", html.QuerySelector("main")?.TextContent);
        Assert.Equal(0, await PostsTitledAsync(title));
    }

    [Fact]
    public async Task AKeyUsedInOneSchoolDoesNotMatchInAnother()
    {
        using var adminA = await app.SignedInAsync("zonnebloem", AdminEmail);
        var formA = (await RenderedForm.FromPageAsync(adminA, "/nieuws/nieuw"))
            .Set("Form.Title", "Nieuws van De Zonnebloem").Set("Form.Body", "<p>Tekst</p>").Set("Form.SchoolWide", "true");
        using var sentA = await formA.SubmitAsync(adminA);
        Assert.Equal(HttpStatusCode.Redirect, sentA.StatusCode);
        var key = formA[FormKeys.FieldName]!;

        using var adminB = await app.SignedInAsync("sterrenwacht", AdminB);
        var formB = (await RenderedForm.FromPageAsync(adminB, "/nieuws/nieuw"))
            .Set("Form.Title", "Nieuws van De Sterrenwacht").Set("Form.Body", "<p>Tekst</p>").Set("Form.SchoolWide", "true")
            .Set(FormKeys.FieldName, key);
        using var sentB = await formB.SubmitAsync(adminB);

        Assert.Equal(HttpStatusCode.Redirect, sentB.StatusCode);
        Assert.NotEqual(sentA.Headers.Location, sentB.Headers.Location);
        Assert.Equal(1, await PostsTitledAsync("Nieuws van De Sterrenwacht"));
        Assert.Equal(2, await app.Database.ScalarAsync<long>("SELECT count(*) FROM form_submissions WHERE key = $1", key));
        // As the app's role in school B only B's claim of the key exists (row-level security).
        await using var connection = new NpgsqlConnection(app.Database.AppConnectionString);
        await connection.OpenAsync();
        await using (var setting = new NpgsqlCommand("SELECT set_config('app.tenant_id', $1, false)", connection))
        {
            setting.Parameters.AddWithValue(app.B.Id.ToString());
            await setting.ExecuteNonQueryAsync();
        }
        await using var count = new NpgsqlCommand("SELECT count(*) FROM form_submissions WHERE key = $1", connection);
        count.Parameters.AddWithValue(key);
        Assert.Equal(1L, await count.ExecuteScalarAsync());
    }

    [Fact]
    public async Task PostsWithoutAFormKeyWorkAsBefore()
    {
        using var teacher = await app.SignedInAsync("zonnebloem", Teacher34Email);
        await PublishOkAsync(teacher, "Zonder sleutel", "Eerste keer.", [app.G34]);
        await PublishOkAsync(teacher, "Zonder sleutel", "Tweede keer.", [app.G34]);
        Assert.Equal(2, await PostsTitledAsync("Zonder sleutel"));
    }

    [Fact]
    public async Task AFormIsRememberedForADayAndOldKeysAreCleanedUp()
    {
        using var teacher = await app.SignedInAsync("zonnebloem", Teacher34Email);
        var old = await NewPostFormAsync(teacher, "Na twee dagen opnieuw", app.G34);
        await app.Database.ExecuteAsync(
            "INSERT INTO form_submissions (tenant_id, key, created_at, completed_at, redirect_to) VALUES ($1, $2, $3, $3, '/nieuws/oud')",
            app.A.Id, old[FormKeys.FieldName]!, app.Now.AddDays(-2));
        await app.Database.ExecuteAsync(
            "INSERT INTO form_submissions (tenant_id, key, created_at, completed_at, redirect_to) VALUES ($1, 'een-andere-oude-sleutel', $2, $2, '/')",
            app.A.Id, app.Now.AddHours(-25));

        using var answer = await old.SubmitAsync(teacher);

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.NotEqual("/nieuws/oud", answer.Headers.Location!.ToString());
        Assert.Equal(1, await PostsTitledAsync("Na twee dagen opnieuw"));
        Assert.Equal(0, await app.Database.ScalarAsync<long>(
            "SELECT count(*) FROM form_submissions WHERE tenant_id = $1 AND created_at < $2", app.A.Id, app.Now.AddDays(-1)));
    }

    [Fact]
    public async Task AFormTheServerCannotReadIsRefusedAsBeforeNotWithAServerError()
    {
        // A NUL character in a form value: the framework refuses the form with 400; the error page
        // shown for it must not try to read the form again (wapiti found a 500 here).
        using var teacher = await app.SignedInAsync("zonnebloem", Teacher34Email);
        var form = await NewPostFormAsync(teacher, "Met een NUL-teken", app.G34);
        foreach (var (path, body) in new[]
        {
            ("/Account/Language", $"__RequestVerificationToken={Uri.EscapeDataString(form["__RequestVerificationToken"]!)}&language=nl&returnUrl=%00"),
            ("/nieuws/nieuw", $"__RequestVerificationToken={Uri.EscapeDataString(form["__RequestVerificationToken"]!)}&{FormKeys.FieldName}={form[FormKeys.FieldName]}&Form.Title=%00&Form.Body=x&Form.GroupIds={app.G34}"),
        })
        {
            using var content = new StringContent(body, System.Text.Encoding.ASCII, "application/x-www-form-urlencoded");
            using var answer = await teacher.PostAsync(path, content);
            Assert.True((int)answer.StatusCode < 500, $"{path} answered {(int)answer.StatusCode}");
        }
        Assert.Equal(0, await app.Database.ScalarAsync<long>("SELECT count(*) FROM posts WHERE body_text = 'x'"));
    }

    [Fact]
    public async Task TwoTapsOnTheSignInFormBothSignIn()
    {
        // Sign-in is not held to one effect: signing in twice is harmless, and a replayed redirect
        // would not carry the sign-in cookie that the browser may only get from the second answer.
        using var client = app.ClientFor("zonnebloem");
        var form = (await RenderedForm.FromPageAsync(client, "/Account/SignIn"))
            .Set("Input.Email", ParentTim).Set("Input.Password", SchoolApp.Password);

        var answers = await Task.WhenAll(form.SubmitAsync(client), form.SubmitAsync(client));

        foreach (var answer in answers)
        {
            Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
            Assert.Contains(answer.Headers.GetValues("Set-Cookie"), c => c.StartsWith("schoolplein.auth=", StringComparison.Ordinal));
            answer.Dispose();
        }
    }
}
