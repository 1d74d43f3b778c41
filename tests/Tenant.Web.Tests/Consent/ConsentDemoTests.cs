using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Schoolplein.Platform.Modules;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Tenancy;
using Schoolplein.Platform.Consent;
using Schoolplein.Platform.Seeding;
using Schoolplein.Testing;
using Xunit;

namespace Schoolplein.Tenant.Web.Tests.Consent;

/// <summary>The issue's "done when" on the demo data: the demo parent chooses for both children, the teacher sees it.</summary>
public sealed class ConsentDemoTests(SchoolApp app) : IClassFixture<SchoolApp>
{
    [Fact]
    public async Task OnTheDemoTheParentDeniesSocialMediaForOneChildAllowsItForTheOtherAndTheTeacherSeesIt()
    {
        await app.AddDemoSchoolsAsync();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var seeder = ActivatorUtilities.CreateInstance<DemoSeeder>(scope.ServiceProvider);
            await seeder.SeedAsync();
            await seeder.SeedAsync(); // idempotent
        }
        var regenboog = DeterministicGuid.Create("regenboog/tenant");
        Assert.Equal(5L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM consent_categories WHERE tenant_id = $1", regenboog));
        Assert.Equal(5L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM consent_categories WHERE tenant_id = $1", DeterministicGuid.Create("kompas/tenant")));
        var seeded = await app.Database.ScalarAsync<long>("SELECT count(*) FROM consent_records WHERE tenant_id = $1", regenboog);
        Assert.True(seeded > 50, $"only {seeded} demo answers");

        var noor = DeterministicGuid.Create("regenboog/pupil/R1001");
        var daan = DeterministicGuid.Create("regenboog/pupil/R1002");
        var social = DeterministicGuid.Create($"regenboog/consent-category/{ConsentCategoryCodes.SocialMedia}");
        using var parent = await app.SignedInAsync("regenboog", "ouder@regenboog.test", DemoData.Password);
        foreach (var (child, answer) in new[] { (noor, "deny"), (daan, "allow") })
        {
            using var response = await parent.PostFormAsync("/toestemming", new Dictionary<string, string>
            {
                ["pupilId"] = child.ToString(), ["categoryId"] = social.ToString(), ["answer"] = answer,
            }, "/toestemming");
            Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        }
        var history = await parent.GetStringAsync($"/toestemming/kind/{noor}");
        Assert.Contains("Social media", history);
        Assert.Contains("Overgenomen uit het oude ouderportaal", history);

        using var teacher = await app.SignedInAsync("regenboog", "lisanne.mulder@regenboog.test", DemoData.Password);
        var matrix = await teacher.GetHtmlAsync($"/toestemming/groep/{DeterministicGuid.Create("regenboog/group/g34")}?zonder={social}");
        Assert.Contains(matrix.QuerySelectorAll("table.consent-matrix tbody th"), th => th.TextContent.Contains("Noor Jansen"));
    }
}
