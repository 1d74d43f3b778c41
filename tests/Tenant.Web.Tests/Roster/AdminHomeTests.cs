using System.Net;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Schoolplein.Testing;
using Xunit;

using Schoolplein.Tenant.Web.Tests.Administration;

namespace Schoolplein.Tenant.Web.Tests.Roster;

/// <summary>
/// /beheer is the school admin's start page: a link to every admin area (found from the app's
/// endpoints, so a new area must be added to it) with a short count each. Not for teachers or parents.
/// </summary>
public sealed class AdminHomeTests(AdminHomeTests.App app) : IClassFixture<AdminHomeTests.App>
{
    /// <summary>Its own database, so the counts are exactly the fixture's.</summary>
    public sealed class App : AdministrationApp;

    /// <summary>The admin areas: every page directly under /beheer/ without a route parameter.</summary>
    private IReadOnlyList<string> AdminAreas() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.OfType<CompiledPageActionDescriptor>().Any())
            .Select(e => "/" + e.RoutePattern.RawText?.TrimStart('/'))
            .Where(path => path.StartsWith("/beheer/", StringComparison.Ordinal) && path.Count(c => c == '/') == 2 && !path.Contains('{'))
            .Distinct()
            .Order()
            .ToList();

    [Fact]
    public async Task TheAdminStartPageLinksEveryAdminAreaWithItsCount()
    {
        using var admin = await app.SignedInAsync("zon", "directie@zon.test");
        using var response = await admin.GetAsync("/beheer");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.HtmlAsync();
        var main = page.QuerySelector("main")!;
        var areas = AdminAreas();
        Assert.Contains("/beheer/leerlingen", areas);
        Assert.True(areas.Count >= 10, string.Join(", ", areas));
        var links = main.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Empty(areas.Except(links));

        string Line(string path) => main.QuerySelector($"a[href='{path}']")!.Closest("li")!.TextContent;
        // The fixture: Noor, Daan and Sem in two groups; juf Lisa, juf Joyce, meester Kees and the admin; six closures.
        Assert.Contains("3 leerlingen", Line("/beheer/leerlingen"));
        Assert.Contains("2 groepen", Line("/beheer/groepen"));
        Assert.Contains("4 medewerkers", Line("/beheer/medewerkers"));
        Assert.Contains("0 aanvragen", Line("/beheer/verlof"));

        // The menu's "Beheer" leads here.
        Assert.Contains(page.QuerySelectorAll("nav.sidenav a[href]"), a => a.GetAttribute("href") == "/beheer");
    }

    [Fact]
    public async Task TeachersAndParentsDoNotGetTheAdminStartPage()
    {
        foreach (var email in new[] { "lisa@zon.test", "ouder@zon.test" })
        {
            using var client = await app.SignedInAsync("zon", email);
            using var response = await client.GetAsync("/beheer");
            Assert.True(response.StatusCode is HttpStatusCode.Forbidden
                || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("AccessDenied", StringComparison.Ordinal)),
                $"{email}: {(int)response.StatusCode} {response.Headers.Location}");
        }
        using var anonymous = app.ClientFor("zon");
        using var signIn = await anonymous.GetAsync("/beheer");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Contains("/Account/SignIn", signIn.Headers.Location!.ToString());
    }
}
