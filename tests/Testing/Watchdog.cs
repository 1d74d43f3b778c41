using System.Diagnostics;

namespace Schoolplein.Testing;

/// <summary>
/// Cleans up servers a test process started even when the test host is killed before its
/// exit handlers run (the test platform may end it abruptly): a detached shell waits for this
/// process to disappear, then runs the clean-up command.
/// </summary>
internal static class Watchdog
{
    public static void AfterExit(string shellCommand)
    {
        var info = new ProcessStartInfo("bash")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add($"while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 1; done; {shellCommand}");
        using var process = Process.Start(info);
    }
}
