namespace Schoolplein.Testing;

/// <summary>
/// npm packages the tests use as independent implementations (ical.js to read our feeds,
/// http_ece to decrypt our push messages), installed once per machine into a versioned folder
/// under the temp directory. Callers serialise their own first use.
/// </summary>
public static class NpmPackages
{
    /// <summary>Installs <paramref name="spec"/> (<c>name@version</c>) into <paramref name="folder"/> unless <paramref name="marker"/> is there already.</summary>
    public static async Task InstallAsync(string folder, string spec, string marker)
    {
        if (File.Exists(marker))
        {
            return;
        }
        Directory.CreateDirectory(folder);
        await ProcessRunner.RunAsync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", "--prefix", folder, spec], timeoutSeconds: 600);
        if (!File.Exists(marker))
        {
            throw new InvalidOperationException($"npm install {spec} left no {marker}");
        }
    }
}
