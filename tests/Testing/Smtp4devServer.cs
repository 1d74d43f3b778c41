using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using MimeKit;

namespace Schoolplein.Testing;

/// <summary>
/// A real SMTP server for tests: smtp4dev (dotnet local tool) started once per test process
/// on free ports with an in-memory store. Tests read what arrived through its HTTP API.
/// Recipients are unique per test, so tests filter by address instead of clearing the box.
/// </summary>
public sealed class Smtp4devServer
{
    private static readonly Lazy<Task<Smtp4devServer>> Shared = new(() => StartAsync());
    private readonly HttpClient _api;
    private Process? _process;

    private readonly string _database;

    private Smtp4devServer(int smtpPort, int webPort, string database = "")
    {
        _database = database;
        SmtpPort = smtpPort;
        WebPort = webPort;
        _api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{webPort}/"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public int SmtpPort { get; }
    public int WebPort { get; }

    public static Task<Smtp4devServer> SharedAsync() => Shared.Value;

    /// <summary>
    /// Starts a separate server (for fault tests that stop and start it). With a database file
    /// the messages received before a stop are still there after the next start.
    /// </summary>
    public static async Task<Smtp4devServer> StartAsync(int? smtpPort = null, string? database = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            var server = new Smtp4devServer(smtpPort ?? ProcessRunner.FreePort(), ProcessRunner.FreePort(), database ?? "");
            try
            {
                await server.StartProcessAsync();
                return server;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // It exited at start: most likely a port was taken between the check and its bind. Fresh ports.
                server.Stop();
            }
        }
    }

    public async Task StartProcessAsync()
    {
        // setsid: smtp4dev and the tool runner get their own process group, which the
        // watchdog kills as a whole if this test process ends without cleaning up.
        var info = new ProcessStartInfo("setsid")
        {
            WorkingDirectory = ProcessRunner.RepositoryRoot(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            "dotnet", "tool", "run", "smtp4dev", "--", $"--urls=http://127.0.0.1:{WebPort}", $"--smtpport={SmtpPort}",
            "--imapport=0", "--pop3port=0", $"--db={_database}", "--messagestokeep=100000", "--sessionstokeep=10", "--nousersettings",
            "--hostname=localhost",
        })
        {
            info.ArgumentList.Add(arg);
        }
        _process = Process.Start(info) ?? throw new InvalidOperationException("smtp4dev did not start");
        Watchdog.AfterExit($"kill -TERM -- -{_process.Id} 2>/dev/null; sleep 2; kill -KILL -- -{_process.Id} 2>/dev/null");
        // The last lines it printed, for the message when it exits at start (smtp4dev logs no mail content at this level).
        var lastLines = new Queue<string>();
        void Keep(string? line)
        {
            if (line is null)
            {
                return;
            }
            lock (lastLines)
            {
                lastLines.Enqueue(line);
                while (lastLines.Count > 15)
                {
                    lastLines.Dequeue();
                }
            }
        }
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();
        var deadline = Deadline.In(90);
        while (!deadline.Passed)
        {
            if (_process.HasExited)
            {
                _process.WaitForExit();
                string printed;
                lock (lastLines)
                {
                    printed = string.Join('\n', lastLines);
                }
                throw new InvalidOperationException($"smtp4dev (smtp {SmtpPort}, web {WebPort}) exited with {_process.ExitCode}:\n{printed}");
            }
            try
            {
                using var response = await _api.GetAsync("api/messages");
                if (response.IsSuccessStatusCode && await SmtpAcceptsAsync())
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(200);
        }
        throw new TimeoutException("smtp4dev did not become ready");
    }

    /// <summary>
    /// Stops the server the way an administrator does (SIGTERM to its process group, then a kill
    /// after ten seconds): it finishes storing what it accepted. <see cref="Stop"/> kills at once.
    /// </summary>
    public async Task StopGracefullyAsync()
    {
        if (_process is not { HasExited: false } process)
        {
            return;
        }
        using (var term = Process.Start("kill", ["-TERM", "--", $"-{process.Id}"]))
        {
            await term.WaitForExitAsync();
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Stop();
        }
    }

    public void Stop()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(2_000);
        }
    }

    private async Task<bool> SmtpAcceptsAsync()
    {
        try
        {
            using var tcp = new System.Net.Sockets.TcpClient();
            await tcp.ConnectAsync("127.0.0.1", SmtpPort);
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<MessageSummary>> MessagesToAsync(string address)
    {
        var page = await _api.GetFromJsonAsync<MessagePage>("api/messages?page=1&pageSize=100000")
            ?? throw new InvalidOperationException("smtp4dev returned nothing");
        return page.Results.Where(m => m.To.Any(t => string.Equals(t, address, StringComparison.OrdinalIgnoreCase))).ToList();
    }

    /// <summary>How many messages each recipient received (lower-case address), from one listing.</summary>
    public async Task<Dictionary<string, int>> CountByRecipientAsync()
    {
        var page = await _api.GetFromJsonAsync<MessagePage>("api/messages?page=1&pageSize=100000")
            ?? throw new InvalidOperationException("smtp4dev returned nothing");
        return page.Results.SelectMany(m => m.To).GroupBy(t => t.ToLowerInvariant()).ToDictionary(g => g.Key, g => g.Count());
    }

    /// <summary>Waits until a message to <paramref name="address"/> (matching <paramref name="predicate"/>) arrives.</summary>
    public async Task<MimeMessage> WaitForMessageAsync(string address, Func<MessageSummary, bool>? predicate = null, int timeoutSeconds = 30)
    {
        var deadline = Deadline.In(timeoutSeconds);
        while (true)
        {
            var match = (await MessagesToAsync(address)).FirstOrDefault(m => predicate?.Invoke(m) ?? true);
            if (match is not null)
            {
                return await RawAsync(match.Id);
            }
            if (deadline.Passed)
            {
                throw new TimeoutException($"No e-mail to {address} arrived within {timeoutSeconds} s.");
            }
            await Task.Delay(150);
        }
    }

    public async Task<MimeMessage> RawAsync(string id)
    {
        await using var stream = await _api.GetStreamAsync($"api/messages/{id}/raw");
        return await MimeMessage.LoadAsync(stream);
    }

    public sealed record MessagePage([property: JsonPropertyName("results")] List<MessageSummary> Results);

    public sealed record MessageSummary(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("to")] List<string> To,
        [property: JsonPropertyName("subject")] string Subject,
        [property: JsonPropertyName("receivedDate")] DateTimeOffset ReceivedDate);
}
