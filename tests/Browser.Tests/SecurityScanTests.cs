using System.Diagnostics;
using System.Globalization;
using Schoolplein.Platform.Seeding;
using Schoolplein.Testing;
using Xunit;

namespace Schoolplein.Browser.Tests;

/// <summary>
/// scripts/security-scan.sh (sqlmap and wapiti, loopback only, signed in as a parent) against
/// this test run's own demo. The findings file is kept as an artefact (artifacts/security/findings.md);
/// any confirmed finding fails the test.
/// </summary>
[Collection(DemoCollection.Name)]
public sealed class SecurityScanTests(DemoSite site)
{
    /// <summary>Per tool run; the whole scan stays within a few minutes on two cores.</summary>
    private const int BudgetSeconds = 45;

    [Fact]
    public async Task SqlmapAndWapitiFindNoInjectionOrCrossSiteScriptingAsASignedInParent()
    {
        var (exitCode, findings, stderr, output) = await ScanAsync("security", BudgetSeconds);
        Assert.True(exitCode == 0,
            $"security-scan.sh exited with {exitCode} (1 = confirmed finding, 2 = the scan could not run or did not finish):\n{findings}\n{stderr}");
        // The scan really ran to its end: sqlmap tested parameters and wapiti wrote its report.
        Assert.Contains("No injection found.", findings, StringComparison.Ordinal);
        Assert.DoesNotContain("Injection tests run: 0.", findings, StringComparison.Ordinal);
        Assert.DoesNotContain("did not finish", findings, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(output, "wapiti.json")), "wapiti wrote no report");
    }

    [Fact]
    public async Task AScanWhoseToolsAreStoppedByTheirTimeLimitFailsInsteadOfReportingNothingFound()
    {
        // One second is far too short for sqlmap: each run is stopped by `timeout`. Before, such a
        // scan answered "No injection found." and passed.
        var (exitCode, findings, stderr, _) = await ScanAsync("security-unfinished", budgetSeconds: 1);
        Assert.True(exitCode == 2, $"security-scan.sh exited with {exitCode}:\n{findings}\n{stderr}");
        Assert.Contains("did not finish: sqlmap GET parameters", findings, StringComparison.Ordinal);
    }

    private async Task<(int ExitCode, string Findings, string Stderr, string Output)> ScanAsync(string folder, int budgetSeconds)
    {
        var root = ProcessRunner.RepositoryRoot();
        var output = Path.Combine(Artifacts.Root, folder);
        var info = new ProcessStartInfo("bash")
        {
            WorkingDirectory = root,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(Path.Combine(root, "scripts", "security-scan.sh"));
        info.ArgumentList.Add(site.Url("regenboog"));
        info.ArgumentList.Add(output);
        // A parent of its own, so what the scanners post (questions, profile text) does not
        // change the accounts the journeys and page checks use.
        info.Environment["SCAN_PARENT"] = DemoPeople.ScanParent;
        info.Environment["SCAN_PASSWORD"] = DemoData.Password;
        info.Environment["SCAN_BUDGET_SECONDS"] = budgetSeconds.ToString(CultureInfo.InvariantCulture);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("security-scan.sh did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(6));
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"security-scan.sh ran longer than 6 minutes: {await stderr}");
        }
        var findingsFile = Path.Combine(output, "findings.md");
        var findings = File.Exists(findingsFile) ? await File.ReadAllTextAsync(findingsFile) : await stdout;
        return (process.ExitCode, findings, await stderr, output);
    }
}
