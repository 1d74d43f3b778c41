namespace Schoolplein.Testing;

/// <summary>
/// The sample school of ../shared/fixtures/migration, copied into tests/fixtures/migration so a
/// clean clone tests without the shared folder next to it: found by walking up from the test binaries.
/// </summary>
public static class MigrationFixtures
{
    public static readonly DateOnly ImportDate = new(2026, 11, 28);

    private static readonly Lazy<string> Folder = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(dir.FullName, "tests", "fixtures", "migration") })
            {
                if (File.Exists(Path.Combine(candidate, "regenboog.edexml.xml")))
                {
                    return Path.GetFullPath(candidate);
                }
            }
        }
        throw new DirectoryNotFoundException("tests/fixtures/migration not found above " + AppContext.BaseDirectory);
    });

    public static byte[] Edexml => File.ReadAllBytes(Path.Combine(Folder.Value, "regenboog.edexml.xml"));
    public static byte[] Csv => File.ReadAllBytes(Path.Combine(Folder.Value, "regenboog.mijnschool.csv"));
}
