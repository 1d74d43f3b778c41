using System.Text;
using Schoolplein.Platform.SchoolMigration;
using Schoolplein.Testing;
using Xunit;

namespace Schoolplein.Platform.Tests.SchoolMigration;

/// <summary>Issue 15, item 12: files a school really sends that used to fail the whole import or import nothing silently.</summary>
public sealed class ImportIntegrityTests
{
    private static readonly Encoding Utf8 = new UTF8Encoding(false);

    [Fact]
    public void ACsvWithOnlyTheHeaderRowIsRefusedAsIncomplete()
    {
        var headerOnly = Utf8.GetString(MigrationFixtures.Csv).Split('\n')[0] + "\n";
        var ex = Assert.Throws<ImportFileException>(() => MijnSchoolCsv.Read(Utf8.GetBytes(headerOnly)));
        Assert.Equal(ImportFileProblem.CsvHeaderOnly, ex.Problem);
        // Blank lines after the header are still only a header.
        ex = Assert.Throws<ImportFileException>(() => MijnSchoolCsv.Read(Utf8.GetBytes(headerOnly + "\n \r\n")));
        Assert.Equal(ImportFileProblem.CsvHeaderOnly, ex.Problem);
    }

    [Fact]
    public void AnEmptyCsvSaysItIsEmpty()
    {
        Assert.Equal(ImportFileProblem.CsvEmpty, Assert.Throws<ImportFileException>(() => MijnSchoolCsv.Read([])).Problem);
        Assert.Equal(ImportFileProblem.CsvEmpty, Assert.Throws<ImportFileException>(() => MijnSchoolCsv.Read([0xEF, 0xBB, 0xBF])).Problem);
    }

    [Fact]
    public void ATeacherWithTheAddressOfAnEarlierTeacherIsNamedInTheDryRun()
    {
        var xml = Utf8.GetString(MigrationFixtures.Edexml)
            .Replace("<emailadres>gerda.hoekstra@kcderegenboog.test</emailadres>", "<emailadres>Esra.Kaya@kcderegenboog.test</emailadres>", StringComparison.Ordinal);
        var plan = ImportPlanner.Plan(Utf8.GetBytes(xml), MigrationFixtures.Csv, MigrationFixtures.ImportDate);
        var warning = Assert.Single(plan.Warnings, w => w.Kind == WarningKind.TeacherEmailShared);
        Assert.Equal("MW0102", warning.Key);
        Assert.Equal(20, plan.Counts.Teachers);
    }
}
