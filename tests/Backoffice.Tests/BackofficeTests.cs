using System.Net;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Schoolplein.Backoffice.Operations;
using Schoolplein.Platform;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Seeding;
using Schoolplein.Platform.Tenancy;
using Schoolplein.Testing;
using Xunit;

namespace Schoolplein.Backoffice.Tests;

public sealed class BackofficeTests(BackofficeTestApp app) : IClassFixture<BackofficeTestApp>
{
    [Fact]
    public async Task StaffSignInAndSeeTheSchools()
    {
        using var client = app.Client();
        using var anonymous = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/Account/SignIn", anonymous.Headers.Location!.ToString());

        var cookie = await app.AuthCookieAsync();
        using var home = await app.GetWithCookieAsync("/", cookie);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("Scholen", await home.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OtherHostsAreRefused()
    {
        using var client = app.CreateClient(new() { BaseAddress = new Uri("http://regenboog.localhost/"), AllowAutoRedirect = false });
        using var response = await client.GetAsync("/Account/SignIn");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task HealthIsReady()
    {
        using var client = app.Client();
        Assert.Equal("Healthy", await client.GetStringAsync("/health/ready"));
    }

    [Fact]
    public async Task BackofficeAndSchoolCookiesAreNotAcceptedByEachOther()
    {
        await using var school = new SchoolAppBeside(app);
        await school.InitializeAsync();
        var slug = "kruis" + Guid.NewGuid().ToString("N")[..6];
        var handle = await school.CreateSchoolAsync(slug);
        await handle.AddUserAsync("ouder@kruis.test", Roles.Parent);

        var schoolCookie = await school.AuthCookieAsync(slug, "ouder@kruis.test");
        var backofficeCookie = await app.AuthCookieAsync();

        // The backoffice cookie's value under the school's cookie name: anonymous at the school.
        var forged = "schoolplein.auth=" + backofficeCookie.Split('=', 2)[1];
        using (var response = await school.GetWithCookieAsync($"{slug}.localhost", "/api/v1/modules", forged))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
        using (var response = await school.GetWithCookieAsync($"{slug}.localhost", "/api/v1/modules", backofficeCookie))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
        // And the other way round.
        var forgedBack = "schoolplein.backoffice=" + schoolCookie.Split('=', 2)[1];
        foreach (var cookie in new[] { forgedBack, schoolCookie })
        {
            using var response = await app.GetWithCookieAsync("/", cookie);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/Account/SignIn", response.Headers.Location!.ToString());
        }
        // Each works at home, so the refusals above are about the app, not a broken cookie.
        using (var response = await school.GetWithCookieAsync($"{slug}.localhost", "/api/v1/modules", schoolCookie))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        using (var response = await app.GetWithCookieAsync("/", backofficeCookie))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task TheSchoolRoleCannotReadBackofficeTables()
    {
        await using var connection = new NpgsqlConnection(app.Database.AppConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM backoffice.users", connection);
        var ex = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteScalarAsync());
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, ex.SqlState);
    }
}

/// <summary>The catalogue refuses invalid and reserved slugs with a clear message.</summary>
public sealed class SchoolRegistryTests(BackofficeTestApp app) : IClassFixture<BackofficeTestApp>
{
    private async Task<Outcome<Guid>> CreateAsync(NewSchool school)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SchoolRegistry>().CreateAsync(school);
    }

    /// <summary>A refusal as the backoffice shows it (Dutch, the default language).</summary>
    private string Message(Problem problem)
    {
        var previous = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("nl-NL");
        try
        {
            return app.Services.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<CatalogText>>().Text(problem);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = previous;
        }
    }

    [Theory]
    [InlineData("", "Vul een adres")]
    [InlineData("ab", "3 tot 40 tekens")]
    [InlineData("De Regenboog", "kleine letters")]
    [InlineData("-regenboog", "kleine letters")]
    [InlineData("xn--regenboog", "xn--")]
    [InlineData("www", "gereserveerd")]
    [InlineData("backoffice", "gereserveerd")]
    public async Task InvalidAndReservedSlugsAreRefusedWithAClearMessage(string slug, string message)
    {
        var result = await CreateAsync(new NewSchool(slug, "Basisschool Test"));
        Assert.False(result.Succeeded);
        Assert.Contains(result.Problems, e => e.Field == nameof(NewSchool.Slug) && Message(e).Contains(message, StringComparison.Ordinal));
        Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM tenants WHERE slug = $1", slug));
    }

    [Fact]
    public async Task ATakenSlugAndOtherBadFieldsAreRefusedAndNothingIsSaved()
    {
        Assert.True((await CreateAsync(new NewSchool("de-linde", "Basisschool De Linde"))).Succeeded);
        var taken = await CreateAsync(new NewSchool("de-linde", "Nog een Linde"));
        Assert.Contains(taken.Problems, e => Message(e).Contains("al in gebruik", StringComparison.Ordinal));

        var bad = await CreateAsync(new NewSchool("de-eik", " ", PrimaryColor: "red;", Locale: "fr-FR", TimeZone: "Mars/Olympus", Modules: ["Teleport"]));
        Assert.Equal(["Locale", "Modules", "Name", "PrimaryColor", "TimeZone"], bad.Problems.Select(e => e.Field!).Order().ToArray());
        Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM tenants WHERE slug = 'de-eik'"));
    }
}

/// <summary>The seed command: deterministic, idempotent, and the data invisible to the app role without a school.</summary>
public sealed class SeedTests(BackofficeTestApp app) : IClassFixture<BackofficeTestApp>
{
    [Fact]
    public async Task SeedingTwiceGivesTheSameDemoDataAndTheAppRoleSeesNoneWithoutASchool()
    {
        await Commands.SeedAsync(app.Services);
        var first = await CountsAsync();
        await Commands.SeedAsync(app.Services);
        Assert.Equal(first, await CountsAsync());
        Assert.Equal(2L, first[0]);
        Assert.True(first[1] > 50 && first[2] > 50 && first[3] > 50, string.Join(",", first));
        Assert.Equal(DeterministicGuid.Create("regenboog/tenant"), await app.Database.ScalarAsync<Guid>("SELECT id FROM tenants WHERE slug = 'regenboog'"));

        await using var connection = new NpgsqlConnection(app.Database.AppConnectionString);
        await connection.OpenAsync();
        foreach (var table in new[] { "users", "pupils", "groups", "guardianships", "user_roles", "group_teachers" })
        {
            await using var command = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection);
            Assert.Equal(0L, (long)(await command.ExecuteScalarAsync())!);
        }

        // The demo parent of De Regenboog has the two children run.sh promises.
        await using var scope = await app.Services.GetRequiredService<TenantScopeFactory>().BeginAsync(DeterministicGuid.Create("regenboog/tenant"));
        var db = scope.Get<SchoolpleinDb>();
        var children = await db.Guardianships.Where(g => g.User!.Email == "ouder@regenboog.test").Select(g => g.Pupil!.FirstName).OrderBy(n => n).ToListAsync();
        Assert.Equal(["Daan", "Noor"], children);

        // Demo news: group news with photos, and an urgent message part of the parents read (not the demo parent).
        Assert.True(first[5] >= 6 && first[6] >= 4 && first[7] > 0, string.Join(",", first));
        var urgentUnreadByDemoParent = await db.Set<Platform.Timeline.UrgentRecipient>()
            .AnyAsync(r => r.User!.Email == "ouder@regenboog.test"
                && !db.Set<Platform.Timeline.UrgentReadReceipt>().Any(x => x.PostId == r.PostId && x.UserId == r.UserId));
        Assert.True(urgentUnreadByDemoParent);
    }

    private async Task<long[]> CountsAsync() =>
    [
        await app.Database.ScalarAsync<long>("SELECT count(*) FROM tenants WHERE slug IN ('regenboog', 'kompas')"),
        await app.Database.ScalarAsync<long>("SELECT count(*) FROM users"),
        await app.Database.ScalarAsync<long>("SELECT count(*) FROM pupils"),
        await app.Database.ScalarAsync<long>("SELECT count(*) FROM guardianships"),
        await app.Database.ScalarAsync<long>("SELECT count(*) FROM backoffice.users"),
        await app.Database.ScalarAsync<long>("SELECT count(*) FROM posts"),
        await app.Database.ScalarAsync<long>("SELECT count(*) FROM post_photos"),
        await app.Database.ScalarAsync<long>("SELECT count(*) FROM urgent_read_receipts"),
    ];
}
