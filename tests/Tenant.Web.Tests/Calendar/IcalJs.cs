using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using Schoolplein.Testing;

namespace Schoolplein.Tenant.Web.Tests.Calendar;

/// <summary>
/// The independent parser the feed is checked with: npm's ical.js, installed once per machine
/// into a folder outside the repository (npm registry, node 20 on the machine).
/// </summary>
public static class IcalJs
{
    private const string Version = "2.2.1";
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _module;

    public sealed record Parsed(string? Method, string? Name, List<string> Timezones, List<Event> Events);

    public sealed record Event(
        string Uid, string? Summary, string? Location, int Sequence, string? LastModified, string? Dtstamp, string? Tzid, bool IsDate,
        string StartLocal, string EndLocal, DateTimeOffset Start, DateTimeOffset End, string? Rrule, List<Occurrence> Occurrences);

    public sealed record Occurrence(DateTimeOffset Start, DateTimeOffset End, string Local);

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true, NumberHandling = JsonNumberHandling.AllowReadingFromString };

    public static async Task<Parsed> ParseAsync(string ics)
    {
        var module = await EnsureInstalledAsync();
        var script = Path.Combine(AppContext.BaseDirectory, "Calendar", "read-ical.mjs");
        var start = new ProcessStartInfo("node", [script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ICALJS_MODULE"] = new Uri(module).AbsoluteUri;
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(ics);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ical.js could not read the feed: {await error}");
        }
        return JsonSerializer.Deserialize<Parsed>(await output, Json)!;
    }

    private static async Task<string> EnsureInstalledAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_module is not null)
            {
                return _module;
            }
            var folder = Path.Combine(Path.GetTempPath(), $"schoolplein-icaljs-{Version}");
            var module = Path.Combine(folder, "node_modules", "ical.js", "dist", "ical.js");
            await NpmPackages.InstallAsync(folder, $"ical.js@{Version}", module);
            _module = module;
            return module;
        }
        finally
        {
            Gate.Release();
        }
    }
}
