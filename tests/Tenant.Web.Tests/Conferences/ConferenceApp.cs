using Microsoft.EntityFrameworkCore;
using Schoolplein.Platform.Calendar;
using Schoolplein.Platform.Conferences;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Persistence;
using Schoolplein.Testing;

namespace Schoolplein.Tenant.Web.Tests.Conferences;

/// <summary>
/// School A ("zee"): Groep 3/4 (teachers juf Lisanne and juf Joyce) and Groep 5 (meester Kees);
/// Noor (3/4) of ouder@, Yara (3/4) of yara@, and siblings Tim (3/4) and Lot (5) of gezin@.
/// School B ("berg"): a group, teacher, parent and a round with slots.
/// </summary>
public class ConferenceApp : SchoolApp
{
    public SchoolHandle A { get; private set; } = null!;
    public SchoolHandle B { get; private set; } = null!;
    public Guid G34 { get; private set; }
    public Guid G5 { get; private set; }
    public Guid Lisanne { get; private set; }
    public Guid Joyce { get; private set; }
    public Guid Kees { get; private set; }
    public Guid Admin { get; private set; }
    public Guid Noor { get; private set; }
    public Guid Yara { get; private set; }
    public Guid Tim { get; private set; }
    public Guid Lot { get; private set; }
    public Guid BRound { get; private set; }
    public Guid BSlot { get; private set; }
    public Guid BAdmin { get; private set; }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        A = await CreateSchoolAsync("zee", "Kindcentrum De Zee");
        B = await CreateSchoolAsync("berg", "Basisschool De Berg");
        G34 = await A.AddGroupAsync("Groep 3/4");
        G5 = await A.AddGroupAsync("Groep 5");
        Lisanne = await A.AddUserAsync("lisanne@zee.test", Roles.Teacher);
        Joyce = await A.AddUserAsync("joyce@zee.test", Roles.Teacher);
        Kees = await A.AddUserAsync("kees@zee.test", Roles.Teacher);
        await A.AddTeacherAsync(G34, Lisanne);
        await A.AddTeacherAsync(G34, Joyce);
        await A.AddTeacherAsync(G5, Kees);
        Admin = await A.AddUserAsync("directie@zee.test", Roles.SchoolAdmin);
        Noor = await ChildAsync(A, G34, "Noor", "ouder@zee.test");
        Yara = await ChildAsync(A, G34, "Yara", "yara@zee.test");
        Tim = await ChildAsync(A, G34, "Tim", "gezin@zee.test");
        Lot = await A.AddPupilAsync(G5, "Lot", "Gezin");
        await A.LinkGuardianAsync(Lot, await UserIdAsync("gezin@zee.test"));

        var bGroup = await B.AddGroupAsync("Groep 3 Berg");
        var bTeacher = await B.AddUserAsync("juf@berg.test", Roles.Teacher);
        await B.AddTeacherAsync(bGroup, bTeacher);
        await ChildAsync(B, bGroup, "Bram", "ouder@berg.test");
        BAdmin = await B.AddUserAsync("directie@berg.test", Roles.SchoolAdmin);
        BRound = await RoundAsync(B, BAdmin, [bGroup], "Gesprekken Berg");
        await WindowAsync(B, BRound, bTeacher, Day(10), 19, 20);
        BSlot = await Database.ScalarAsync<Guid>("SELECT id FROM conference_slots WHERE round_id = $1 ORDER BY starts_at LIMIT 1", BRound);
    }

    public async Task<Guid> ChildAsync(SchoolHandle school, Guid group, string name, string parentEmail)
    {
        var pupil = await school.AddPupilAsync(group, name, "Kind");
        var parent = await school.AddUserAsync(parentEmail, Roles.Parent);
        await school.LinkGuardianAsync(pupil, parent);
        return pupil;
    }

    public Task<Guid> UserIdAsync(string email) => Database.ScalarAsync<Guid>("SELECT id FROM users WHERE normalized_email = upper($1)", email);

    public DateOnly Day(int daysAhead) => Today.AddDays(daysAhead);

    /// <summary>A round open now (or opening/closing as given), 10-minute slots.</summary>
    public Task<Guid> RoundAsync(SchoolHandle school, Guid admin, Guid[] groups, string title,
        DateTimeOffset? opens = null, DateTimeOffset? closes = null, bool siblingsEarly = false, bool separate = false) =>
        InSchoolAsync(school.Id, async scope =>
        {
            var created = await scope.Get<ConferencePlanning>().CreateRoundAsync(new RoundDraft(
                title, "Lokaal 3", null, 10, opens ?? Now.AddHours(-1), closes ?? Now.AddDays(7),
                siblingsEarly, separate, groups), admin, default);
            return created.Succeeded ? created.Value : throw new InvalidOperationException(string.Join(",", created.Problems.Select(p => p.Key)));
        });

    public Task WindowAsync(SchoolHandle school, Guid round, Guid teacher, DateOnly date, int fromHour, int toHour) =>
        InSchoolAsync(school.Id, async scope =>
        {
            var added = await scope.Get<ConferencePlanning>().AddWindowAsync(round, teacher, date, new TimeRange(new(fromHour, 0), new(toHour, 0)), [], default);
            if (!added.Succeeded)
            {
                throw new InvalidOperationException(string.Join(",", added.Problems.Select(e => e.Key)));
            }
        });

    public Task<Guid> SlotAsync(Guid round, Guid teacher, int index = 0) =>
        Database.ScalarAsync<Guid>("SELECT id FROM conference_slots WHERE round_id = $1 AND teacher_id = $2 ORDER BY starts_at OFFSET $3 LIMIT 1", round, teacher, index);

    /// <summary>Books a slot; <paramref name="confirmed"/>: a move to another time was confirmed (the confirmation step's own field).</summary>
    public static Task<HttpResponseMessage> BookAsync(HttpClient client, Guid child, Guid slot, bool confirmed = false)
    {
        var fields = new Dictionary<string, string> { ["childId"] = child.ToString(), ["slotId"] = slot.ToString() };
        if (confirmed)
        {
            fields[Confirmations.Field] = "true";
        }
        return client.PostFormAsync("/gesprekken?handler=Book", fields, "/gesprekken");
    }

    public Task<long> BookingsAsync(Guid slot) => Database.ScalarAsync<long>("SELECT count(*) FROM conference_bookings WHERE slot_id = $1", slot);
}
