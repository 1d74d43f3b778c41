using System.Net;
using System.Net.Http.Headers;
using Schoolplein.Platform.Identity;
using Schoolplein.Testing;
using Xunit;

namespace Schoolplein.Tenant.Web.Tests.Timeline;

/// <summary>
/// School "zonnebloem": combination group Groep 3/4 (Tim in year 3, Eva in year 4) and Groep 5
/// (Sam); a parent with a child in each group; a teacher per group and an admin. School
/// "sterrenwacht": a group, a parent and an admin, for cross-school checks. Addresses are
/// unique to this fixture because smtp4dev is shared by all tests.
/// </summary>
public class TimelineApp : SchoolApp
{
    public SchoolHandle A { get; private set; } = null!;
    public SchoolHandle B { get; private set; } = null!;
    public Guid G34 { get; private set; }
    public Guid G5 { get; private set; }
    public Guid Tim { get; private set; }
    public Guid Eva { get; private set; }
    public Guid Sam { get; private set; }
    public Guid Lotte { get; private set; }
    public Guid Sem { get; private set; }
    public Guid Teacher34 { get; private set; }
    public Guid BGroup { get; private set; }

    public const string ParentTim = "tim.ouder@zonnebloem.test";
    public const string ParentEva = "eva.ouder@zonnebloem.test";
    public const string ParentSam = "sam.ouder@zonnebloem.test";
    /// <summary>Lotte in Groep 3/4 and Sem in Groep 5.</summary>
    public const string ParentBoth = "gezin.beide@zonnebloem.test";
    public const string Teacher34Email = "juf34@zonnebloem.test";
    public const string Teacher5Email = "meester5@zonnebloem.test";
    public const string AdminEmail = "directie@zonnebloem.test";
    public const string ParentB = "ouder@sterrenwacht.test";
    public const string AdminB = "directie@sterrenwacht.test";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        A = await CreateSchoolAsync("zonnebloem", "Kindcentrum De Zonnebloem");
        B = await CreateSchoolAsync("sterrenwacht", "Basisschool De Sterrenwacht");
        G34 = await A.AddGroupAsync("Groep 3/4");
        G5 = await A.AddGroupAsync("Groep 5");
        Tim = await A.AddPupilAsync(G34, "Tim", "Drie");
        Eva = await A.AddPupilAsync(G34, "Eva", "Vier");
        Sam = await A.AddPupilAsync(G5, "Sam", "Vijf");
        Lotte = await A.AddPupilAsync(G34, "Lotte", "Beide");
        Sem = await A.AddPupilAsync(G5, "Sem", "Beide");
        await A.LinkGuardianAsync(Tim, await A.AddUserAsync(ParentTim, Roles.Parent));
        await A.LinkGuardianAsync(Eva, await A.AddUserAsync(ParentEva, Roles.Parent));
        await A.LinkGuardianAsync(Sam, await A.AddUserAsync(ParentSam, Roles.Parent));
        var both = await A.AddUserAsync(ParentBoth, Roles.Parent);
        await A.LinkGuardianAsync(Lotte, both);
        await A.LinkGuardianAsync(Sem, both);
        Teacher34 = await A.AddUserAsync(Teacher34Email, Roles.Teacher);
        await A.AddTeacherAsync(G34, Teacher34);
        await A.AddTeacherAsync(G5, await A.AddUserAsync(Teacher5Email, Roles.Teacher));
        await A.AddUserAsync(AdminEmail, Roles.SchoolAdmin);
        BGroup = await B.AddGroupAsync("Groep 3 Sterrenwacht");
        var bPupil = await B.AddPupilAsync(BGroup, "Bram", "Ster");
        await B.LinkGuardianAsync(bPupil, await B.AddUserAsync(ParentB, Roles.Parent));
        await B.AddUserAsync(AdminB, Roles.SchoolAdmin);
    }

    public sealed record Upload(string Field, string FileName, byte[] Content, string ContentType = "application/octet-stream");

    /// <summary>Posts the compose form as a browser does (multipart, antiforgery).</summary>
    public static async Task<HttpResponseMessage> PublishAsync(
        HttpClient client, string title, string body, Guid[]? groups = null, bool schoolWide = false, bool urgent = false,
        bool pinned = false, bool comments = true, bool likes = true, bool consentChecked = true, params Upload[] files)
    {
        using var content = new MultipartFormDataContent
        {
            { new StringContent(title), "Form.Title" },
            { new StringContent(body), "Form.Body" },
        };
        foreach (var group in groups ?? [])
        {
            content.Add(new StringContent(group.ToString()), "Form.GroupIds");
        }
        void Flag(string name, bool on)
        {
            if (on)
            {
                content.Add(new StringContent("true"), name);
            }
        }
        Flag("Form.SchoolWide", schoolWide);
        Flag("Form.Urgent", urgent);
        Flag("Form.Pinned", pinned);
        Flag("Form.AllowComments", comments);
        Flag("Form.AllowLikes", likes);
        Flag("Form.ConsentChecked", consentChecked);
        foreach (var file in files)
        {
            var part = new ByteArrayContent(file.Content);
            part.Headers.ContentType = new MediaTypeHeaderValue(file.ContentType);
            content.Add(part, file.Field, file.FileName);
        }
        return await client.PostMultipartAsync("/nieuws/nieuw", content);
    }

    /// <summary>Publishes and returns the new post's id (from the redirect); fails the test otherwise.</summary>
    public static async Task<Guid> PublishOkAsync(
        HttpClient client, string title, string body, Guid[]? groups = null, bool schoolWide = false, bool urgent = false,
        bool pinned = false, bool comments = true, bool likes = true, bool consentChecked = true, params Upload[] files)
    {
        using var response = await PublishAsync(client, title, body, groups, schoolWide, urgent, pinned, comments, likes, consentChecked, files);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Publishing answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
        var location = response.Headers.Location!.ToString();
        return Guid.Parse(location.Split('/')[2]);
    }

    public static Upload Photo(byte[] content, string name = "foto.jpg") => new("Photos", name, content, "image/jpeg");

    public static Upload File(byte[] content, string name, string type = "application/pdf") => new("Files", name, content, type);
}

/// <summary>The same school on its own database, for tests that count every post of the timeline.</summary>
public sealed class TimelinePagingApp : TimelineApp;
