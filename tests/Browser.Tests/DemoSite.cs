using System.Diagnostics;
using Microsoft.Playwright;
using Schoolplein.Platform.Clock;
using Schoolplein.Testing;
using Xunit;

namespace Schoolplein.Browser.Tests;

/// <summary>
/// The demo as <c>./run.sh</c> starts it — the real migrate and seed commands, then the school
/// portal as its own process (scripts/serve-demo.sh) — on a throwaway PostgreSQL database and
/// smtp4dev, on free ports. Plus one headless Debian Chromium. Shared by every browser test.
/// </summary>
public sealed class DemoSite : IAsyncLifetime
{
    public static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    /// <summary>
    /// The demo's clock starts here (SCHOOLPLEIN_CLOCK) and runs on: Monday 7 December 2026, 07:45 in
    /// Amsterdam, a school day before the 08:30 absence cut-off, so the journeys see the same day
    /// whenever they run.
    /// </summary>
    public static readonly DateTimeOffset Start = new DateTimeOffset(2026, 12, 7, 7, 45, 0, TimeSpan.FromHours(1)).ToUniversalTime();

    private Process? _portal;
    private IPlaywright? _playwright;

    public int Port { get; private set; }
    public TestDatabase Database { get; private set; } = null!;
    public Smtp4devServer Mail { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public string LogDirectory { get; } = Artifacts.Folder("logs");

    public string Url(string slug, string path = "/") => $"http://{slug}.localhost:{Port}{path}";

    /// <summary>An address on the bare base domain (the product's own pages, no school).</summary>
    public string PlatformUrl(string path = "/") => $"http://localhost:{Port}{path}";

    /// <summary>The demo's clock, started with the portal.</summary>
    public StartedClock Clock { get; } = new(Start);

    /// <summary>Today in Amsterdam by the demo's clock.</summary>
    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Clock.GetUtcNow(), SchoolApp.Amsterdam).DateTime);

    public async Task InitializeAsync()
    {
        await TestTools.EnsureAsync();
        var server = await PostgresServer.SharedAsync();
        Database = await server.CreateEmptyDatabaseAsync();
        Mail = await Smtp4devServer.SharedAsync();
        Port = ProcessRunner.FreePort();
        StartPortal(server);
        await WaitUntilReadyAsync();

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>A fresh browser profile with a phone's viewport (cookies not shared with other contexts).</summary>
    /// <remarks><paramref name="bypassCsp"/>: without the page's Content-Security-Policy, so a test sees what escaping alone prevents.</remarks>
    public Task<IBrowserContext> NewPhoneAsync(bool bypassCsp = false) => Browser.NewContextAsync(new BrowserNewContextOptions
    {
        BypassCSP = bypassCsp,
        ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        IsMobile = true,
        HasTouch = true,
        Locale = "nl-NL",
        TimezoneId = "Europe/Amsterdam",
    });

    public async Task DisposeAsync()
    {
        if (_playwright is not null)
        {
            await Browser.CloseAsync();
            _playwright.Dispose();
        }
        if (_portal is { HasExited: false })
        {
            _portal.Kill(entireProcessTree: true);
            await _portal.WaitForExitAsync();
        }
    }

    private void StartPortal(PostgresServer server)
    {
        var root = ProcessRunner.RepositoryRoot();
        // setsid: the script and the portal get their own process group, which the watchdog
        // kills as a whole if the test process dies without running DisposeAsync.
        var info = new ProcessStartInfo("setsid")
        {
            WorkingDirectory = root,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add("bash");
        info.ArgumentList.Add(Path.Combine(root, "scripts", "serve-demo.sh"));
        var env = info.Environment;
        env["SCHOOLPLEIN_WEB_PORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        env["SCHOOLPLEIN_LOG_DIR"] = LogDirectory;
        env["SCHOOLPLEIN_CONFIGURATION"] = BuildConfiguration;
        env["ConnectionStrings__Schoolplein"] = server.ConnectionString(Database.Name, PostgresServer.Roles.AppRole, maxPool: 50);
        env["ConnectionStrings__SchoolpleinOwner"] = server.ConnectionString(Database.Name, PostgresServer.OwnerRole);
        env["SCHOOLPLEIN_BACKOFFICE_CONNECTION"] = server.ConnectionString(Database.Name, PostgresServer.Roles.BackofficeRole, maxPool: 20);
        env["Email__Host"] = "127.0.0.1";
        env["Email__Port"] = Mail.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        env[ClockRegistration.StartSetting] = Start.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        Clock.Set(Start);
        _portal = Process.Start(info) ?? throw new InvalidOperationException("serve-demo.sh did not start");
        Watchdog.AfterExit($"kill -TERM -- -{_portal.Id} 2>/dev/null; sleep 2; kill -KILL -- -{_portal.Id} 2>/dev/null");
        var log = new StreamWriter(Path.Combine(LogDirectory, "tenant-web.log")) { AutoFlush = true };
        _portal.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        _portal.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        _portal.BeginOutputReadLine();
        _portal.BeginErrorReadLine();
    }

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        // Migrations and the demo seed take a while on a busy two-core machine.
        var deadline = Deadline.In(TimeSpan.FromMinutes(6));
        while (!deadline.Passed)
        {
            if (_portal!.HasExited)
            {
                throw new InvalidOperationException($"The demo portal stopped with exit code {_portal.ExitCode}; see {LogDirectory}.");
            }
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{Port}/health/ready");
                request.Headers.Host = $"regenboog.localhost:{Port}";
                using var response = await http.SendAsync(request);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(500);
        }
        throw new TimeoutException($"The demo portal did not become ready; see {LogDirectory}.");
    }

#if DEBUG
    private const string BuildConfiguration = "Debug";
#else
    private const string BuildConfiguration = "Release";
#endif
}

[CollectionDefinition(Name)]
public sealed class DemoCollection : ICollectionFixture<DemoSite>
{
    public const string Name = "demo";
}
