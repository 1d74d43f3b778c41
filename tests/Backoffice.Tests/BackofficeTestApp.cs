using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Schoolplein.Backoffice;
using Schoolplein.Backoffice.Persistence;
using Schoolplein.Testing;
using Xunit;

namespace Schoolplein.Backoffice.Tests;

/// <summary>The backoffice on a fresh database migrated by its own migrate step, with the backoffice role.</summary>
public class BackofficeTestApp : WebApplicationFactory<BackofficeApp>, IAsyncLifetime
{
    public const string StaffEmail = "staf@schoolplein.test";
    public const string StaffPassword = "Backoffice-wachtwoord-1";

    private TestDatabase? _database;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("Not initialised");

    public static Task EnsureTemplateAsync(PostgresServer server) =>
        server.EnsureTemplateAsync("backoffice", owner => BackofficeMigrator.MigrateAsync(owner, PostgresServer.Roles));

    public async Task InitializeAsync()
    {
        var server = await PostgresServer.SharedAsync();
        await EnsureTemplateAsync(server);
        _database = await server.CreateDatabaseAsync("backoffice");
        _ = Server;
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<BackofficeUser>>();
        var user = new BackofficeUser { UserName = StaffEmail, Email = StaffEmail, EmailConfirmed = true, DisplayName = "Staf" };
        var result = await users.CreateAsync(user, StaffPassword);
        Assert.True(result.Succeeded, string.Join(", ", result.Errors.Select(e => e.Code)));
        await users.AddToRoleAsync(user, BackofficeRoles.Admin);
    }

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Schoolplein", Database.BackofficeConnectionString);
        builder.UseSetting("Jobs:RunServer", "false");
        builder.UseSetting("Jobs:RegisterRecurringJobs", "false");
        builder.UseSetting("AllowedHosts", "backoffice.localhost");
    }

    public HttpClient Client() =>
        CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://backoffice.localhost/"), AllowAutoRedirect = false });

    public async Task<string> AuthCookieAsync()
    {
        using var client = new HttpClient(Server.CreateHandler()) { BaseAddress = new Uri("http://backoffice.localhost/") };
        using var page = await client.GetAsync("/Account/SignIn");
        var cookies = page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]);
        var html = await page.Content.ReadAsStringAsync();
        var token = System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex
            .Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value);
        using var post = new HttpRequestMessage(HttpMethod.Post, "/Account/SignIn")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["Email"] = StaffEmail,
                ["Password"] = StaffPassword,
            }),
        };
        post.Headers.Add("Cookie", string.Join("; ", cookies));
        using var response = await client.SendAsync(post);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("schoolplein.backoffice=", StringComparison.Ordinal));
    }

    public async Task<HttpResponseMessage> GetWithCookieAsync(string path, string cookie)
    {
        using var client = new HttpClient(Server.CreateHandler()) { BaseAddress = new Uri("http://backoffice.localhost/") };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }
}

/// <summary>The school app on the backoffice test's database, to check that cookies do not cross.</summary>
public sealed class SchoolAppBeside(BackofficeTestApp backoffice) : SchoolApp
{
    protected override Task<TestDatabase> CreateDatabaseAsync(PostgresServer server) => Task.FromResult(backoffice.Database);
}
