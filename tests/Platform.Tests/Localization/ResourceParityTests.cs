using System.Xml.Linq;
using Xunit;

namespace Schoolplein.Platform.Tests.Localization;

/// <summary>Dutch is the neutral language and English is offered to every user: each text must exist in both.</summary>
public sealed class ResourceParityTests
{
    private static string SourceFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var src = Path.Combine(dir.FullName, "src");
            if (Directory.Exists(Path.Combine(src, "Platform")) && Directory.Exists(Path.Combine(src, "Tenant.Web")))
            {
                return src;
            }
        }
        throw new DirectoryNotFoundException("src not found above " + AppContext.BaseDirectory);
    }

    private static HashSet<string> Keys(string path) =>
        XDocument.Load(path).Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet(StringComparer.Ordinal);

    [Fact]
    public void EveryDutchResourceHasAnEnglishTwinWithTheSameKeys()
    {
        var files = Directory.EnumerateFiles(SourceFolder(), "*.resx", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".en.resx", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        Assert.Contains(files, f => f.EndsWith("UrgentText.resx", StringComparison.Ordinal));
        var problems = new List<string>();
        foreach (var dutch in files)
        {
            var english = dutch[..^".resx".Length] + ".en.resx";
            if (!File.Exists(english))
            {
                problems.Add($"{Path.GetFileName(dutch)}: no English file");
                continue;
            }
            var nl = Keys(dutch);
            var en = Keys(english);
            problems.AddRange(nl.Except(en).Select(k => $"{Path.GetFileName(dutch)}: '{k}' has no English text"));
            problems.AddRange(en.Except(nl).Select(k => $"{Path.GetFileName(english)}: '{k}' has no Dutch text"));
        }
        Assert.Empty(problems);
    }
}
