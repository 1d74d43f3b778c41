using Schoolplein.Testing;

namespace Schoolplein.Browser.Tests;

/// <summary>The npm and Debian tools the page checks and the security scan use (scripts/test-tools.sh installs them).</summary>
public static class TestTools
{
    private static readonly Lazy<Task> Installed = new(() =>
        ProcessRunner.RunAsync("bash", [Path.Combine(ProcessRunner.RepositoryRoot(), "scripts", "test-tools.sh")], ProcessRunner.RepositoryRoot(), timeoutSeconds: 900));

    public static string NpmModules => Path.Combine(ProcessRunner.RepositoryRoot(), ".tools", "npm", "node_modules");
    public static string AxeScript => Path.Combine(NpmModules, "axe-core", "axe.min.js");
    public static string VnuJar => Path.Combine(NpmModules, "vnu-jar", "build", "dist", "vnu.jar");

    public static Task EnsureAsync() => Installed.Value;
}
