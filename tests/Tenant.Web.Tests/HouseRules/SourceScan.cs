using Schoolplein.Testing;

namespace Schoolplein.Tenant.Web.Tests.HouseRules;

/// <summary>Reads the repository's sources for the house-rule tests (build output and migrations left out).</summary>
internal static class SourceScan
{
    /// <summary>The .cs and .cshtml files under src/<paramref name="folder"/>, as (path relative to it, text).</summary>
    public static List<(string Path, string Text)> Files(string folder)
    {
        var root = Path.Combine(ProcessRunner.RepositoryRoot(), "src", folder);
        return Directory.EnumerateFiles(root, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("bin/", StringComparison.Ordinal) && !f.StartsWith("obj/", StringComparison.Ordinal) && !f.Contains("/Migrations/", StringComparison.Ordinal))
            .Select(f => (f, File.ReadAllText(Path.Combine(root, f))))
            .ToList();
    }

    /// <summary>"path:line: text" for each line that <paramref name="matches"/>, outside the <paramref name="allowed"/> files.</summary>
    public static IEnumerable<string> Offenders(IEnumerable<(string Path, string Text)> files, Func<string, bool> matches, IReadOnlyDictionary<string, string>? allowed = null)
    {
        foreach (var (path, text) in files)
        {
            if (allowed?.ContainsKey(path) == true)
            {
                continue;
            }
            var lines = text.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                if (matches(lines[i]))
                {
                    yield return $"{path}:{i + 1}: {lines[i].Trim()}";
                }
            }
        }
    }
}
