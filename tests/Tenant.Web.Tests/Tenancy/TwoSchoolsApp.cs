using Schoolplein.Platform.Blobs;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Modules;
using Schoolplein.Platform.Timeline;
using Schoolplein.Testing;

namespace Schoolplein.Tenant.Web.Tests.Tenancy;

/// <summary>Two schools with the same shape of data: a group, a teacher, an admin, a parent and a child each.</summary>
public class TwoSchoolsApp : SchoolApp
{
    public SchoolHandle A { get; private set; } = null!;
    public SchoolHandle B { get; private set; } = null!;
    public People InA { get; private set; } = null!;
    public People InB { get; private set; } = null!;

    public sealed record People(
        Guid GroupId, Guid PupilId, string PupilName, Guid ParentId, string ParentEmail,
        Guid TeacherId, string TeacherEmail, Guid AdminId, string AdminEmail);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        A = await CreateSchoolAsync("alfa", "Basisschool Alfa", modules: [SchoolModules.Conferences, SchoolModules.Leave, SchoolModules.Calendar, SchoolModules.Absence, SchoolModules.Questions, SchoolModules.Consent], color: "#0B6E5F", phone: "030 111 11 11");
        B = await CreateSchoolAsync("bravo", "Kindcentrum Bravo", modules: [SchoolModules.Leave], color: "#A63D12", phone: "020 222 22 22");
        InA = await SeedAsync(A, "Annabel");
        InB = await SeedAsync(B, "Bartholomeus");
        await SeedPostAsync(A, InA);
        await SeedPostAsync(B, InB);
    }

    /// <summary>An urgent group post with a photo and a file, so id routes of the timeline have rows in both schools.</summary>
    private Task SeedPostAsync(SchoolHandle school, People people) =>
        InSchoolAsync(school.Id, async scope =>
        {
            var result = await scope.Get<TimelineService>().PublishAsync(
                new PostDraft($"Nieuws van {school.Name}", "Tekst.", false, [people.GroupId], Urgent: true, Pinned: false,
                    AllowComments: true, AllowLikes: true, [new UploadedFile("foto.jpg", TestFiles.Jpeg())], [new UploadedFile("brief.pdf", TestFiles.Pdf())]),
                scope.ActAs(people.TeacherId, Roles.Teacher), CancellationToken.None);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(string.Join(", ", result.Problems.Select(p => p.Key)));
            }
        });

    private static async Task<People> SeedAsync(SchoolHandle school, string pupilName)
    {
        var group = await school.AddGroupAsync($"Groep 3 {school.Slug}");
        var pupil = await school.AddPupilAsync(group, pupilName, "Kind");
        var parentEmail = $"ouder@{school.Slug}.test";
        var parent = await school.AddUserAsync(parentEmail, Roles.Parent);
        await school.LinkGuardianAsync(pupil, parent);
        var teacherEmail = $"juf@{school.Slug}.test";
        var teacher = await school.AddUserAsync(teacherEmail, Roles.Teacher);
        await school.AddTeacherAsync(group, teacher);
        var adminEmail = $"directie@{school.Slug}.test";
        var admin = await school.AddUserAsync(adminEmail, Roles.SchoolAdmin);
        return new People(group, pupil, $"{pupilName} Kind", parent, parentEmail, teacher, teacherEmail, admin, adminEmail);
    }
}
