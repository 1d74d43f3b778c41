using Schoolplein.Platform.Roster;

// Not "Schoolplein.Platform.Migration": that namespace would hide EF Core's Migration type in the generated migrations.
namespace Schoolplein.Platform.SchoolMigration;

/// <summary>
/// Joins the EDEXML and the MijnSchool CSV by the rules C1–C9 into the plan the dry run
/// shows and the import job writes. Pure: no database, no clock (the import date is given).
/// </summary>
public static class ImportPlanner
{
    private static readonly IReadOnlyDictionary<string, GuardianRelation> Relations = new Dictionary<string, GuardianRelation>(StringComparer.OrdinalIgnoreCase)
    {
        ["moeder"] = GuardianRelation.Mother,
        ["vader"] = GuardianRelation.Father,
        ["ouder"] = GuardianRelation.Parent,
        ["stiefouder"] = GuardianRelation.StepParent,
        ["pleegouder"] = GuardianRelation.FosterParent,
        ["verzorger"] = GuardianRelation.Carer,
        ["grootouder"] = GuardianRelation.Grandparent,
        ["voogd"] = GuardianRelation.LegalGuardian,
        ["overig"] = GuardianRelation.Other,
    };

    public static ImportPlan Plan(byte[] edexml, byte[] csv, DateOnly importDate) =>
        Plan(EdexmlReader.Read(edexml, importDate), MijnSchoolCsv.Read(csv));

    public static ImportPlan Plan(EdexmlFile edex, CsvFile csv)
    {
        var warnings = new List<ImportWarning>(edex.Warnings);
        var rejected = new List<RejectedRow>();
        var pupilsByKey = edex.Pupils.ToDictionary(p => p.MatchKey, StringComparer.Ordinal);
        int Column(string name) => csv.Header.ToList().IndexOf(name);
        var columns = new
        {
            Key = Column("leerling_key"),
            LastName = Column("ouder_achternaam"),
            Prefix = Column("ouder_voorvoegsel"),
            FirstName = Column("ouder_voornaam"),
            Relation = Column("relatie"),
            Email = Column("email"),
            Phone = Column("telefoon"),
            PhoneVisible = Column("telefoon_zichtbaar"),
            LastLogin = Column("laatst_ingelogd"),
        };
        var consentColumns = ConsentColumns.All.Select(c => (Category: c, Index: Column(c))).Where(c => c.Index >= 0).ToList();

        var guardians = new Dictionary<string, GuardianBuilder>(StringComparer.Ordinal);
        var guardianOrder = new List<string>();
        var links = new List<PlannedLink>();
        var consents = new List<PlannedConsent>();
        var acceptedPairs = new HashSet<(string, string)>();

        foreach (var record in csv.Records)
        {
            string? Field(int index) => index >= 0 && index < record.Fields.Count ? record.Fields[index] : null;

            if (record.Fields.Count != csv.Header.Count)
            {
                rejected.Add(new RejectedRow(record.Line, ImportNormalization.Text(Field(columns.Key)), RejectReason.WrongFieldCount));
                continue;
            }
            var rawKey = Field(columns.Key)?.Trim();
            var key = ImportNormalization.Key(rawKey);
            if (key is null)
            {
                rejected.Add(new RejectedRow(record.Line, null, RejectReason.MissingPupilKey));
                continue;
            }
            if (!pupilsByKey.TryGetValue(key, out var pupil))
            {
                rejected.Add(new RejectedRow(record.Line, rawKey, RejectReason.UnknownPupil));
                continue;
            }
            var email = ImportNormalization.Email(Field(columns.Email), out var emailValid);
            if (email is null)
            {
                rejected.Add(new RejectedRow(record.Line, rawKey, RejectReason.MissingEmail));
                continue;
            }
            if (!emailValid)
            {
                rejected.Add(new RejectedRow(record.Line, rawKey, RejectReason.InvalidEmail));
                continue;
            }
            if (!acceptedPairs.Add((pupil.MatchKey, email)))
            {
                rejected.Add(new RejectedRow(record.Line, rawKey, RejectReason.DuplicateRow));
                continue;
            }

            // Accepted: C3–C9.
            var first = ImportNormalization.Text(Field(columns.FirstName)) ?? "";
            var prefix = ImportNormalization.Text(Field(columns.Prefix));
            var last = ImportNormalization.Text(Field(columns.LastName)) ?? "";
            var phone = ImportNormalization.Phone(Field(columns.Phone), out var phonePresent);
            if (phonePresent && phone is null)
            {
                warnings.Add(new ImportWarning(WarningKind.InvalidPhone, record.Line, rawKey));
            }
            var visible = ImportNormalization.YesNo(Field(columns.PhoneVisible), out var visibleValid);
            if (!visibleValid)
            {
                warnings.Add(new ImportWarning(WarningKind.InvalidYesNo, record.Line, rawKey));
            }
            DateOnly? lastLogin = null;
            if (ImportNormalization.Text(Field(columns.LastLogin)) is { } loginText)
            {
                lastLogin = ImportNormalization.CsvDate(loginText);
                if (lastLogin is null)
                {
                    warnings.Add(new ImportWarning(WarningKind.InvalidLastLogin, record.Line, rawKey));
                }
            }
            if (!guardians.TryGetValue(email, out var guardian))
            {
                guardian = new GuardianBuilder(email, first, prefix, last, visible == true, lastLogin);
                guardians[email] = guardian;
                guardianOrder.Add(email);
            }
            else if (guardian.Spellings.Add((first, prefix ?? "", last)))
            {
                warnings.Add(new ImportWarning(WarningKind.NameDiffers, record.Line, rawKey));
            }
            guardian.Phone ??= phone;
            if (lastLogin is { } login && (guardian.LastLogin is null || login > guardian.LastLogin))
            {
                guardian.LastLogin = login;
            }

            var relationText = ImportNormalization.Text(Field(columns.Relation));
            if (relationText is null || !Relations.TryGetValue(relationText, out var relation))
            {
                relation = GuardianRelation.Other;
                warnings.Add(new ImportWarning(WarningKind.UnknownRelation, record.Line, rawKey));
            }
            links.Add(new PlannedLink(pupil.Key, email, relation, record.Line));

            foreach (var (category, index) in consentColumns)
            {
                var answer = ImportNormalization.YesNo(Field(index), out var answerValid);
                if (!answerValid)
                {
                    warnings.Add(new ImportWarning(WarningKind.InvalidYesNo, record.Line, rawKey));
                }
                if (answer is { } granted)
                {
                    consents.Add(new PlannedConsent(pupil.Key, email, category, granted, record.Line));
                }
            }
        }

        var plannedGuardians = guardianOrder.Select(e => guardians[e].Build()).ToList();
        var pupilsPerAccount = links.GroupBy(l => l.Email).Select(g => g.Select(l => l.PupilKey).Distinct().Count()).ToList();
        var pupilsWithGuardian = links.Select(l => l.PupilKey).Distinct().Count();
        var counts = new ImportCounts
        {
            Groups = edex.Groups.Count,
            CompositeGroupsSkipped = edex.CompositeGroupsSkipped,
            PupilsImported = edex.Pupils.Count,
            PupilsSkipped = edex.PupilsSkipped,
            BirthDatesDropped = warnings.Count(w => w.Kind == WarningKind.BirthDateInvalid),
            PupilsWithoutGroup = edex.Pupils.Count(p => p.GroupKey is null),
            Teachers = edex.Teachers.Count,
            TeachersWithoutEmail = edex.Teachers.Count(t => t.Email is null),
            TeachersWithoutGroup = edex.Teachers.Count(t => t.GroupKeys.Count == 0),
            TeacherGroupLinks = edex.Teachers.Sum(t => t.GroupKeys.Count),
            CsvRowsRead = csv.Records.Count,
            CsvBlankLines = csv.BlankLines,
            RowsRejected = rejected.Count,
            RejectedByReason = rejected.GroupBy(r => r.Reason).ToDictionary(g => g.Key, g => g.Count()),
            RowsAccepted = links.Count,
            GuardianAccounts = plannedGuardians.Count,
            AccountsWithSeveralPupils = pupilsPerAccount.Count(n => n > 1),
            MostPupilsOnOneAccount = pupilsPerAccount.DefaultIfEmpty(0).Max(),
            PupilsWithGuardian = pupilsWithGuardian,
            PupilsWithoutGuardian = edex.Pupils.Count - pupilsWithGuardian,
            AccountsWithPhone = plannedGuardians.Count(g => g.Phone is not null),
            WarningsByKind = warnings.GroupBy(w => w.Kind).ToDictionary(g => g.Key, g => g.Count()),
            Consents = consents.Count,
            ConsentsYes = consents.Count(c => c.Granted),
            ConsentsNo = consents.Count(c => !c.Granted),
            PupilCategoriesAnswered = consents.Select(c => (c.PupilKey, c.Category)).Distinct().Count(),
            ConsentsByCategory = ConsentColumns.All.ToDictionary(c => c, c => (consents.Count(x => x.Category == c && x.Granted), consents.Count(x => x.Category == c && !x.Granted))),
        };
        return new ImportPlan(edex.School, edex.Groups, edex.Pupils, edex.Teachers, plannedGuardians, links, consents, rejected, warnings, counts);
    }

    private sealed class GuardianBuilder(string email, string first, string? prefix, string last, bool phoneVisible, DateOnly? lastLogin)
    {
        public HashSet<(string, string, string)> Spellings { get; } = [(first, prefix ?? "", last)];
        public string? Phone { get; set; }
        public DateOnly? LastLogin { get; set; } = lastLogin;

        public PlannedGuardian Build() => new(email, first, prefix, last, Phone, phoneVisible, LastLogin);
    }
}
