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
        // The seeder runs in the backoffice, whose role may write the catalogue; the school app's may not,
        // so the catalogue entries are made first (as the owner) and the seeder fills them.
        var options = new DbContextOptionsBuilder<SchoolpleinDb>().UseSchoolpleinNpgsql(app.Database.OwnerConnectionString).Options;
        await using (var owner = new SchoolpleinDb(options, new TenantContext()))
        {
            foreach (var school in DemoData.Schools)
            {
                owner.Tenants.Add(new Schoolplein.Platform.Tenancy.Tenant
                {
                    Id = DeterministicGuid.Create($"{school.Slug}/tenant"), Slug = school.Slug, Name = school.Name, Status = TenantStatus.Active,
                    Modules = [.. SchoolModules.All], CreatedAt = app.Now, UpdatedAt = app.Now,
                });
            }
            await owner.SaveChangesAsync();
        }
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
        using var parent = app.ClientFor("regenboog");
        await SchoolApp.SignInAsync(parent, "ouder@regenboog.test", DemoData.Password);
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

        using var teacher = app.ClientFor("regenboog");
        await SchoolApp.SignInAsync(teacher, "lisanne.mulder@regenboog.test", DemoData.Password);
        var matrix = await teacher.GetHtmlAsync($"/toestemming/groep/{DeterministicGuid.Create("regenboog/group/g34")}?zonder={social}");
        Assert.Contains(matrix.QuerySelectorAll("table.consent-matrix tbody th"), th => th.TextContent.Contains("Noor Jansen"));
    }
}
