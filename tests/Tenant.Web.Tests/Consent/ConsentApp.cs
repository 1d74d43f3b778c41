using Schoolplein.Platform.Consent;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Persistence;
using Schoolplein.Testing;

namespace Schoolplein.Tenant.Web.Tests.Consent;

/// <summary>
/// Two schools with the consent module. School A: groups 3 and 4; Sanne (with co-guardian Mark)
/// has Noor in group 3 and Daan in group 4; Yara's and Femke's parents in group 3, Bo's in group 4;
/// teacher juf3 of group 3; an admin. School B: one group, parent, teacher and admin.
/// </summary>
public class ConsentApp : SchoolApp
{
    public SchoolHandle A { get; private set; } = null!;
    public SchoolHandle B { get; private set; } = null!;

    public Guid Group3 { get; private set; }
    public Guid Group4 { get; private set; }
    public Guid Noor { get; private set; }
    public Guid Daan { get; private set; }
    public Guid Yara { get; private set; }
    public Guid Femke { get; private set; }
    public Guid Bo { get; private set; }
    public Guid Sanne { get; private set; }
    public Guid Mark { get; private set; }
    public Guid YaraParent { get; private set; }
    public Guid FemkeParent { get; private set; }
    public Guid BoParent { get; private set; }
    public Guid Teacher3 { get; private set; }
    public Guid AdminA { get; private set; }

    public Guid GroupB { get; private set; }
    public Guid PupilB { get; private set; }
    public Guid ParentB { get; private set; }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        A = await CreateSchoolAsync("zonnebloem", "Kindcentrum Zonnebloem");
        B = await CreateSchoolAsync("vlinder", "Basisschool De Vlinder");

        Group3 = await A.AddGroupAsync("Groep 3");
        Group4 = await A.AddGroupAsync("Groep 4");
        Noor = await A.AddPupilAsync(Group3, "Noor", "Jansen");
        Daan = await A.AddPupilAsync(Group4, "Daan", "Jansen");
        Yara = await A.AddPupilAsync(Group3, "Yara", "Amrani");
        Femke = await A.AddPupilAsync(Group3, "Femke", "Hof");
        Bo = await A.AddPupilAsync(Group4, "Bo", "Visser");
        Sanne = await A.AddUserAsync("sanne@ouders.test", Roles.Parent);
        Mark = await A.AddUserAsync("mark@ouders.test", Roles.Parent);
        YaraParent = await A.AddUserAsync("aisha@ouders.test", Roles.Parent);
        FemkeParent = await A.AddUserAsync("ruud@ouders.test", Roles.Parent);
        BoParent = await A.AddUserAsync("bo.ouder@ouders.test", Roles.Parent);
        await A.LinkGuardianAsync(Noor, Sanne);
        await A.LinkGuardianAsync(Noor, Mark);
        await A.LinkGuardianAsync(Daan, Sanne);
        await A.LinkGuardianAsync(Daan, Mark);
        await A.LinkGuardianAsync(Yara, YaraParent);
        await A.LinkGuardianAsync(Femke, FemkeParent);
        await A.LinkGuardianAsync(Bo, BoParent);
        Teacher3 = await A.AddUserAsync("juf3@zonnebloem.test", Roles.Teacher);
        await A.AddTeacherAsync(Group3, Teacher3);
        AdminA = await A.AddUserAsync("directie@zonnebloem.test", Roles.SchoolAdmin);

        GroupB = await B.AddGroupAsync("Groep 3 Vlinder");
        PupilB = await B.AddPupilAsync(GroupB, "Bartholomeus", "Kind");
        ParentB = await B.AddUserAsync("ouder@vlinder.test", Roles.Parent);
        await B.LinkGuardianAsync(PupilB, ParentB);
        var teacherB = await B.AddUserAsync("juf@vlinder.test", Roles.Teacher);
        await B.AddTeacherAsync(GroupB, teacherB);
        await B.AddUserAsync("directie@vlinder.test", Roles.SchoolAdmin);
    }

    public Task<Dictionary<string, Guid>> CategoriesAsync(SchoolHandle school) =>
        InSchoolAsync(school.Id, async scope =>
        {
            await scope.Get<ConsentService>().EnsureDefaultCategoriesAsync();
            return scope.Get<SchoolpleinDb>().ConsentCategories.Where(c => c.Code != null).ToDictionary(c => c.Code!, c => c.Id);
        });

    /// <summary>Records an answer through the service as the app would (and saves).</summary>
    public Task RecordAsync(SchoolHandle school, Guid pupil, string code, bool granted, Guid guardian, ConsentSource source = ConsentSource.Portal) =>
        InSchoolAsync(school.Id, async scope =>
        {
            var categories = await CategoriesAsync(school);
            var outcome = await scope.Get<ConsentService>().RecordAsync(new RecordConsent(
                pupil, categories[code], granted, source,
                source == ConsentSource.Paper ? null : guardian, source == ConsentSource.Paper ? guardian : null));
            if (!outcome.Succeeded)
            {
                throw new InvalidOperationException($"Consent refused: {outcome.Error}");
            }
        });

    public Task<long> RecordCountAsync(Guid pupil) =>
        Database.ScalarAsync<long>("SELECT count(*) FROM consent_records WHERE pupil_id = $1", pupil);
}
