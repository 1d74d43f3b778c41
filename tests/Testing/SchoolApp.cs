using Hangfire;
using Hangfire.Storage.Monitoring;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Schoolplein.Platform.Clock;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Modules;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Roster;
using Schoolplein.Platform.Seeding;
using Schoolplein.Platform.Tenancy;
using Schoolplein.Tenant.Web;
using Serilog.Core;
using Xunit;

namespace Schoolplein.Testing;

/// <summary>
/// The school app on a fresh clone of the migrated database (one per test class), with the
/// real pipeline, the app database role, a Hangfire server and smtp4dev. Use as a class fixture.
/// </summary>
public class SchoolApp : WebApplicationFactory<TenantWebApp>, IAsyncLifetime
{
    public const string Password = "Correct-horse-battery-9";
    private static readonly Lazy<string> PasswordHash = new(() => new PasswordHasher<AppUser>().HashPassword(new AppUser(), Password));

    /// <summary>
    /// Where every test app's clock starts unless the fixture says otherwise: Monday 7 December 2026,
    /// 10:00 in Amsterdam (a school day, after the 08:30 absence cut-off, outside quiet hours). The
    /// clock runs on from there, so a test sees the same day and hour whenever it runs.
    /// </summary>
    public static readonly DateTimeOffset DefaultStart = new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.FromHours(1)).ToUniversalTime();

    private TestDatabase? _database;
    private Smtp4devServer? _mail;
    private TimeProvider? _time;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("Not initialised");
    public Smtp4devServer Mail => _mail ?? throw new InvalidOperationException("Not initialised");
    public TestLogSink Logs { get; } = new();

    /// <summary>Per-fixture settings on top of the test defaults.</summary>
    protected virtual void Configure(IDictionary<string, string?> settings)
    {
    }

    /// <summary>The app's clock (registered as its TimeProvider). Override to pin another instant or freeze it.</summary>
    protected virtual TimeProvider CreateClock() => new StartedClock(DefaultStart);

    /// <summary>The app's clock: tests read "now" and "today" from it, never from the machine.</summary>
    public TimeProvider Time => _time ??= CreateClock();

    public DateTimeOffset Now => Time.GetUtcNow();

    /// <summary>Today in Amsterdam by the app's clock.</summary>
    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Now, Amsterdam).DateTime);

    public static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    /// <summary>A local Amsterdam time ("yyyy-MM-dd HH:mm") as an instant.</summary>
    public static DateTimeOffset At(string local)
    {
        var time = DateTime.ParseExact(local, "yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        return new DateTimeOffset(time, Amsterdam.GetUtcOffset(time)).ToUniversalTime();
    }

    /// <summary>Extra service registrations, after the app's own and the test clock.</summary>
    protected virtual void ConfigureTestServices(IServiceCollection services)
    {
    }

    /// <summary>Use another database (e.g. share one between two app instances).</summary>
    protected virtual Task<TestDatabase> CreateDatabaseAsync(PostgresServer server) => server.CreateDatabaseAsync("school");

    public virtual async Task InitializeAsync()
    {
        var server = await PostgresServer.SharedAsync();
        await server.EnsureTemplateAsync("school", owner => DatabaseMigrator.MigrateAsync(owner, PostgresServer.Roles));
        _database = await CreateDatabaseAsync(server);
        _mail = await Smtp4devServer.SharedAsync();
        _ = Server;
    }

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Schoolplein"] = Database.AppConnectionString,
            ["Tenancy:BaseDomain"] = "localhost",
            ["Tenancy:PublicPort"] = "80",
            ["Email:Host"] = "127.0.0.1",
            ["Email:Port"] = Mail.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Jobs:RunServer"] = "true",
            ["Jobs:WorkerCount"] = "2",
            ["Jobs:PollIntervalMilliseconds"] = "100",
            ["Jobs:RegisterRecurringJobs"] = "false",
        };
        Configure(settings);
        builder.UseEnvironment("Testing");
        // As in Development (run.sh, the browser demo): a service that cannot be built fails at start, in every test.
        builder.UseDefaultServiceProvider(o => { o.ValidateOnBuild = true; o.ValidateScopes = true; });
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<ILogEventSink>(Logs);
            services.AddSingleton(Time);
            ConfigureTestServices(services);
        });
    }

    /// <summary>A client for a school's host (cookies kept, redirects not followed).</summary>
    public HttpClient ClientFor(string slug) => ClientForHost($"{slug}.localhost");

    public HttpClient ClientForHost(string host) =>
        CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri($"http://{host}/"), AllowAutoRedirect = false, HandleCookies = true });

    public async Task<SchoolHandle> CreateSchoolAsync(
        string slug, string? name = null, TenantStatus status = TenantStatus.Active, IEnumerable<string>? modules = null,
        string color = "#0B6E5F", string? phone = "030 111 22 33")
    {
        var options = new DbContextOptionsBuilder<SchoolpleinDb>().UseSchoolpleinNpgsql(Database.OwnerConnectionString).Options;
        await using var db = new SchoolpleinDb(options, new TenantContext());
        var tenant = new Platform.Tenancy.Tenant
        {
            Slug = slug,
            Name = name ?? $"School {slug}",
            Status = status,
            PrimaryColor = color,
            Phone = phone,
            Modules = [.. modules ?? SchoolModules.All],
            CreatedAt = Now,
            UpdatedAt = Now,
        };
        db.Tenants.Add(tenant);
        await db.SaveChangesAsync();
        Services.GetRequiredService<TenantCatalog>().Invalidate(tenant.Id, slug);
        return new SchoolHandle(this, tenant.Id, slug, tenant.Name);
    }

    /// <summary>
    /// Enters the demo schools (regenboog, kompas) in the catalogue as the owner: the school app's
    /// role may not write the catalogue (the backoffice does), so the demo seeder then fills them.
    /// </summary>
    public async Task AddDemoSchoolsAsync()
    {
        var options = new DbContextOptionsBuilder<SchoolpleinDb>().UseSchoolpleinNpgsql(Database.OwnerConnectionString).Options;
        await using var db = new SchoolpleinDb(options, new TenantContext());
        foreach (var school in DemoData.Schools)
        {
            db.Tenants.Add(new Platform.Tenancy.Tenant
            {
                Id = DeterministicGuid.Create($"{school.Slug}/tenant"), Slug = school.Slug, Name = school.Name, Status = TenantStatus.Active,
                PrimaryColor = school.Color, Phone = school.Phone, Modules = [.. SchoolModules.All], CreatedAt = Now, UpdatedAt = Now,
            });
        }
        await db.SaveChangesAsync();
    }

    public async Task<T> InSchoolAsync<T>(Guid tenantId, Func<TenantScope, Task<T>> work)
    {
        await using var scope = await Services.GetRequiredService<TenantScopeFactory>().BeginAsync(tenantId);
        return await work(scope);
    }

    public Task InSchoolAsync(Guid tenantId, Func<TenantScope, Task> work) =>
        InSchoolAsync(tenantId, async scope => { await work(scope); return true; });

    /// <summary>Signs in through the real sign-in page; fails the test if it does not redirect.</summary>
    public static async Task SignInAsync(HttpClient client, string email, string password = Password)
    {
        using var response = await client.PostFormAsync("/Account/SignIn", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        if ((int)response.StatusCode != 302)
        {
            throw new InvalidOperationException($"Sign-in of {email} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>
    /// A client for the school's host, signed in through the real sign-in page (the one way test
    /// apps sign a user in; fixtures with another default school or password forward to it).
    /// </summary>
    public async Task<HttpClient> SignedInAsync(string slug, string email, string password = Password)
    {
        var client = ClientFor(slug);
        try
        {
            await SignInAsync(client, email, password);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    public Task<HttpClient> SignedInAsync(SchoolHandle school, string email, string password = Password) =>
        SignedInAsync(school.Slug, email, password);

    /// <summary>
    /// Signs in without a cookie container and returns the raw auth cookie ("name=value"),
    /// so a test can present it wherever it likes.
    /// </summary>
    public async Task<string> AuthCookieAsync(string slug, string email, string password = Password)
    {
        using var client = new HttpClient(Server.CreateHandler()) { BaseAddress = new Uri($"http://{slug}.localhost/") };
        using var page = await client.GetAsync("/Account/SignIn");
        var cookies = page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]);
        var html = await page.Content.ReadAsStringAsync();
        var token = System.Net.WebUtility.HtmlDecode(
            System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value);
        using var post = new HttpRequestMessage(HttpMethod.Post, "/Account/SignIn")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["Input.Email"] = email,
                ["Input.Password"] = password,
            }),
        };
        post.Headers.Add("Cookie", string.Join("; ", cookies));
        using var response = await client.SendAsync(post);
        if ((int)response.StatusCode != 302)
        {
            throw new InvalidOperationException($"Sign-in of {email} answered {(int)response.StatusCode}");
        }
        return response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0])
            .Single(c => c.StartsWith("schoolplein.auth=", StringComparison.Ordinal));
    }

    /// <summary>Sends a GET with exactly the given Cookie header (no cookie container).</summary>
    public async Task<HttpResponseMessage> GetWithCookieAsync(string host, string path, string cookie)
    {
        using var client = new HttpClient(Server.CreateHandler()) { BaseAddress = new Uri($"http://{host}/") };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }

    /// <summary>Waits for a Hangfire job to reach a final state and returns its state name.</summary>
    public async Task<string> WaitForJobAsync(string jobId, int timeoutSeconds = 30, params string[] states)
    {
        var wanted = states.Length > 0 ? states : ["Succeeded", "Failed", "Deleted"];
        var monitor = Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var deadline = Deadline.In(timeoutSeconds);
        while (true)
        {
            JobDetailsDto? details = monitor.JobDetails(jobId);
            var state = details?.History.FirstOrDefault()?.StateName;
            if (state is not null && wanted.Contains(state))
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

    internal static string TestPasswordHash => PasswordHash.Value;
}

/// <summary>Builds data inside one school through the app's own tenant scope (app role, RLS on).</summary>
public sealed class SchoolHandle(SchoolApp app, Guid id, string slug, string name)
{
    private static readonly UpperInvariantLookupNormalizer Normalizer = new();

    public Guid Id => id;
    public string Slug => slug;
    public string Name => name;

    /// <summary>A client for this school's host, signed in as the user.</summary>
    public Task<HttpClient> SignedInAsync(string email, string password = SchoolApp.Password) => app.SignedInAsync(slug, email, password);

    public Task<Guid> AddGroupAsync(string groupName, string schoolYear = "2026-2027") =>
        app.InSchoolAsync(id, async scope =>
        {
            var group = new Group { Name = groupName, SchoolYear = schoolYear, CreatedAt = app.Now };
            var db = scope.Get<SchoolpleinDb>();
            db.Groups.Add(group);
            await db.SaveChangesAsync();
            return group.Id;
        });

    public Task<Guid> AddUserAsync(string email, params string[] roles) =>
        app.InSchoolAsync(id, async scope =>
        {
            var db = scope.Get<SchoolpleinDb>();
            var local = email.Split('@')[0];
            var user = new AppUser
            {
                UserName = email,
                NormalizedUserName = Normalizer.NormalizeName(email),
                Email = email,
                NormalizedEmail = Normalizer.NormalizeEmail(email),
                EmailConfirmed = true,
                LockoutEnabled = true,
                PasswordHash = SchoolApp.TestPasswordHash,
                FirstName = char.ToUpperInvariant(local[0]) + local[1..],
                LastName = "Test",
                CreatedAt = app.Now,
            };
            db.Users.Add(user);
            foreach (var role in roles.Length == 0 ? [Roles.Parent] : roles)
            {
                db.UserRoles.Add(new AppUserRole { UserId = user.Id, RoleId = Roles.All.Single(r => r.Name == role).Id });
            }
            await db.SaveChangesAsync();
            return user.Id;
        });

    /// <summary>
    /// Many parents at once (fan-out tests, benchmarks): one SQL statement as the owner, with
    /// addresses {prefix}-{n}@{domain} for n = 1..count. Returns their ids in order of n.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> AddParentsAsync(string prefix, int count, string domain = "ouders.test")
    {
        await app.Database.ExecuteAsync(
            "INSERT INTO users (id, tenant_id, user_name, normalized_user_name, email, normalized_email, email_confirmed, password_hash, " +
            "security_stamp, concurrency_stamp, phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count, " +
            "first_name, last_name, language, created_at, notify_by, phone_visible_to_parents, email_digest) " +
            "SELECT gen_random_uuid(), $1, e, upper(e), e, upper(e), true, $4, md5(e), md5(e), false, false, true, 0, 'Ouder' || n, 'Test', 'nl', now(), 3, false, false " +
            "FROM (SELECT n, $2 || '-' || n || '@' || $3 AS e FROM generate_series(1, $5) AS n) AS x",
            id, prefix, domain, SchoolApp.TestPasswordHash, count);
        await app.Database.ExecuteAsync(
            "INSERT INTO user_roles (user_id, role_id, tenant_id) SELECT u.id, $2, u.tenant_id FROM users u " +
            "WHERE u.tenant_id = $1 AND u.email LIKE $3 || '-%@' || $4",
            id, Roles.All.Single(r => r.Name == Roles.Parent).Id, prefix, domain);
        var ids = new List<Guid>(count);
        for (var n = 1; n <= count; n++)
        {
            ids.Add(Guid.Empty);
        }
        await using var connection = new Npgsql.NpgsqlConnection(app.Database.SuperuserConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT id, email FROM users WHERE tenant_id = $1 AND email LIKE $2 || '-%@' || $3", connection);
        command.Parameters.AddWithValue(id);
        command.Parameters.AddWithValue(prefix);
        command.Parameters.AddWithValue(domain);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var email = reader.GetString(1);
            var n = int.Parse(email[(prefix.Length + 1)..email.IndexOf('@')], System.Globalization.CultureInfo.InvariantCulture);
            ids[n - 1] = reader.GetGuid(0);
        }
        return ids;
    }

    public Task<Guid> AddPupilAsync(Guid? groupId, string firstName, string lastName = "Test") =>
        app.InSchoolAsync(id, async scope =>
        {
            var pupil = new Pupil { FirstName = firstName, LastName = lastName, GroupId = groupId, CreatedAt = app.Now };
            var db = scope.Get<SchoolpleinDb>();
            db.Pupils.Add(pupil);
            await db.SaveChangesAsync();
            return pupil.Id;
        });

    public Task LinkGuardianAsync(Guid pupilId, Guid userId) =>
        app.InSchoolAsync(id, async scope =>
        {
            var db = scope.Get<SchoolpleinDb>();
            db.Guardianships.Add(new Guardianship { PupilId = pupilId, UserId = userId, LinkedAt = app.Now });
            await db.SaveChangesAsync();
        });

    public Task AddTeacherAsync(Guid groupId, Guid userId) =>
        app.InSchoolAsync(id, async scope =>
        {
            var db = scope.Get<SchoolpleinDb>();
            db.GroupTeachers.Add(new GroupTeacher { GroupId = groupId, UserId = userId });
            await db.SaveChangesAsync();
        });
}
