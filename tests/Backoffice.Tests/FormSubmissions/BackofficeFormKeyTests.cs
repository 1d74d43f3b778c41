using System.Net;
using Schoolplein.Backoffice.Persistence;
using Schoolplein.Platform.Forms;
using Schoolplein.Platform.Tenancy;
using Schoolplein.Testing;
using Xunit;

namespace Schoolplein.Backoffice.Tests.FormSubmissions;

/// <summary>The backoffice with a short wait for a submit that is still running.</summary>
public sealed class ShortWaitBackofficeApp : BackofficeTestApp
{
    public const int WaitMilliseconds = 1000;

    protected override void Configure(IDictionary<string, string?> settings) =>
        settings["Forms:WaitMilliseconds"] = WaitMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>The backoffice's own table of sent forms, and its answer when the first submit is still running.</summary>
public sealed class BackofficeFormKeyTests(ShortWaitBackofficeApp app) : IClassFixture<ShortWaitBackofficeApp>
{
    private async Task<(HttpClient Client, RenderedForm Form)> InviteFormAsync(string slug)
    {
        var client = await app.SignedInClientAsync(BackofficeRoles.Onboarding);
        Guid school;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            school = (await scope.ServiceProvider.GetRequiredService<SchoolRegistry>().CreateAsync(new NewSchool(slug, "Kindcentrum " + slug))).Value;
        }
        var form = await DoubleSubmitSweep.Page($"/Schools/Details/{school}", "Invite", f => f.Set("Form.AdminFirstName", "Anna")
            .Set("Form.AdminLastName", "Wacht").Set("Form.AdminEmail", $"anna@{slug}.test"))(client);
        return (client, form);
    }

    [Fact]
    public async Task ASubmitThatFindsTheFirstStillRunningWaitsAndAnswers409WithAPageOfItsOwn()
    {
        var (client, form) = await InviteFormAsync("wacht-school");
        using var _ = client;
        await app.Database.ExecuteAsync("INSERT INTO backoffice.form_submissions (key, created_at) VALUES ($1, $2)", form[FormKeys.FieldName]!, app.Now);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        using var answer = await form.SubmitAsync(client);

        Assert.Equal(HttpStatusCode.Conflict, answer.StatusCode);
        Assert.True(watch.ElapsedMilliseconds >= ShortWaitBackofficeApp.WaitMilliseconds, $"answered after {watch.ElapsedMilliseconds} ms without waiting");
        var html = await answer.HtmlAsync();
        Assert.Equal("nl", html.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Even geduld", html.QuerySelector("h1")?.TextContent);
        Assert.Contains("Dit formulier wordt nog verwerkt.", html.QuerySelector("main p")?.TextContent);
        Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM users WHERE email = 'anna@wacht-school.test'"));
    }

    [Fact]
    public async Task ASentFormIsRememberedInTheBackofficeSchemaAndARepeatLandsWhereTheFirstLed()
    {
        var (client, form) = await InviteFormAsync("herhaal-school");
        using var _ = client;
        using var first = await form.SubmitAsync(client);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(first.Headers.Location!.ToString(), await app.Database.ScalarAsync<string>(
            "SELECT redirect_to FROM backoffice.form_submissions WHERE key = $1", form[FormKeys.FieldName]!));

        using var again = await form.SubmitAsync(client);

        Assert.Equal(first.Headers.Location, again.Headers.Location);
        Assert.Contains(DoubleSubmitSweep.AlreadySentNotice, await client.GetStringAsync(again.Headers.Location!.ToString()));
        Assert.Equal(1L, await app.Database.ScalarAsync<long>(
            "SELECT count(*) FROM backoffice.audit_entries WHERE action = 'school.admin_invited' AND tenant_id = (SELECT id FROM tenants WHERE slug = 'herhaal-school')"));
    }
}
