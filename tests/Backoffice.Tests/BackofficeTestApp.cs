using System.Text.RegularExpressions;
using Hangfire;
using Hangfire.Storage.Monitoring;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using OtpNet;
using Schoolplein.Backoffice;
using Schoolplein.Backoffice.Persistence;
using Schoolplein.Platform.Clock;
using Schoolplein.Testing;
using Xunit;

namespace Schoolplein.Backoffice.Tests;

/// <summary>
/// The backoffice on a fresh database migrated by its own migrate step, with the backoffice
/// role, smtp4dev and (per fixture) a Hangfire server. Staff sign in with password and TOTP,
/// as in production: <see cref="SignedInClientAsync"/> makes a fresh enrolled user per call,
/// so codes are never replayed between tests.
/// </summary>
public class BackofficeTestApp : WebApplicationFactory<BackofficeApp>, IAsyncLifetime
{
    public const string StaffEmail = "staf@schoolplein.test";
    public const string StaffPassword = "Backoffice-wachtwoord-1";

    private TestDatabase? _database;
    private Smtp4devServer? _mail;
    private string? _staffCookie;
    private readonly SemaphoreSlim _cookieLock = new(1, 1);
    private int _userCounter;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("Not initialised");
    public Smtp4devServer Mail => _mail ?? throw new InvalidOperationException("Not initialised");

    /// <summary>Authenticator key of <see cref="StaffEmail"/> (Admin).</summary>
    public string StaffKey { get; private set; } = "";

    /// <summary>Per-fixture settings on top of the test defaults.</summary>
    protected virtual void Configure(IDictionary<string, string?> settings)
    {
    }

    public static Task EnsureTemplateAsync(PostgresServer server) =>
        server.EnsureTemplateAsync("backoffice", owner => BackofficeMigrator.MigrateAsync(owner, PostgresServer.Roles));

    public virtual async Task InitializeAsync()
    {
        var server = await PostgresServer.SharedAsync();
        await EnsureTemplateAsync(server);
        _database = await server.CreateDatabaseAsync("backoffice");
        _mail = await Smtp4devServer.SharedAsync();
        _ = Server;
        StaffKey = await CreateStaffAsync(StaffEmail, StaffPassword, enrolled: true, BackofficeRoles.Admin);
    }

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Schoolplein"] = Database.BackofficeConnectionString,
            ["Tenancy:BaseDomain"] = "localhost",
            ["Tenancy:PublicPort"] = "80",
            ["Email:Host"] = "127.0.0.1",
            ["Email:Port"] = Mail.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Jobs:RunServer"] = "false",
            ["Jobs:WorkerCount"] = "2",
            ["Jobs:PollIntervalMilliseconds"] = "100",
            ["Jobs:RegisterRecurringJobs"] = "false",
            ["AllowedHosts"] = "backoffice.localhost",
        };
        Configure(settings);
        builder.UseEnvironment("Testing");
        // As in Development (run.sh, the browser demo): a service that cannot be built fails at start, in every test.
        builder.UseDefaultServiceProvider(o => { o.ValidateOnBuild = true; o.ValidateScopes = true; });
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Time));
    }

    /// <summary>Creates a backoffice user; returns the authenticator key when enrolled (else "").</summary>
    public async Task<string> CreateStaffAsync(string email, string password, bool enrolled, params string[] roles)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<BackofficeUser>>();
        var user = new BackofficeUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email.Split('@')[0] };
        var result = await users.CreateAsync(user, password);
        Assert.True(result.Succeeded, string.Join(", ", result.Errors.Select(e => e.Code)));
        if (roles.Length > 0)
        {
            Assert.True((await users.AddToRolesAsync(user, roles)).Succeeded);
        }
        if (!enrolled)
        {
            return "";
        }
        await users.ResetAuthenticatorKeyAsync(user);
        await users.SetTwoFactorEnabledAsync(user, true);
        return (await users.GetAuthenticatorKeyAsync(user))!;
    }

    /// <summary>The backoffice's clock: starts where the school app's tests start and runs on.</summary>
    public StartedClock Time { get; } = new(SchoolApp.DefaultStart);

    public DateTimeOffset Now => Time.GetUtcNow();

    /// <summary>The authenticator app's code at the backoffice's "now" (plus whole 30-second steps).</summary>
    public string Code(string key, int stepOffset = 0) =>
        new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(Now.UtcDateTime.AddSeconds(30 * stepOffset));

    public HttpClient Client() =>
        CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://backoffice.localhost/"), AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A client signed in (password + TOTP) as a new user with the given roles.</summary>
    public async Task<HttpClient> SignedInClientAsync(params string[] roles)
    {
        var email = $"staf{Interlocked.Increment(ref _userCounter)}-{Guid.NewGuid():N}"[..20] + "@schoolplein.test";
        var key = await CreateStaffAsync(email, StaffPassword, enrolled: true, roles);
        var client = Client();
        await SignInAsync(client, email, StaffPassword, key);
        return client;
    }

    public async Task SignInAsync(HttpClient client, string email, string password, string key)
    {
        using (var response = await client.PostFormAsync("/Account/SignIn", new Dictionary<string, string> { ["Email"] = email, ["Password"] = password }))
        {
            Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Account/TwoFactor", response.Headers.Location!.OriginalString);
        }
        using (var response = await client.PostFormAsync("/Account/TwoFactor", new Dictionary<string, string> { ["Code"] = Code(key) }))
        {
            Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/", response.Headers.Location!.OriginalString);
        }
    }

    /// <summary>The raw auth cookie ("name=value") of <see cref="StaffEmail"/>, signed in once per fixture.</summary>
    public async Task<string> AuthCookieAsync()
    {
        await _cookieLock.WaitAsync();
        try
        {
            if (_staffCookie is not null)
            {
                return _staffCookie;
            }
            var cookies = new System.Net.CookieContainer();
            using var client = new HttpClient(new CookieHandler(cookies, Server.CreateHandler())) { BaseAddress = new Uri("http://backoffice.localhost/") };
            await SignInAsync(client, StaffEmail, StaffPassword, StaffKey);
            var cookie = cookies.GetCookies(new Uri("http://backoffice.localhost/"))["schoolplein.backoffice"]
                ?? throw new InvalidOperationException("No backoffice cookie after sign-in.");
            return _staffCookie = $"{cookie.Name}={cookie.Value}";
        }
        finally
        {
            _cookieLock.Release();
        }
    }

    public async Task<HttpResponseMessage> GetWithCookieAsync(string path, string cookie)
    {
        using var client = new HttpClient(Server.CreateHandler()) { BaseAddress = new Uri("http://backoffice.localhost/") };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }

    public async Task<string> WaitForJobAsync(string jobId, int timeoutSeconds = 60)
    {
        var monitor = Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var deadline = Deadline.In(timeoutSeconds);
        while (true)
        {
            JobDetailsDto? details = monitor.JobDetails(jobId);
            var state = details?.History.FirstOrDefault()?.StateName;
            if (state is "Succeeded" or "Failed" or "Deleted")
            {
                return state;
            }
            if (deadline.Passed)
            {
                throw new TimeoutException($"Job {jobId} is still {state ?? "unknown"} after {timeoutSeconds} s.");
            }
            await Task.Delay(100);
        }
    }

    public static string? FirstMatch(string html, string pattern) =>
        Regex.Match(html, pattern) is { Success: true } m ? System.Net.WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    private sealed class CookieHandler(System.Net.CookieContainer cookies, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var header = cookies.GetCookieHeader(request.RequestUri!);
            if (header.Length > 0)
            {
                request.Headers.Add("Cookie", header);
            }
            var response = await base.SendAsync(request, ct);
            if (response.Headers.TryGetValues("Set-Cookie", out var set))
            {
                foreach (var c in set)
                {
                    cookies.SetCookies(request.RequestUri!, c);
                }
            }
            return response;
        }
    }
}

/// <summary>The school app on the backoffice test's database, to check that cookies do not cross.</summary>
public sealed class SchoolAppBeside(BackofficeTestApp backoffice) : SchoolApp
{
    protected override Task<TestDatabase> CreateDatabaseAsync(PostgresServer server) => Task.FromResult(backoffice.Database);
}
