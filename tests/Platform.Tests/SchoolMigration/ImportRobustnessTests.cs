using System.Text;
using System.Xml.Linq;
using Schoolplein.Platform.SchoolMigration;
using Schoolplein.Testing;
using Xunit;

namespace Schoolplein.Platform.Tests.SchoolMigration;

/// <summary>Any valid file in the two formats gives the same result, not only the sample as it is written.</summary>
public sealed class ImportRobustnessTests
{
    private static readonly Encoding Utf8 = new UTF8Encoding(false);
    private static readonly ImportPlan Baseline = ImportPlanner.Plan(MigrationFixtures.Edexml, MigrationFixtures.Csv, MigrationFixtures.ImportDate);

    private static string CsvText => Utf8.GetString(MigrationFixtures.Csv).TrimStart('\uFEFF');

    private static ImportPlan PlanWith(byte[]? edexml = null, string? csv = null, bool bom = true)
    {
        var csvBytes = csv is null ? MigrationFixtures.Csv : (bom ? [0xEF, 0xBB, 0xBF, .. Utf8.GetBytes(csv)] : Utf8.GetBytes(csv));
        return ImportPlanner.Plan(edexml ?? MigrationFixtures.Edexml, csvBytes, MigrationFixtures.ImportDate);
    }

    private static void AssertSameResult(ImportPlan plan, bool sameLines = true)
    {
        Assert.Equal(Baseline.Counts.PupilsImported, plan.Counts.PupilsImported);
        Assert.Equal(Baseline.Counts.TeacherGroupLinks, plan.Counts.TeacherGroupLinks);
        Assert.Equal(Baseline.Counts.RowsAccepted, plan.Counts.RowsAccepted);
        Assert.Equal(Baseline.Counts.GuardianAccounts, plan.Counts.GuardianAccounts);
        Assert.Equal(Baseline.Counts.AccountsWithPhone, plan.Counts.AccountsWithPhone);
        Assert.Equal(Baseline.Counts.Consents, plan.Counts.Consents);
        Assert.Equal(Baseline.Counts.PupilCategoriesAnswered, plan.Counts.PupilCategoriesAnswered);
        Assert.Equal(Baseline.Counts.WarningsByKind.OrderBy(k => k.Key), plan.Counts.WarningsByKind.OrderBy(k => k.Key));
        Assert.Equal(Baseline.Guardians.OrderBy(g => g.Email).ToList(), plan.Guardians.OrderBy(g => g.Email).ToList());
        Assert.Equal(Baseline.Pupils.OrderBy(p => p.Key), plan.Pupils.OrderBy(p => p.Key));
        if (sameLines)
        {
            Assert.Equal(Baseline.Rejected, plan.Rejected);
        }
        else
        {
            Assert.Equal(Baseline.Rejected.Select(r => (ImportNormalization.Key(r.PupilKey), r.Reason)), plan.Rejected.Select(r => (ImportNormalization.Key(r.PupilKey), r.Reason)));
        }
    }

    [Fact]
    public void CrlfLineEndingsAndAMissingBomChangeNothing()
    {
        AssertSameResult(PlanWith(csv: CsvText.Replace("\n", "\r\n", StringComparison.Ordinal), bom: false));
    }

    [Fact]
    public void QuotingEveryFieldChangesNothing()
    {
        var quoted = string.Join("\n", CsvText.TrimEnd('\n').Split('\n').Select(line =>
            string.Join(";", SplitSimple(line).Select(f => "\"" + f.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""))));
        AssertSameResult(PlanWith(csv: quoted + "\n"));
    }

    [Fact]
    public void BlankLinesAreSkippedAndCountedAndLineNumbersFollowTheFile()
    {
        var lines = CsvText.TrimEnd('\n').Split('\n').ToList();
        lines.Insert(2, "");
        lines.Insert(5, "   ");
        var plan = PlanWith(csv: string.Join("\n", lines) + "\n\n\n");
        Assert.Equal(624, plan.Counts.CsvRowsRead);
        Assert.Equal(4, plan.Counts.CsvBlankLines);
        AssertSameResult(plan, sameLines: false);
        Assert.Equal([440, 496, 511, 608, 609], plan.Rejected.Select(r => r.Line));
    }

    [Fact]
    public void AQuotedFieldWithALineBreakKeepsTheLineNumbersOfLaterRows()
    {
        var lines = CsvText.TrimEnd('\n').Split('\n').ToList();
        var fields = SplitSimple(lines[1]);
        fields[1] = "\"Anas\nAkkouh\"";
        lines[1] = string.Join(";", fields.Select(f => f.Contains(';') ? "\"" + f + "\"" : f));
        var plan = PlanWith(csv: string.Join("\n", lines) + "\n");
        Assert.Equal(624, plan.Counts.CsvRowsRead);
        Assert.Equal([439, 495, 510, 607, 608], plan.Rejected.Select(r => r.Line));
    }

    [Fact]
    public void EmailsDifferingOnlyInCaseAndSpacesAreOneAccountAndKeysWithLeadingZerosMatch()
    {
        var lines = CsvText.TrimEnd('\n').Split('\n').ToList();
        for (var i = 1; i < lines.Count; i++)
        {
            var fields = SplitSimple(lines[i]);
            if (fields.Count != 16)
            {
                continue;
            }
            fields[0] = " 00" + fields[0];
            fields[7] = "\t" + fields[7].ToUpperInvariant() + "  ";
            lines[i] = string.Join(";", fields.Select(f => f.Contains(';') ? "\"" + f + "\"" : f));
        }
        var plan = PlanWith(csv: string.Join("\n", lines) + "\n");
        AssertSameResult(plan, sameLines: false);
        Assert.Equal(Baseline.Rejected.Select(r => r.Line), plan.Rejected.Select(r => r.Line));
    }

    [Fact]
    public void HeaderNamesMatchInAnyOrderAndCaseAndUnknownColumnsAreIgnored()
    {
        var rows = CsvText.TrimEnd('\n').Split('\n').Select(SplitSimple).ToList();
        var order = Enumerable.Range(0, 16).Reverse().ToList();
        var text = new StringBuilder();
        foreach (var (row, index) in rows.Select((r, i) => (r, i)))
        {
            var cells = row.Count == 16 ? order.Select(o => row[o]).ToList() : row.AsEnumerable().Reverse().ToList();
            if (index == 0)
            {
                cells = cells.Select(c => " " + c.ToUpperInvariant()).ToList();
            }
            cells.Add(index == 0 ? "extra_kolom" : "x");
            text.Append(string.Join(";", cells.Select(c => c.Contains(';') ? "\"" + c + "\"" : c))).Append('\n');
        }
        AssertSameResult(PlanWith(csv: text.ToString()));
    }

    [Fact]
    public void RecordsAndElementsInAnyOrderWithCommentsBomAndCrlfGiveTheSameResult()
    {
        var doc = XDocument.Parse(Utf8.GetString(MigrationFixtures.Edexml).TrimStart('\uFEFF'));
        var root = doc.Root!;
        foreach (var container in new[] { "groepen", "leerlingen", "leerkrachten" })
        {
            var parent = root.Element(container)!;
            var records = parent.Elements().Reverse().ToList();
            parent.RemoveNodes();
            foreach (var record in records)
            {
                var children = record.Elements().Reverse().ToList();
                record.RemoveNodes();
                record.Add(new XComment(" volgorde omgedraaid "));
                record.Add(children);
                parent.Add(record);
            }
        }
        // Top-level blocks too (the XSD fixes this order, but nothing here depends on it).
        var blocks = root.Elements().Reverse().ToList();
        root.RemoveNodes();
        root.Add(blocks);
        var text = doc.Declaration + "\r\n" + doc.ToString().Replace("\n", "\r\n", StringComparison.Ordinal);
        var plan = PlanWith(edexml: [0xEF, 0xBB, 0xBF, .. Utf8.GetBytes(text)]);
        AssertSameResult(plan);
        Assert.Equal(Baseline.Teachers.OrderBy(t => t.Key).Select(t => (t.Key, t.Email, string.Join(",", t.GroupKeys.Order()))),
            plan.Teachers.OrderBy(t => t.Key).Select(t => (t.Key, t.Email, string.Join(",", t.GroupKeys.Order()))));
    }

    [Theory]
    [InlineData("<EDEX><school>", ImportFileProblem.XmlNotWellFormed)]
    [InlineData("<EDEXML><school/></EDEXML>", ImportFileProblem.XmlWrongRoot)]
    [InlineData("<EDEX xmlns=\"urn:x\"><school/></EDEX>", ImportFileProblem.XmlNamespace)]
    [InlineData("<EDEX><school><schooljaar>2026/27</schooljaar></school><leerlingen><leerling key=\"1\"><achternaam>A</achternaam></leerling></leerlingen></EDEX>", ImportFileProblem.XmlSchoolYearInvalid)]
    [InlineData("<EDEX><school><schooljaar>2026-2027</schooljaar></school><leerlingen><leerling key=\"1\"/><leerling key=\"1\"/></leerlingen></EDEX>", ImportFileProblem.XmlDuplicatePupilKey)]
    [InlineData("<EDEX><school><schooljaar>2026-2027</schooljaar><xsdversie>3.0</xsdversie></school><leerlingen><leerling key=\"1\"/></leerlingen></EDEX>", ImportFileProblem.XmlVersionUnsupported)]
    [InlineData("<!DOCTYPE EDEX [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><EDEX>&x;</EDEX>", ImportFileProblem.XmlNotWellFormed)]
    public void AnUnreadableEdexmlIsRefusedAsAWhole(string xml, ImportFileProblem problem)
    {
        var ex = Assert.Throws<ImportFileException>(() => EdexmlReader.Read(Utf8.GetBytes(xml), MigrationFixtures.ImportDate));
        Assert.Equal(problem, ex.Problem);
    }

    [Fact]
    public void ACsvWithoutTheKeyOrEmailColumnIsRefusedAsAWhole()
    {
        var ex = Assert.Throws<ImportFileException>(() => MijnSchoolCsv.Read(Utf8.GetBytes("leerling_key;mail\n1;a@b.nl\n")));
        Assert.Equal(ImportFileProblem.CsvColumnMissing, ex.Problem);
        Assert.Equal(ImportFileProblem.CsvUnterminatedQuote,
            Assert.Throws<ImportFileException>(() => MijnSchoolCsv.Read(Utf8.GetBytes("leerling_key;email\n1;\"a@b.nl\n"))).Problem);
    }

    [Fact]
    public void RowChecksRunInTheirOrderAndEachRowGetsOneReason()
    {
        var xml = "<EDEX><school><schooljaar>2026-2027</schooljaar><aanmaakdatum>2026-11-27T08:00:00</aanmaakdatum></school>"
            + "<groepen><groep key=\"g1\"><naam>Groep 1</naam><jaargroep>1</jaargroep></groep></groepen>"
            + "<leerlingen><leerling key=\"0042\"><achternaam>Jansen</achternaam><roepnaam>Sem</roepnaam><geboortedatum>2020-02-30</geboortedatum><groep key=\"g1\"/></leerling>"
            + "<leerling key=\"77\"><achternaam>Oud</achternaam><roepnaam>Bo</roepnaam><jaargroep>H</jaargroep></leerling>"
            + "<leerling key=\"78\"><achternaam>Weg</achternaam><roepnaam>Jip</roepnaam><uitstroomdatum>2026-11-01</uitstroomdatum></leerling>"
            + "<leerling key=\"79\"><achternaam>Los</achternaam><voornamen>Anna Maria</voornamen><groep key=\"onbekend\"/></leerling></leerlingen></EDEX>";
        var csv = "leerling_key;email;relatie;telefoon;toestemming_website\n"
            + "42;a@b.nl;moeder;+32 470 12 34 56;ja\n"   // 2 accepted (key with zeros stripped both sides)
            + "42;a@b.nl\n"                             // 3 wrong field count
            + ";a@b.nl;vader;;\n"                        // 4 missing key
            + "77;a@b.nl;vader;;\n"                      // 5 unknown pupil (skipped as historisch)
            + "42;;vader;;\n"                            // 6 missing e-mail
            + "42;a@b;vader;;\n"                         // 7 invalid e-mail
            + " 42 ; A@B.NL ;vader;;misschien\n"          // 8 duplicate pair
            + "79;c@d.nl;Oom;0031 30 1234567;nee\n";     // 9 accepted, relation unknown → overig
        var plan = ImportPlanner.Plan(Utf8.GetBytes(xml), Utf8.GetBytes(csv), MigrationFixtures.ImportDate);
        Assert.Equal(
            [RejectReason.WrongFieldCount, RejectReason.MissingPupilKey, RejectReason.UnknownPupil, RejectReason.MissingEmail, RejectReason.InvalidEmail, RejectReason.DuplicateRow],
            plan.Rejected.Select(r => r.Reason));
        Assert.Equal([3, 4, 5, 6, 7, 8], plan.Rejected.Select(r => r.Line));
        Assert.Equal(2, plan.Counts.PupilsImported);
        Assert.Equal(2, plan.Counts.PupilsSkipped);
        Assert.Equal(1, plan.Counts.PupilsWithoutGroup);
        Assert.Equal("Anna", plan.Pupils.Single(p => p.Key == "79").FirstName);
        Assert.Null(plan.Pupils.Single(p => p.Key == "0042").DateOfBirth);
        Assert.Equal(["+32470123456", "+31301234567"], plan.Guardians.Select(g => g.Phone));
        Assert.Equal(Roster.GuardianRelation.Other, plan.Links.Single(l => l.Email == "c@d.nl").Relation);
        Assert.Contains(plan.Warnings, w => w.Kind == WarningKind.UnknownRelation && w.Line == 9);
        Assert.Equal(2, plan.Counts.Consents);
    }

    [Theory]
    [InlineData("06-12345678", "+31612345678")]
    [InlineData("0612345678", "+31612345678")]
    [InlineData("06 12 34 56 78", "+31612345678")]
    [InlineData("+31 6 1234 5678", "+31612345678")]
    [InlineData("0031 6 12345678", "+31612345678")]
    [InlineData("030-1234567", "+31301234567")]
    [InlineData("(030) 123.45.67", "+31301234567")]
    [InlineData("+32 470 12 34 56", "+32470123456")]
    [InlineData("06-1234567", null)]
    [InlineData("+31 06 12345678", null)]
    [InlineData("0012", null)]
    [InlineData("+1234567", null)]
    [InlineData("06-1234567a", null)]
    public void PhoneNumbersBecomeE164OrAreRefused(string input, string? expected) =>
        Assert.Equal(expected, ImportNormalization.Phone(input, out _));

    [Theory]
    [InlineData("  J.deWit@ZIGGO.test ", "j.dewit@ziggo.test", true)]
    [InlineData("o'brien+school@mail.example.nl", "o'brien+school@mail.example.nl", true)]
    [InlineData("evavandeven85@kpnmail", "evavandeven85@kpnmail", false)]
    [InlineData("a..b@x.nl", "a..b@x.nl", false)]
    [InlineData(".a@x.nl", ".a@x.nl", false)]
    [InlineData("a@b@x.nl", "a@b@x.nl", false)]
    [InlineData("a@-x.nl", "a@-x.nl", false)]
    [InlineData("a@x.n1", "a@x.n1", false)]
    [InlineData("jan jansen@x.nl", "jan jansen@x.nl", false)]
    public void EmailAddressesAreNormalisedAndChecked(string input, string expected, bool valid)
    {
        Assert.Equal(expected, ImportNormalization.Email(input, out var ok));
        Assert.Equal(valid, ok);
    }

    [Fact]
    public void NamesAreTrimmedCollapsedAndStoredInNfc()
    {
        Assert.Equal("Zoë van der Linden", ImportNormalization.Text("  Zo\u0065\u0308\u00A0van\tder \r\n Linden "));
        Assert.Equal("Zoë".Normalize(NormalizationForm.FormC), ImportNormalization.Text("Zo\u0065\u0308"));
        Assert.Null(ImportNormalization.Text(" \t "));
    }

    /// <summary>Splits a sample line on ; outside quotes (the sample has one quoted field, with a ;).</summary>
    private static List<string> SplitSimple(string line)
    {
        var fields = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
                continue;
            }
            if (c == ';' && !quoted)
            {
                fields.Add(current.ToString());
                current.Clear();
                continue;
            }
            current.Append(c);
        }
        fields.Add(current.ToString());
        return fields;
    }
}
