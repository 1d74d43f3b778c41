using System.Net;
using Schoolplein.Platform.Consent;
using Schoolplein.Testing;
using Xunit;

namespace Schoolplein.Tenant.Web.Tests.Consent;

/// <summary>The yearly re-confirmation: the school asks, every guardian is notified and sees a banner until they confirm.</summary>
public sealed class ReconfirmationTests(ConsentApp app) : IClassFixture<ConsentApp>
{
    private async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = Deadline.In(30);
        while (!await condition())
        {
            Assert.True(!deadline.Passed, "condition not met within 30 s");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task GuardiansAreAskedToConfirmSeeABannerUntilTheyDoAndMustAnswerEveryCategory()
    {
        var categories = await app.CategoriesAsync(app.A);
        await app.RecordAsync(app.A, app.Yara, ConsentCategoryCodes.Portal, true, app.YaraParent);
        using var admin = await app.SignedInAsync("zonnebloem", "directie@zonnebloem.test");
        using (var request = await admin.PostFormAsync("/beheer/toestemming?handler=Reconfirm", new Dictionary<string, string>(), "/beheer/toestemming"))
        {
            Assert.Equal(HttpStatusCode.Redirect, request.StatusCode);
        }
        // Every guardian of a current child is notified (by a job), the school of B not.
        await WaitForAsync(async () => await app.Database.ScalarAsync<long>(
            "SELECT count(*) FROM notifications WHERE kind = 'consent.reconfirm' AND tenant_id = $1", app.A.Id) == 5);
        Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM notifications WHERE kind = 'consent.reconfirm' AND tenant_id = $1", app.B.Id));
        await app.Mail.WaitForMessageAsync("aisha@ouders.test");

        // Asking twice in one school year is refused with a message.
        using (var again = await admin.PostFormAsync("/beheer/toestemming?handler=Reconfirm", new Dictionary<string, string>(), "/beheer/toestemming"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
            Assert.Contains("al gevraagd", (await again.HtmlAsync()).QuerySelector("[role=alert]")!.TextContent);
        }
        Assert.Equal(1L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM consent_reconfirmations WHERE tenant_id = $1", app.A.Id));

        using var parent = await app.SignedInAsync("zonnebloem", "aisha@ouders.test");
        var home = await parent.GetHtmlAsync("/");
        Assert.Contains("De school vraagt je je keuzes voor foto's en video's te bevestigen.", home.QuerySelector(".banner")!.TextContent);

        // Only the portal category answered: the others must be chosen before anything is stored.
        var form = new Dictionary<string, string> { [FieldName(app.Yara, categories[ConsentCategoryCodes.Portal])] = "allow" };
        using (var incomplete = await parent.PostFormAsync("/toestemming/bevestigen", form))
        {
            Assert.Equal(HttpStatusCode.BadRequest, incomplete.StatusCode);
            var html = await incomplete.HtmlAsync();
            Assert.Equal("Maak voor elke categorie een keuze.", html.QuerySelector(".errors")!.TextContent.Trim());
            Assert.Equal("Kies toestaan of niet toestaan.", html.QuerySelector($"#{FieldName(app.Yara, categories[ConsentCategoryCodes.Website])}-error")!.TextContent);
        }
        Assert.Equal(1L, await app.RecordCountAsync(app.Yara));
        Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM consent_confirmations"));

        foreach (var code in ConsentCategoryCodes.Defaults.Where(c => c != ConsentCategoryCodes.Portal))
        {
            form[FieldName(app.Yara, categories[code])] = code == ConsentCategoryCodes.Press ? "deny" : "allow";
        }
        using (var complete = await parent.PostFormAsync("/toestemming/bevestigen", form))
        {
            Assert.Equal(HttpStatusCode.Redirect, complete.StatusCode);
        }
        // The unchanged portal answer is confirmed, not recorded again; the four new answers are.
        Assert.Equal(5L, await app.RecordCountAsync(app.Yara));
        Assert.Equal(1L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM consent_confirmations WHERE pupil_id = $1 AND guardian_user_id = $2", app.Yara, app.YaraParent));
        Assert.Null((await parent.GetHtmlAsync("/")).QuerySelector(".banner"));

        // Another guardian still sees it.
        using var other = await app.SignedInAsync("zonnebloem", "ruud@ouders.test");
        Assert.NotNull((await other.GetHtmlAsync("/toestemming")).QuerySelector(".banner"));
    }

    private static string FieldName(Guid pupil, Guid category) => $"answer-{pupil:N}-{category:N}";
}
