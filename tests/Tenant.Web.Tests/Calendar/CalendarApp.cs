using Schoolplein.Platform.Identity;
using Schoolplein.Testing;

namespace Schoolplein.Tenant.Web.Tests.Calendar;

/// <summary>
/// Two schools with every module on. School A has Groep 3/4 (Noor, parent ouder@) and Groep 5
/// (Sem, parent ander@), a teacher for each and an admin; school B a group, parent and admin.
/// </summary>
public class CalendarApp : SchoolApp
{
    public SchoolHandle A { get; private set; } = null!;
    public SchoolHandle B { get; private set; } = null!;
    public Guid G34 { get; private set; }
    public Guid G5 { get; private set; }
    public Guid Noor { get; private set; }
    public Guid Sem { get; private set; }
    public Guid Parent { get; private set; }
    public Guid OtherParent { get; private set; }
    public Guid Teacher34 { get; private set; }
    public Guid Teacher5 { get; private set; }
    public Guid BGroup { get; private set; }
    public Guid BPupil { get; private set; }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        A = await CreateSchoolAsync("zon", "Kindcentrum De Zon");
        B = await CreateSchoolAsync("maan", "Basisschool De Maan");
        G34 = await A.AddGroupAsync("Groep 3/4");
        G5 = await A.AddGroupAsync("Groep 5");
        Noor = await A.AddPupilAsync(G34, "Noor", "Jansen");
        Sem = await A.AddPupilAsync(G5, "Sem", "Bakker");
        Parent = await A.AddUserAsync("ouder@zon.test", Roles.Parent);
        await A.LinkGuardianAsync(Noor, Parent);
        OtherParent = await A.AddUserAsync("ander@zon.test", Roles.Parent);
        await A.LinkGuardianAsync(Sem, OtherParent);
        Teacher34 = await A.AddUserAsync("juf34@zon.test", Roles.Teacher);
        await A.AddTeacherAsync(G34, Teacher34);
        Teacher5 = await A.AddUserAsync("meester5@zon.test", Roles.Teacher);
        await A.AddTeacherAsync(G5, Teacher5);
        await A.AddUserAsync("directie@zon.test", Roles.SchoolAdmin);
        BGroup = await B.AddGroupAsync("Groep 3 Maan");
        BPupil = await B.AddPupilAsync(BGroup, "Bram", "Maan");
        var bParent = await B.AddUserAsync("ouder@maan.test", Roles.Parent);
        await B.LinkGuardianAsync(BPupil, bParent);
        await B.AddUserAsync("directie@maan.test", Roles.SchoolAdmin);
    }

    /// <summary>Posts the new-event form; returns the response (302 on success).</summary>
    public static Task<HttpResponseMessage> CreateEventAsync(HttpClient client, string title, string start, string? startTime, string? endTime,
        Guid[]? groups = null, string? end = null, bool allDay = false, string[]? repeatDays = null, string? repeatUntil = null, string? capacity = null)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Form.Title", title),
            new("Form.StartDate", start),
            new("Form.EndDate", end ?? ""),
            new("Form.StartTime", startTime ?? ""),
            new("Form.EndTime", endTime ?? ""),
            new("Form.Location", "Aula"),
            new("Form.Description", "Meer informatie volgt."),
            new("Form.RepeatUntil", repeatUntil ?? ""),
            new("Form.Capacity", capacity ?? ""),
        };
        if (allDay)
        {
            fields.Add(new("Form.AllDay", "true"));
        }
        if (groups is null or { Length: 0 })
        {
            fields.Add(new("Form.SchoolWide", "true"));
        }
        foreach (var g in groups ?? [])
        {
            fields.Add(new("Form.GroupIds", g.ToString()));
        }
        foreach (var d in repeatDays ?? [])
        {
            fields.Add(new("Form.RepeatDays", d));
        }
        return PostFieldsAsync(client, "/agenda/nieuw", fields);
    }

    /// <summary>Like Forms.PostFormAsync, but with repeated keys (checkbox lists).</summary>
    public static async Task<HttpResponseMessage> PostFieldsAsync(HttpClient client, string url, List<KeyValuePair<string, string>> fields, string? pageUrl = null)
    {
        var token = await Forms.AntiforgeryTokenAsync(client, pageUrl ?? url);
        fields.Add(new("__RequestVerificationToken", token));
        return await client.PostAsync(url, new FormUrlEncodedContent(fields));
    }
}
