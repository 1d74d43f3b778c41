using System.Text.Json;

// Not "Schoolplein.Platform.Migration": that namespace would hide EF Core's Migration type in the generated migrations.
namespace Schoolplein.Platform.SchoolMigration;

/// <summary>
/// What the dry run shows, stored with the upload: the counts, the rejected rows and the
/// warnings (line numbers and pupil keys only, no names or addresses).
/// </summary>
public sealed record ImportReport(
    string SchoolYear, string BrinCode, string? Author, DateTimeOffset? ExportedAt,
    IReadOnlyDictionary<string, int> Counts,
    IReadOnlyDictionary<string, int> RejectedByReason,
    IReadOnlyDictionary<string, int> WarningsByKind,
    IReadOnlyDictionary<string, int[]> ConsentsByCategory,
    IReadOnlyList<RejectedRow> Rejected,
    IReadOnlyList<ImportWarning> Warnings)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public static ImportReport From(ImportPlan plan)
    {
        var c = plan.Counts;
        return new ImportReport(plan.School.SchoolYear, plan.School.BrinCode, plan.School.Author, plan.School.CreatedAt,
            new Dictionary<string, int>
            {
                ["Groups"] = c.Groups,
                ["CompositeGroupsSkipped"] = c.CompositeGroupsSkipped,
                ["PupilsImported"] = c.PupilsImported,
                ["PupilsSkipped"] = c.PupilsSkipped,
                ["BirthDatesDropped"] = c.BirthDatesDropped,
                ["PupilsWithoutGroup"] = c.PupilsWithoutGroup,
                ["Teachers"] = c.Teachers,
                ["TeachersWithoutEmail"] = c.TeachersWithoutEmail,
                ["TeachersWithoutGroup"] = c.TeachersWithoutGroup,
                ["TeacherGroupLinks"] = c.TeacherGroupLinks,
                ["CsvRowsRead"] = c.CsvRowsRead,
                ["CsvBlankLines"] = c.CsvBlankLines,
                ["RowsRejected"] = c.RowsRejected,
                ["RowsAccepted"] = c.RowsAccepted,
                ["GuardianAccounts"] = c.GuardianAccounts,
                ["AccountsWithSeveralPupils"] = c.AccountsWithSeveralPupils,
                ["MostPupilsOnOneAccount"] = c.MostPupilsOnOneAccount,
                ["PupilsWithGuardian"] = c.PupilsWithGuardian,
                ["PupilsWithoutGuardian"] = c.PupilsWithoutGuardian,
                ["AccountsWithPhone"] = c.AccountsWithPhone,
                ["Consents"] = c.Consents,
                ["ConsentsYes"] = c.ConsentsYes,
                ["ConsentsNo"] = c.ConsentsNo,
                ["PupilCategoriesAnswered"] = c.PupilCategoriesAnswered,
            },
            Enum.GetValues<RejectReason>().ToDictionary(r => r.ToString(), r => c.RejectedByReason.GetValueOrDefault(r)),
            Enum.GetValues<WarningKind>().ToDictionary(w => w.ToString(), w => c.WarningsByKind.GetValueOrDefault(w)),
            c.ConsentsByCategory.ToDictionary(k => k.Key, k => new[] { k.Value.Yes, k.Value.No }),
            plan.Rejected,
            plan.Warnings);
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ImportReport FromJson(string json) => JsonSerializer.Deserialize<ImportReport>(json, Json)!;
}

/// <summary>What an import run changed; all zero when the same files are imported again.</summary>
public sealed record ImportChanges
{
    public int GroupsCreated { get; set; }
    public int GroupsUpdated { get; set; }
    public int GroupsArchived { get; set; }
    public int PupilsCreated { get; set; }
    public int PupilsUpdated { get; set; }
    public int PupilsArchived { get; set; }
    public int TeachersCreated { get; set; }
    public int TeachersUpdated { get; set; }
    public int TeacherLinksAdded { get; set; }
    public int TeacherLinksRemoved { get; set; }
    public int InvitationsSent { get; set; }
    public int GuardiansCreated { get; set; }
    public int GuardianLinksAdded { get; set; }
    public int LinkCodesIssued { get; set; }
    public int ConsentsImported { get; set; }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public int Total => GroupsCreated + GroupsUpdated + GroupsArchived + PupilsCreated + PupilsUpdated + PupilsArchived
        + TeachersCreated + TeachersUpdated + TeacherLinksAdded + TeacherLinksRemoved + InvitationsSent + GuardiansCreated
        + GuardianLinksAdded + LinkCodesIssued + ConsentsImported;

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ImportChanges FromJson(string json) => JsonSerializer.Deserialize<ImportChanges>(json, Json)!;
}
