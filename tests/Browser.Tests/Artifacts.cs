using Schoolplein.Testing;

namespace Schoolplein.Browser.Tests;

/// <summary>Test artefacts (screenshots, page HTML, reports) under artifacts/ at the repository root (ignored by git).</summary>
public static class Artifacts
{
    public static string Root { get; } = Path.Combine(ProcessRunner.RepositoryRoot(), "artifacts");

    public static string Folder(params string[] parts)
    {
        var path = Path.Combine([Root, "browser", .. parts]);
        Directory.CreateDirectory(path);
        return path;
    }
}
