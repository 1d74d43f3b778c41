using System.Diagnostics;

namespace Schoolplein.Testing;

internal static class ProcessRunner
{
    public static async Task<string> RunAsync(string file, IEnumerable<string> args, string? workingDirectory = null, int timeoutSeconds = 120)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        await process.WaitForExitAsync(cts.Token);
        var output = await stdout + await stderr;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited with {process.ExitCode}: {output}");
        }
        return output;
    }

    public static bool IsRoot => Environment.UserName == "root";

    private static readonly HashSet<int> HandedOut = [];

    /// <summary>
    /// A port on 127.0.0.1 that nothing listens on, for a server process this test starts. Taken
    /// below the kernel's ephemeral range (ip_local_port_range): a port from inside it (what binding
    /// port 0 gives) can be taken by any outgoing connection of the four test processes between this
    /// check and the server's own bind, and smtp4dev then exited with "address already in use".
    /// </summary>
    public static int FreePort()
    {
        var (low, high) = (20000, EphemeralLow() - 1);
        if (high - low < 1000)
        {
            (low, high) = (10000, 19999);
        }
        while (true)
        {
            var port = Random.Shared.Next(low, high + 1);
            lock (HandedOut)
            {
                if (!HandedOut.Add(port))
                {
                    continue;
                }
            }
            try
            {
                var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
                listener.Start();
                listener.Stop();
                return port;
            }
            catch (System.Net.Sockets.SocketException)
            {
            }
        }
    }

    private static int EphemeralLow()
    {
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])[' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries);
            return int.Parse(range[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 32768;
        }
    }

    /// <summary>The repository root (holds .config/dotnet-tools.json).</summary>
    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, ".config", "dotnet-tools.json")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("Repository root not found.");
    }
}
