using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Timeline;
using Schoolplein.Testing;

namespace Schoolplein.Tenant.Web.Tests.Timeline;

/// <summary>
/// School "klaproos" on a controllable clock: Groep 1/2 with Noa (two guardians who live apart)
/// and Finn (one guardian), Groep 6 with Mila; a teacher per group and an admin. School
/// "korenbloem" for cross-school checks. Addresses are unique to this fixture (smtp4dev is shared).
/// </summary>
public sealed class UrgentApp : SchoolApp
{
    /// <summary>The app's clock: starts at the tests' default instant and only moves when a test advances it.</summary>
    public FakeTimeProvider Clock { get; } = new(DefaultStart);

    public SchoolHandle A { get; private set; } = null!;
    public SchoolHandle B { get; private set; } = null!;
    public Guid G12 { get; private set; }
    public Guid G6 { get; private set; }
    public Guid Noa { get; private set; }
    public Guid Finn { get; private set; }
    public Guid Mila { get; private set; }
    public Guid MotherNoaId { get; private set; }
    public Guid FatherNoaId { get; private set; }
    public Guid ParentFinnId { get; private set; }
    public Guid ParentMilaId { get; private set; }
    public Guid AdminId { get; private set; }

    public const string MotherNoa = "moeder.noa@klaproos.test";
    public const string FatherNoa = "vader.noa@klaproos.test";
    public const string ParentFinn = "ouder.finn@klaproos.test";
    public const string ParentMila = "ouder.mila@klaproos.test";
    public const string Teacher12 = "juf12@klaproos.test";
    public const string Teacher6 = "meester6@klaproos.test";
    public const string AdminA = "directie@klaproos.test";
    public const string AdminB = "directie@korenbloem.test";
    public const string ParentB = "ouder@korenbloem.test";

    protected override TimeProvider CreateClock() => Clock;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        A = await CreateSchoolAsync("klaproos", "Kindcentrum De Klaproos");
        B = await CreateSchoolAsync("korenbloem", "Basisschool De Korenbloem");
        G12 = await A.AddGroupAsync("Groep 1/2");
        G6 = await A.AddGroupAsync("Groep 6");
        Noa = await A.AddPupilAsync(G12, "Noa", "Klaproos");
        Finn = await A.AddPupilAsync(G12, "Finn", "Klaproos");
        Mila = await A.AddPupilAsync(G6, "Mila", "Klaproos");
        MotherNoaId = await A.AddUserAsync(MotherNoa, Roles.Parent);
        FatherNoaId = await A.AddUserAsync(FatherNoa, Roles.Parent);
        ParentFinnId = await A.AddUserAsync(ParentFinn, Roles.Parent);
        ParentMilaId = await A.AddUserAsync(ParentMila, Roles.Parent);
        await A.LinkGuardianAsync(Noa, MotherNoaId);
        await A.LinkGuardianAsync(Noa, FatherNoaId);
        await A.LinkGuardianAsync(Finn, ParentFinnId);
        await A.LinkGuardianAsync(Mila, ParentMilaId);
        await A.AddTeacherAsync(G12, await A.AddUserAsync(Teacher12, Roles.Teacher));
        await A.AddTeacherAsync(G6, await A.AddUserAsync(Teacher6, Roles.Teacher));
        AdminId = await A.AddUserAsync(AdminA, Roles.SchoolAdmin);
        // The father chose push only: urgent messages reach him by e-mail all the same. Phones are private to staff.
        await Database.ExecuteAsync("UPDATE users SET notify_by = 2, phone_number = '+31612345678', phone_visible_to_parents = false WHERE id = $1", FatherNoaId);
        await Database.ExecuteAsync("UPDATE users SET phone_number = '+31687654321' WHERE id = $1", ParentFinnId);

        var bGroup = await B.AddGroupAsync("Groep 1 Korenbloem");
        var bPupil = await B.AddPupilAsync(bGroup, "Bo", "Korenbloem");
        await B.LinkGuardianAsync(bPupil, await B.AddUserAsync(ParentB, Roles.Parent));
        await B.AddUserAsync(AdminB, Roles.SchoolAdmin);
    }

    /// <summary>Signed in at klaproos, the school most tests here act in.</summary>
    public Task<HttpClient> SignedInAsync(string email) => SignedInAsync("klaproos", email);

    /// <summary>Sends an urgent message through the compose form and returns its id.</summary>
    public async Task<Guid> SendUrgentAsync(string staffEmail, string title, Guid[]? groups = null, bool schoolWide = false)
    {
        using var client = await SignedInAsync(staffEmail);
        return await TimelineApp.PublishOkAsync(client, title, "Kom uw kind vandaag om 12.00 uur ophalen.", groups, schoolWide, urgent: true, comments: false, likes: false);
    }

    /// <summary>Runs the escalation job as Hangfire would, in the school's scope, at the clock's current time.</summary>
    public Task EscalateAsync(Guid postId) =>
        InSchoolAsync(A.Id, scope => scope.Get<UrgentEscalationJob>().RunAsync(A.Id, postId, CancellationToken.None));

    public Task<long> CountAsync(string sql, params object[] parameters) => Database.ScalarAsync<long>(sql, parameters);
}
