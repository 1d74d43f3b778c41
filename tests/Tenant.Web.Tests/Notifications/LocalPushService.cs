using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using Schoolplein.Testing;

namespace Schoolplein.Tenant.Web.Tests.Notifications;

/// <summary>
/// A push service and device written in Node with npm's http_ece (push-service.mjs): the
/// independent check of our web push. http_ece is installed once per machine into a folder
/// outside the repository, like the calendar tests' ical.js.
/// </summary>
public sealed class LocalPushService : IAsyncDisposable
{
    private const string EceVersion = "1.2.1";
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private readonly Process _process;
    private readonly ConcurrentQueue<Received> _received = new();

    public sealed record Received(
        string Path, string? Ttl, string? Urgency, string? Encoding, int Size, bool VapidOk, string? VapidProblem, string? VapidKey,
        string? Aud, long? Exp, string? Sub, string? Payload, string? Error, int Status);

    private sealed record Ready(int Port, string P256dh, string Auth);

    private LocalPushService(Process process, Ready ready)
    {
        _process = process;
        Port = ready.Port;
        P256dh = ready.P256dh;
        Auth = ready.Auth;
        _ = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                if (!string.IsNullOrWhiteSpace(line))
                {
                    _received.Enqueue(JsonSerializer.Deserialize<Received>(line, Json)!);
                }
            }
        });
    }

    public int Port { get; }
    /// <summary>The device's public key and auth secret, as a browser hands them to the page.</summary>
    public string P256dh { get; }
    public string Auth { get; }

    public string Endpoint(string path) => $"http://127.0.0.1:{Port}{path}";

    public IReadOnlyList<Received> All => [.. _received];

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true, NumberHandling = JsonNumberHandling.AllowReadingFromString };

    public static async Task<LocalPushService> StartAsync()
    {
        var module = await EnsureInstalledAsync();
        var start = new ProcessStartInfo("node", [Path.Combine(AppContext.BaseDirectory, "Notifications", "push-service.mjs")])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["HTTP_ECE_MODULE"] = module;
        var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        var first = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30))
            ?? throw new InvalidOperationException("The push service did not start");
        return new LocalPushService(process, JsonSerializer.Deserialize<Ready>(first, Json)!);
    }

    public async Task<Received> WaitForAsync(Func<Received, bool> match, int timeoutSeconds = 30)
    {
        var deadline = Deadline.In(timeoutSeconds);
        while (true)
        {
            if (_received.FirstOrDefault(match) is { } hit)
            {
                return hit;
            }
            if (deadline.Passed)
            {
                throw new TimeoutException("The push service received nothing matching in time.");
            }
            await Task.Delay(100);
        }
    }

    private static async Task<string> EnsureInstalledAsync()
    {
        await Gate.WaitAsync();
        try
        {
            var folder = Path.Combine(Path.GetTempPath(), $"schoolplein-http-ece-{EceVersion}");
            var package = Path.Combine(folder, "node_modules", "http_ece", "package.json");
            await NpmPackages.InstallAsync(folder, $"http_ece@{EceVersion}", package);
            return package;
        }
        finally
        {
            Gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(2000))
            {
                _process.Kill();
            }
        }
        _process.Dispose();
        await Task.CompletedTask;
    }
}
