using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.SchoolCalendar;
using Schoolplein.Testing;

namespace Schoolplein.Tenant.Web.Tests.Administration;

/// <summary>
/// Two schools with every module on and a controlled clock (school time zone Europe/Amsterdam).
/// School A ("zon"): Groep 3/4 with a teacher duo (juf Lisa, juf Joyce) and Noor and Daan
/// (siblings, parents ouder@ and vader@), Groep 5 with meester Kees and Sem (parent ander@),
/// an admin; the 2026-2027 holidays. School B ("maan"): a group, pupil, parent, teacher, admin.
/// </summary>
public class AdministrationApp : SchoolApp
{
    public FakeTimeProvider Clock { get; } = new(At("2026-11-30 07:30"));

    public SchoolHandle A { get; private set; } = null!;
    public SchoolHandle B { get; private set; } = null!;
    public Guid G34 { get; private set; }
    public Guid G5 { get; private set; }
    public Guid Noor { get; private set; }
    public Guid Daan { get; private set; }
    public Guid Sem { get; private set; }
    public Guid Parent { get; private set; }
    public Guid OtherGuardian { get; private set; }
    public Guid OtherParent { get; private set; }
    public Guid Lisa { get; private set; }
    public Guid Joyce { get; private set; }
    public Guid Kees { get; private set; }
    public Guid Admin { get; private set; }
    public Guid BGroup { get; private set; }
    public Guid BPupil { get; private set; }
    public Guid BParent { get; private set; }

    public void SetNow(string local) => Clock.AdjustTime(At(local));

    protected override TimeProvider CreateClock() => Clock;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        A = await CreateSchoolAsync("zon", "Kindcentrum De Zon", phone: "030 123 45 67");
        B = await CreateSchoolAsync("maan", "Basisschool De Maan", phone: "020 765 43 21");
        G34 = await A.AddGroupAsync("Groep 3/4");
        G5 = await A.AddGroupAsync("Groep 5");
        Noor = await A.AddPupilAsync(G34, "Noor", "Jansen");
        Daan = await A.AddPupilAsync(G5, "Daan", "Jansen");
        Sem = await A.AddPupilAsync(G5, "Sem", "Bakker");
        Parent = await A.AddUserAsync("ouder@zon.test", Roles.Parent);
        OtherGuardian = await A.AddUserAsync("vader@zon.test", Roles.Parent);
        foreach (var guardian in new[] { Parent, OtherGuardian })
        {
            await A.LinkGuardianAsync(Noor, guardian);
            await A.LinkGuardianAsync(Daan, guardian);
        }
        OtherParent = await A.AddUserAsync("ander@zon.test", Roles.Parent);
        await A.LinkGuardianAsync(Sem, OtherParent);
        Lisa = await A.AddUserAsync("lisa@zon.test", Roles.Teacher);
        Joyce = await A.AddUserAsync("joyce@zon.test", Roles.Teacher);
        Kees = await A.AddUserAsync("kees@zon.test", Roles.Teacher);
        await A.AddTeacherAsync(G34, Lisa);
        await A.AddTeacherAsync(G34, Joyce);
        await A.AddTeacherAsync(G5, Kees);
        Admin = await A.AddUserAsync("directie@zon.test", Roles.SchoolAdmin);

        BGroup = await B.AddGroupAsync("Groep 3 Maan");
        BPupil = await B.AddPupilAsync(BGroup, "Bram", "Maan");
        BParent = await B.AddUserAsync("ouder@maan.test", Roles.Parent);
        await B.LinkGuardianAsync(BPupil, BParent);
        await B.AddTeacherAsync(BGroup, await B.AddUserAsync("juf@maan.test", Roles.Teacher));
        await B.AddUserAsync("directie@maan.test", Roles.SchoolAdmin);

        await InSchoolAsync(A.Id, async scope =>
        {
            var db = scope.Get<SchoolpleinDb>();
            db.AddRange(
                Closure("Zomervakantie 2026", ClosureKind.SummerHoliday, "2026-07-18", "2026-08-30"),
                Closure("Herfstvakantie", ClosureKind.Holiday, "2026-10-17", "2026-10-25"),
                Closure("Kerstvakantie", ClosureKind.Holiday, "2026-12-19", "2027-01-03"),
                Closure("Studiedag", ClosureKind.StudyDay, "2027-02-19", "2027-02-19"),
                Closure("Voorjaarsvakantie", ClosureKind.Holiday, "2027-02-20", "2027-02-28"),
                Closure("Zomervakantie 2027", ClosureKind.SummerHoliday, "2027-07-17", "2027-08-29"));
            await db.SaveChangesAsync();
        });
    }

    private static SchoolClosure Closure(string name, ClosureKind kind, string start, string end) => new()
    {
        Name = name,
        Kind = kind,
        StartDate = DateOnly.Parse(start, CultureInfo.InvariantCulture),
        EndDate = DateOnly.Parse(end, CultureInfo.InvariantCulture),
        CreatedAt = At("2026-06-01 09:00"),
    };
}
