using System.Net;
using Schoolplein.Platform.Consent;
using Schoolplein.Testing;
using Xunit;

namespace Schoolplein.Tenant.Web.Tests.Consent;

/// <summary>What a guardian does: choose per child and category, see the history; and what they may not reach.</summary>
public sealed class ParentConsentTests(ConsentApp app) : IClassFixture<ConsentApp>
{
    private static Dictionary<string, string> Answer(Guid pupil, Guid category, string? answer)
    {
        var form = new Dictionary<string, string> { ["pupilId"] = pupil.ToString(), ["categoryId"] = category.ToString() };
        if (answer is not null)
        {
            form["answer"] = answer;
        }
        return form;
    }

    [Fact]
    public async Task AParentDeniesSocialMediaForOneChildAllowsItForTheOtherAndSeesTheHistory()
    {
        var categories = await app.CategoriesAsync(app.A);
        var social = categories[ConsentCategoryCodes.SocialMedia];
        using var client = await app.SignedInAsync("zonnebloem", "sanne@ouders.test");

        var page = await client.GetHtmlAsync("/toestemming");
        Assert.NotNull(page.QuerySelector($"#child-{app.Noor}"));
        Assert.NotNull(page.QuerySelector($"#child-{app.Daan}"));
        Assert.Null(page.QuerySelector($"#child-{app.Yara}"));
        Assert.Contains("geen antwoord", page.QuerySelector($"#child-{app.Noor}")!.TextContent);

        using (var deny = await client.PostFormAsync("/toestemming", Answer(app.Noor, social, "deny"), "/toestemming"))
        {
            Assert.Equal(HttpStatusCode.Redirect, deny.StatusCode);
        }
        using (var allow = await client.PostFormAsync("/toestemming", Answer(app.Daan, social, "allow"), "/toestemming"))
        {
            Assert.Equal(HttpStatusCode.Redirect, allow.StatusCode);
        }

        var history = await client.GetHtmlAsync($"/toestemming/kind/{app.Noor}");
        var rows = history.QuerySelectorAll("section[aria-labelledby=history-heading] tbody tr");
        var row = Assert.Single(rows);
        Assert.Contains("Social media", row.TextContent);
        Assert.Contains("nee", row.TextContent);
        Assert.Contains("Sanne Test", row.TextContent);
        Assert.Contains("Ouderportaal", row.TextContent);
        var daan = await client.GetStringAsync($"/toestemming/kind/{app.Daan}");
        Assert.Contains("✓", daan);

        // The co-guardian was told, in the notification list.
        using var mark = await app.SignedInAsync("zonnebloem", "mark@ouders.test");
        var notifications = await mark.GetStringAsync("/meldingen");
        Assert.Contains("Sanne Test heeft &#x27;Social media&#x27; voor Noor op niet toestaan gezet.", notifications);
    }

    [Fact]
    public async Task SavingWithoutChoosingShowsAClearMessageAndStoresNothing()
    {
        var categories = await app.CategoriesAsync(app.A);
        using var client = await app.SignedInAsync("zonnebloem", "aisha@ouders.test");
        foreach (var answer in new[] { null, "maybe" })
        {
            using var response = await client.PostFormAsync("/toestemming", Answer(app.Yara, categories[ConsentCategoryCodes.Website], answer), "/toestemming");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var html = await response.HtmlAsync();
            Assert.Equal("Kies toestaan of niet toestaan.", html.QuerySelector($"#child-{app.Yara} .field-error")!.TextContent);
        }
        Assert.Equal(0L, await app.RecordCountAsync(app.Yara));
    }

    [Fact]
    public async Task AParentCannotAnswerForAnotherFamilysChildOrAChildOfAnotherSchool()
    {
        var categories = await app.CategoriesAsync(app.A);
        using var client = await app.SignedInAsync("zonnebloem", "aisha@ouders.test");
        using (var other = await client.PostFormAsync("/toestemming", Answer(app.Bo, categories[ConsentCategoryCodes.Website], "allow"), "/toestemming"))
        {
            Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        }
        using (var foreign = await client.PostFormAsync("/toestemming", Answer(app.PupilB, categories[ConsentCategoryCodes.Website], "allow"), "/toestemming"))
        {
            Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        }
        var foreignCategories = await app.CategoriesAsync(app.B);
        using (var foreignCategory = await client.PostFormAsync("/toestemming", Answer(app.Yara, foreignCategories[ConsentCategoryCodes.Website], "allow"), "/toestemming"))
        {
            Assert.Equal(HttpStatusCode.NotFound, foreignCategory.StatusCode);
        }
        Assert.Equal(0L, await app.RecordCountAsync(app.Bo));
        Assert.Equal(0L, await app.RecordCountAsync(app.PupilB));
        Assert.Equal(0L, await app.RecordCountAsync(app.Yara));

        using (var otherHistory = await client.GetAsync($"/toestemming/kind/{app.Bo}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, otherHistory.StatusCode);
        }
        using (var foreignHistory = await client.GetAsync($"/toestemming/kind/{app.PupilB}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, foreignHistory.StatusCode);
        }
        using (var matrix = await client.GetAsync($"/toestemming/groep/{app.Group3}"))
        {
            Assert.Equal(HttpStatusCode.Redirect, matrix.StatusCode);
            Assert.StartsWith("/Account/AccessDenied", matrix.Headers.Location!.PathAndQuery);
        }
    }

    [Fact]
    public async Task AfterTheLockDateAParentCannotChangeTheAnswerButTheSchoolCanEnterAPaperForm()
    {
        var locked = await app.InSchoolAsync(app.A.Id, async scope =>
        {
            var category = await scope.Get<ConsentService>().AddCategoryAsync("Schoolfotograaf", null, 100, new DateOnly(2020, 1, 1));
            return category.Id;
        });
        using var parent = await app.SignedInAsync("zonnebloem", "ruud@ouders.test");
        var page = await parent.GetHtmlAsync("/toestemming");
        Assert.Contains("kan sinds woensdag 1 januari 2020 alleen via de school", page.QuerySelector($"#child-{app.Femke}")!.TextContent);
        using (var response = await parent.PostFormAsync("/toestemming", Answer(app.Femke, locked, "allow"), "/toestemming"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("Deze keuze is vergrendeld en kan alleen via de school worden gewijzigd.", (await response.HtmlAsync()).QuerySelector($"#child-{app.Femke} .field-error")!.TextContent);
        }
        Assert.Equal(0L, await app.RecordCountAsync(app.Femke));

        using var admin = await app.SignedInAsync("zonnebloem", "directie@zonnebloem.test");
        using (var paper = await admin.PostFormAsync($"/toestemming/kind/{app.Femke}?handler=Paper", new Dictionary<string, string>
        {
            ["Paper.CategoryId"] = locked.ToString(),
            ["Paper.Answer"] = "allow",
            ["Paper.GuardianId"] = app.FemkeParent.ToString(),
        }, $"/toestemming/kind/{app.Femke}"))
        {
            Assert.Equal(HttpStatusCode.Redirect, paper.StatusCode);
        }
        Assert.Equal(1L, await app.RecordCountAsync(app.Femke));
        Assert.Equal("Paper", await app.Database.ScalarAsync<string>("SELECT source FROM consent_records WHERE pupil_id = $1", app.Femke));
        Assert.Equal(app.AdminA, await app.Database.ScalarAsync<Guid>("SELECT staff_user_id FROM consent_records WHERE pupil_id = $1", app.Femke));
        // The guardian is told the school processed a paper form, and sees it in the history.
        Assert.Contains("papieren formulier", await app.Database.ScalarAsync<string>(
            "SELECT body FROM notifications WHERE user_id = $1 AND source_id = $2", app.FemkeParent, app.Femke));
        var history = await parent.GetStringAsync($"/toestemming/kind/{app.Femke}");
        Assert.Contains("Papieren formulier", history);
        Assert.Contains("ingevoerd door Directie Test", history);
    }

    [Fact]
    public async Task ThePageIsNotThereForASchoolWithoutTheConsentModule()
    {
        var school = await app.CreateSchoolAsync("zonderfoto", modules: []);
        await school.AddUserAsync("ouder@zonderfoto.test");
        using var client = await app.SignedInAsync("zonderfoto", "ouder@zonderfoto.test");
        using var response = await client.GetAsync("/toestemming");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("href=\"/toestemming\"", await client.GetStringAsync("/"));
    }
}
