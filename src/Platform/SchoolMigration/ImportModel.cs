using Schoolplein.Platform.Roster;

// Not "Schoolplein.Platform.Migration": that namespace would hide EF Core's Migration type in the generated migrations.
namespace Schoolplein.Platform.SchoolMigration;

public sealed record EdexSchool(string SchoolYear, string BrinCode, DateTimeOffset? CreatedAt, string? Author, string? Version);

public sealed record EdexGroup(string Key, string Name, string YearLevelCode);

/// <summary>A pupil as the import will store it. <see cref="Key"/> is the EDEXML key as written; <see cref="MatchKey"/> the N4 form.</summary>
public sealed record EdexPupil(
    string Key, string MatchKey, string FirstName, string? Prefix, string LastName,
    DateOnly? DateOfBirth, short? Sex, string? YearLevel, string? GroupKey);

public sealed record EdexTeacher(string Key, string FirstName, string? Prefix, string LastName, string? Email, IReadOnlyList<string> GroupKeys);

public enum WarningKind
{
    /// <summary>"leerling zonder groep": missing or unknown groep/@key.</summary>
    PupilWithoutGroup,
    /// <summary>"geboortedatum ongeldig" (rule E4).</summary>
    BirthDateInvalid,
    /// <summary>"leerkracht zonder e-mailadres" (rule E6).</summary>
    TeacherWithoutEmail,
    /// <summary>"naam wijkt af" (rule C4).</summary>
    NameDiffers,
    /// <summary>"ongeldig telefoonnummer" (rule C5).</summary>
    InvalidPhone,
    /// <summary>relatie outside the list, stored as overig (rule C6).</summary>
    UnknownRelation,
    /// <summary>a ja/nee field with another value, counted as empty (rule N5).</summary>
    InvalidYesNo,
    /// <summary>laatst_ingelogd not dd-mm-jjjj (rule C9).</summary>
    InvalidLastLogin,
    /// <summary>A teacher with the e-mail address of an earlier teacher: both records become one account.</summary>
    TeacherEmailShared,
}

public enum RejectReason
{
    /// <summary>"aantal kolommen klopt niet"</summary>
    WrongFieldCount,
    /// <summary>"leerling_key ontbreekt"</summary>
    MissingPupilKey,
    /// <summary>"onbekende leerling"</summary>
    UnknownPupil,
    /// <summary>"e-mailadres ontbreekt"</summary>
    MissingEmail,
    /// <summary>"ongeldig e-mailadres"</summary>
    InvalidEmail,
    /// <summary>"dubbele regel"</summary>
    DuplicateRow,
}

/// <summary>A warning with where it comes from: a CSV line (header = line 1) or an EDEXML record key.</summary>
public sealed record ImportWarning(WarningKind Kind, int? Line, string? Key);

public sealed record RejectedRow(int Line, string? PupilKey, RejectReason Reason);

public sealed record PlannedGuardian(string Email, string FirstName, string? Prefix, string LastName, string? Phone, bool PhoneVisible, DateOnly? LastLogin);

public sealed record PlannedLink(string PupilKey, string Email, GuardianRelation Relation, int Line);

public sealed record PlannedConsent(string PupilKey, string Email, string Category, bool Granted, int Line);

public static class ConsentColumns
{
    public const string Website = "toestemming_website";
    public const string SocialMedia = "toestemming_socialmedia";
    public const string Newsletter = "toestemming_nieuwsbrief";
    public const string Press = "toestemming_pers";
    public const string ParentPortal = "toestemming_ouderportaal";

    public static readonly IReadOnlyList<string> All = [Website, SocialMedia, Newsletter, Press, ParentPortal];
}

/// <summary>Every number section 7 of the format reports, for the dry run and the tests.</summary>
public sealed record ImportCounts
{
    public int Groups { get; init; }
    public int CompositeGroupsSkipped { get; init; }
    public int PupilsImported { get; init; }
    public int PupilsSkipped { get; init; }
    public int BirthDatesDropped { get; init; }
    public int PupilsWithoutGroup { get; init; }
    public int Teachers { get; init; }
    public int TeachersWithoutEmail { get; init; }
    public int TeachersWithoutGroup { get; init; }
    public int TeacherGroupLinks { get; init; }
    public int CsvRowsRead { get; init; }
    public int CsvBlankLines { get; init; }
    public int RowsRejected { get; init; }
    public IReadOnlyDictionary<RejectReason, int> RejectedByReason { get; init; } = new Dictionary<RejectReason, int>();
    public int RowsAccepted { get; init; }
    public int GuardianAccounts { get; init; }
    public int AccountsWithSeveralPupils { get; init; }
    public int MostPupilsOnOneAccount { get; init; }
    public int PupilsWithGuardian { get; init; }
    public int PupilsWithoutGuardian { get; init; }
    public int AccountsWithPhone { get; init; }
    public IReadOnlyDictionary<WarningKind, int> WarningsByKind { get; init; } = new Dictionary<WarningKind, int>();
    public int Consents { get; init; }
    public int ConsentsYes { get; init; }
    public int ConsentsNo { get; init; }
    public int PupilCategoriesAnswered { get; init; }
    /// <summary>Per category (CSV column name): (ja, nee).</summary>
    public IReadOnlyDictionary<string, (int Yes, int No)> ConsentsByCategory { get; init; } = new Dictionary<string, (int, int)>();
}

/// <summary>The dry run: exactly what an import of these two files will write, and every row refused or needing attention.</summary>
public sealed record ImportPlan(
    EdexSchool School,
    IReadOnlyList<EdexGroup> Groups,
    IReadOnlyList<EdexPupil> Pupils,
    IReadOnlyList<EdexTeacher> Teachers,
    IReadOnlyList<PlannedGuardian> Guardians,
    IReadOnlyList<PlannedLink> Links,
    IReadOnlyList<PlannedConsent> Consents,
    IReadOnlyList<RejectedRow> Rejected,
    IReadOnlyList<ImportWarning> Warnings,
    ImportCounts Counts);

/// <summary>A file that cannot be read at all (rule E1, CSV header): nothing is imported.</summary>
public sealed class ImportFileException(ImportFileProblem problem, string? detail = null)
    : Exception($"{problem}{(detail is null ? "" : ": " + detail)}")
{
    public ImportFileProblem Problem => problem;
    public string? Detail => detail;
}

public enum ImportFileProblem
{
    XmlNotWellFormed,
    XmlWrongRoot,
    XmlNamespace,
    XmlVersionUnsupported,
    XmlSchoolMissing,
    XmlSchoolYearInvalid,
    XmlNoPupils,
    XmlDuplicatePupilKey,
    XmlPupilKeyMissing,
    CsvEmpty,
    /// <summary>Only a header row: importing it would archive nothing and link no parent, which is never what was meant.</summary>
    CsvHeaderOnly,
    CsvNotUtf8,
    CsvColumnMissing,
    CsvUnterminatedQuote,
}
