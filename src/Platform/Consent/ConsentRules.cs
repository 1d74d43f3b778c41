namespace Schoolplein.Platform.Consent;

/// <summary>
/// The stable codes of the default categories, and the one place where the old portal's
/// (MijnSchool) export columns map onto them.
/// </summary>
public static class ConsentCategoryCodes
{
    /// <summary>This portal: the timeline asks this category before a child may appear in a photo.</summary>
    public const string Portal = "ouderportaal";
    public const string Website = "website";
    public const string SocialMedia = "socialmedia";
    public const string Newsletter = "nieuwsbrief";
    public const string Press = "pers";

    /// <summary>The defaults in the order a new school gets them.</summary>
    public static readonly IReadOnlyList<string> Defaults = [Portal, Website, SocialMedia, Newsletter, Press];

    private static readonly IReadOnlyDictionary<string, string> MijnSchoolColumns = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["toestemming_website"] = Website,
        ["toestemming_socialmedia"] = SocialMedia,
        ["toestemming_nieuwsbrief"] = Newsletter,
        ["toestemming_pers"] = Press,
        ["toestemming_ouderportaal"] = Portal,
    };

    /// <summary>The MijnSchool CSV consent columns (section 4 of the migration fixtures' README).</summary>
    public static IReadOnlyCollection<string> MijnSchoolColumnNames => [.. MijnSchoolColumns.Keys];

    /// <summary>The category code for a MijnSchool column ("toestemming_socialmedia" → "socialmedia"), or null.</summary>
    public static string? FromMijnSchoolColumn(string column) =>
        MijnSchoolColumns.GetValueOrDefault(column.Trim());
}

/// <summary>The rules that decide an answer, kept together so queries and tests agree.</summary>
public static class ConsentRules
{
    /// <summary>
    /// Latest first: the most recent record is the current answer, whichever guardian gave it.
    /// Records with the same moment (an import of both parents' old answers) that disagree
    /// resolve to "not allowed": a denial sorts before a grant.
    /// </summary>
    public static IOrderedQueryable<ConsentRecord> LatestFirst(this IQueryable<ConsentRecord> records) =>
        records.OrderByDescending(r => r.RecordedAt).ThenBy(r => r.Granted);

    /// <summary>The same rule in memory; null when never answered (which means: not allowed).</summary>
    public static bool? CurrentAnswer(IEnumerable<(DateTimeOffset RecordedAt, bool Granted)> records) =>
        records.OrderByDescending(r => r.RecordedAt).ThenBy(r => r.Granted).Select(r => (bool?)r.Granted).FirstOrDefault();

    /// <summary>Never answered counts as not allowed: no photos.</summary>
    public static bool IsAllowed(bool? answer) => answer == true;

    /// <summary>Dutch school years run from 1 August: 15 Sept 2026 is in "2026-2027", 15 July 2027 too.</summary>
    public static string SchoolYearOf(DateOnly day)
    {
        var start = day.Month >= 8 ? day.Year : day.Year - 1;
        return $"{start}-{start + 1}";
    }
}

/// <summary>Why <see cref="ConsentService"/> refused a change: the keys of the consent pages' messages.</summary>
public static class ConsentProblems
{
    public const string PupilNotFound = "Error.PupilNotFound";
    public const string CategoryNotFound = "Error.CategoryNotFound";
    public const string CategoryRetired = "Error.CategoryRetired";
    public const string CategoryLocked = "Error.CategoryLocked";
    public const string NotAGuardian = "Error.NotAGuardian";
    public const string StaffRequired = "Error.StaffRequired";
    public const string AlreadyRequested = "Error.AlreadyRequested";
    public const string NothingToConfirm = "Error.NothingToConfirm";
    public const string AnswerMissing = "Error.AnswerMissing";
    public const string PortalCannotRetire = "Error.PortalCannotRetire";
}
