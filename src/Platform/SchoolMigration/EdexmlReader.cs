using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

// Not "Schoolplein.Platform.Migration": that namespace would hide EF Core's Migration type in the generated migrations.
namespace Schoolplein.Platform.SchoolMigration;

public sealed record EdexmlFile(
    EdexSchool School,
    IReadOnlyList<EdexGroup> Groups,
    int CompositeGroupsSkipped,
    IReadOnlyList<EdexPupil> Pupils,
    int PupilsSkipped,
    IReadOnlyList<EdexTeacher> Teachers,
    IReadOnlyList<ImportWarning> Warnings);

/// <summary>
/// Reads an EDEXML 2.0/2.1 export (rules E1–E6): by element name and full path, never by
/// position; records in any order; no DTDs or external entities.
/// </summary>
public static partial class EdexmlReader
{
    public static EdexmlFile Read(byte[] content, DateOnly importDate)
    {
        XDocument document;
        try
        {
            using var stream = new MemoryStream(content);
            using var reader = XmlReader.Create(stream, new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit,
                XmlResolver = null,
                IgnoreComments = true,
                IgnoreProcessingInstructions = true,
            });
            document = XDocument.Load(reader);
        }
        catch (XmlException ex)
        {
            throw new ImportFileException(ImportFileProblem.XmlNotWellFormed, $"line {ex.LineNumber}");
        }
        var root = document.Root!;
        if (root.Name.LocalName != "EDEX")
        {
            throw new ImportFileException(ImportFileProblem.XmlWrongRoot, root.Name.LocalName);
        }
        if (root.Name.NamespaceName.Length > 0)
        {
            throw new ImportFileException(ImportFileProblem.XmlNamespace, root.Name.NamespaceName);
        }

        var schoolElement = root.Element("school") ?? throw new ImportFileException(ImportFileProblem.XmlSchoolMissing);
        var version = Value(schoolElement, "xsdversie");
        if (version is not null && version is not ("2.0" or "2.1") && !version.StartsWith("1.0", StringComparison.Ordinal))
        {
            throw new ImportFileException(ImportFileProblem.XmlVersionUnsupported, version);
        }
        var schoolYear = Value(schoolElement, "schooljaar");
        if (schoolYear is null || !SchoolYearShape().IsMatch(schoolYear))
        {
            throw new ImportFileException(ImportFileProblem.XmlSchoolYearInvalid, schoolYear);
        }
        var createdAtText = Value(schoolElement, "aanmaakdatum");
        DateTimeOffset? createdAt = DateTimeOffset.TryParse(createdAtText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : null;
        var referenceDate = ImportNormalization.XmlDateTimeDate(createdAtText) ?? importDate;
        var school = new EdexSchool(schoolYear, Value(schoolElement, "brincode") ?? "", createdAt, Value(schoolElement, "auteur"), version);

        var warnings = new List<ImportWarning>();

        // E2: groups; samengestelde groepen are skipped and counted.
        var groupsElement = root.Element("groepen");
        var groups = new List<EdexGroup>();
        var compositeKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var element in groupsElement?.Elements() ?? [])
        {
            var key = element.Attribute("key")?.Value.Trim();
            if (string.IsNullOrEmpty(key))
            {
                continue;
            }
            if (element.Name.LocalName == "samengestelde_groep")
            {
                compositeKeys.Add(key);
            }
            else if (element.Name.LocalName == "groep" && groups.All(g => g.Key != key))
            {
                groups.Add(new EdexGroup(key, ImportNormalization.Text(Value(element, "naam")) ?? key, Value(element, "jaargroep") ?? ""));
            }
        }
        var groupsByKey = groups.ToDictionary(g => g.Key, StringComparer.Ordinal);

        // E3–E5: pupils.
        var pupilElements = root.Element("leerlingen")?.Elements("leerling").ToList() ?? [];
        if (pupilElements.Count == 0)
        {
            throw new ImportFileException(ImportFileProblem.XmlNoPupils);
        }
        var seenKeys = new HashSet<string>(StringComparer.Ordinal);
        var pupils = new List<EdexPupil>();
        var skipped = 0;
        foreach (var element in pupilElements)
        {
            var key = element.Attribute("key")?.Value.Trim();
            if (string.IsNullOrEmpty(key))
            {
                throw new ImportFileException(ImportFileProblem.XmlPupilKeyMissing);
            }
            if (!seenKeys.Add(ImportNormalization.Key(key)!))
            {
                throw new ImportFileException(ImportFileProblem.XmlDuplicatePupilKey, key);
            }
            var ownYear = Value(element, "jaargroep");
            var leftOn = ImportNormalization.XmlDate(Value(element, "uitstroomdatum"));
            if (ownYear == "H" || (leftOn is { } left && left <= referenceDate))
            {
                skipped++;
                continue;
            }
            var (first, prefix, last) = Name(element);
            var groupKey = element.Element("groep")?.Attribute("key")?.Value.Trim();
            EdexGroup? group = groupKey is not null && groupsByKey.TryGetValue(groupKey, out var g) ? g : null;
            if (group is null)
            {
                warnings.Add(new ImportWarning(WarningKind.PupilWithoutGroup, null, key));
            }
            DateOnly? birth = null;
            var birthText = Value(element, "geboortedatum");
            if (birthText is not null)
            {
                birth = ImportNormalization.XmlDate(birthText);
                if (birth is null || birth > referenceDate)
                {
                    birth = null;
                    warnings.Add(new ImportWarning(WarningKind.BirthDateInvalid, null, key));
                }
            }
            short? sex = Value(element, "geslacht") is { } s && short.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code is 0 or 1 or 2 or 9 ? code : null;
            var yearLevel = ownYear ?? (group is not null && group.YearLevelCode != "C" && group.YearLevelCode.Length > 0 ? group.YearLevelCode : null);
            pupils.Add(new EdexPupil(key, ImportNormalization.Key(key)!, first, prefix, last, birth, sex, yearLevel, group?.Key));
        }

        // E6: teachers.
        var teachers = new List<EdexTeacher>();
        foreach (var element in root.Element("leerkrachten")?.Elements("leerkracht") ?? [])
        {
            var key = element.Attribute("key")?.Value.Trim();
            if (string.IsNullOrEmpty(key) || teachers.Any(t => t.Key == key))
            {
                continue;
            }
            var (first, prefix, last) = Name(element);
            var email = ImportNormalization.Email(Value(element, "emailadres"), out var valid);
            if (!valid)
            {
                email = null;
                warnings.Add(new ImportWarning(WarningKind.TeacherWithoutEmail, null, key));
            }
            var groupKeys = element.Element("groepen")?.Elements("groep")
                .Select(e => e.Attribute("key")?.Value.Trim())
                .Where(k => k is not null && groupsByKey.ContainsKey(k))
                .Select(k => k!)
                .Distinct(StringComparer.Ordinal)
                .ToList() ?? [];
            if (email is not null && teachers.Any(t => string.Equals(t.Email, email, StringComparison.OrdinalIgnoreCase)))
            {
                // One login per address: the import gives both records one account with both groups.
                warnings.Add(new ImportWarning(WarningKind.TeacherEmailShared, null, key));
            }
            teachers.Add(new EdexTeacher(key, first, prefix, last, email, groupKeys));
        }

        return new EdexmlFile(school, groups, compositeKeys.Count, pupils, skipped, teachers, warnings);
    }

    /// <summary>First name: roepnaam, else the first word of voornamen, else voorletters-1. Surname without its prefix.</summary>
    private static (string First, string? Prefix, string Last) Name(XElement person)
    {
        var last = ImportNormalization.Text(Value(person, "achternaam"));
        var prefix = ImportNormalization.Text(Value(person, "voorvoegsel")) ?? ImportNormalization.Text(Value(person, "tussenvoegsel"));
        var first = ImportNormalization.Text(Value(person, "roepnaam"))
            ?? ImportNormalization.Text(Value(person, "voornamen"))?.Split(' ')[0]
            ?? ImportNormalization.Text(Value(person, "voorletters-1"))
            ?? ImportNormalization.Text(Value(person, "voorletters"));
        // A record may hold only a roepnaam (the XSD allows it): it is then also the surname shown.
        return (first ?? last ?? "?", prefix, last ?? "");
    }

    private static string? Value(XElement parent, string name)
    {
        var value = parent.Element(name)?.Value.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    [GeneratedRegex(@"^\d{4}-\d{4}$")]
    private static partial Regex SchoolYearShape();
}
