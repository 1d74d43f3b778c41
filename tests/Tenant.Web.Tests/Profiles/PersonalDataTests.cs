using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Schoolplein.Platform.Identity;
using Schoolplein.Testing;
using Xunit;

namespace Schoolplein.Tenant.Web.Tests.Profiles;

public sealed class PersonalDataTests(ProfileApp app) : IClassFixture<ProfileApp>
{
    private static async Task<(JsonElement Json, string JsonText, Dictionary<string, byte[]> Files)> ExportAsync(HttpClient client)
    {
        using var response = await client.PostFormAsync("/Account/Settings/Data?handler=Export", new Dictionary<string, string>(), "/Account/Settings/Data");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("mijn-gegevens", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        var files = new Dictionary<string, byte[]>();
        foreach (var entry in zip.Entries)
        {
            using var stream = entry.Open();
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer);
            files[entry.FullName] = buffer.ToArray();
        }
        var text = System.Text.Encoding.UTF8.GetString(files["mijn-gegevens.json"]);
        return (JsonDocument.Parse(text).RootElement, text, files);
    }

    [Fact]
    public async Task TheExportHoldsMyAccountChildrenNotificationsSignUpsAndPhotoAndNothingOfOtherFamiliesOrSchools()
    {
        var group = await app.A.AddGroupAsync("Groep 5 export");
        var email = app.NewEmail("export");
        var (me, child) = await app.ParentWithChildAsync(app.A, group, email, "Roosmarijn");
        await app.Database.ExecuteAsync("UPDATE users SET first_name = 'Wilhelmina', phone_number = '+31612345678', about_me = 'Hulpouder bij het voorlezen' WHERE id = $1", me);
        // The child's other guardian and another family in the same group.
        var coParent = await app.A.AddUserAsync(app.NewEmail("coouder"));
        await app.Database.ExecuteAsync("UPDATE users SET first_name = 'Bartholomeus' WHERE id = $1", coParent);
        await app.A.LinkGuardianAsync(child, coParent);
        var otherEmail = app.NewEmail("anderegezin");
        var (otherParent, _) = await app.ParentWithChildAsync(app.A, group, otherEmail, "Zebedeus");
        await app.AddNotificationAsync(app.A, otherParent, "Bericht voor een ander gezin");
        // The same address at school B: its account and child are another controller's data.
        var (bParent, _) = await app.ParentWithChildAsync(app.B, await app.B.AddGroupAsync("Groep B"), email, "Xantippe");
        await app.AddNotificationAsync(app.B, bParent, "Bericht van school Bravo");

        await app.AddNotificationAsync(app.A, me, "Het schoolreisje gaat door");
        var admin = await app.A.AddUserAsync(app.NewEmail("directie"), Roles.SchoolAdmin);
        await app.SignUpForEventAsync(app.A, admin, group, me, "Hulpouders sportdag");
        await app.SignUpForEventAsync(app.A, admin, group, otherParent, "Luizencontrole");
        var teacher = await app.A.AddUserAsync(app.NewEmail("juf-export"), Roles.Teacher);
        await app.A.AddTeacherAsync(group, teacher);
        await app.BookConferenceAsync(app.A, admin, teacher, group, me, child);
        using var client = await app.SignedInAsync(app.A, email);
        using (await ProfileApp.UploadPhotoAsync(client, TestImages.Quadrants(200, 200)))
        {
        }

        var (json, text, files) = await ExportAsync(client);
        Assert.Equal("schoolplein.personal-data/1", json.GetProperty("format").GetString());
        Assert.Equal("alfa", json.GetProperty("school").GetProperty("slug").GetString());
        var account = json.GetProperty("account");
        Assert.Equal("Wilhelmina", account.GetProperty("firstName").GetString());
        Assert.Equal(email, account.GetProperty("email").GetString());
        Assert.Equal("+31612345678", account.GetProperty("phoneNumber").GetString());
        Assert.Equal("Hulpouder bij het voorlezen", account.GetProperty("aboutMe").GetString());
        Assert.Equal("Both", account.GetProperty("notifyBy").GetString());
        Assert.Equal("profielfoto.jpg", account.GetProperty("photo").GetString());
        Assert.Contains("Parent", account.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        var children = json.GetProperty("children").EnumerateArray().ToList();
        Assert.Single(children);
        Assert.Equal("Roosmarijn", children[0].GetProperty("firstName").GetString());
        Assert.Equal("Groep 5 export", children[0].GetProperty("group").GetString());
        Assert.Equal("Het schoolreisje gaat door", json.GetProperty("notifications")[0].GetProperty("title").GetString());
        Assert.Single(json.GetProperty("notifications").EnumerateArray());
        Assert.Equal("Hulpouders sportdag", json.GetProperty("calendar").GetProperty("signUps")[0].GetProperty("event").GetString());
        Assert.Single(json.GetProperty("calendar").GetProperty("signUps").EnumerateArray());
        Assert.Equal("Roosmarijn", json.GetProperty("conferences")[0].GetProperty("child").GetString());
        foreach (var section in new[] { "guardianshipHistory", "emails", "absenceReports", "leaveRequests", "questionMessages", "consent" })
        {
            Assert.True(json.TryGetProperty(section, out _), section);
        }
        Assert.True(json.TryGetProperty("emails", out _));
        Assert.Equal(["mijn-gegevens.json", "profielfoto.jpg"], files.Keys.Order().ToArray());
        Assert.Equal("jpeg", ImageKindOf(files["profielfoto.jpg"]));

        foreach (var foreign in new[] { "Bartholomeus", "Zebedeus", "Xantippe", otherEmail, "Bericht voor een ander gezin", "Bericht van school Bravo", "Luizencontrole", "Bravo" })
        {
            Assert.DoesNotContain(foreign, text);
        }
    }

    [Fact]
    public async Task AnExportIsOnlyForTheSignedInUserAndOnlyByPost()
    {
        using var anonymous = app.ClientFor("alfa");
        using var response = await anonymous.PostAsync("/Account/Settings/Data?handler=Export", new FormUrlEncodedContent([]));
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        var email = app.NewEmail("get");
        await app.A.AddUserAsync(email);
        using var client = await app.SignedInAsync(app.A, email);
        using var get = await client.GetAsync("/Account/Settings/Data?handler=Export");
        Assert.Equal("text/html", get.Content.Headers.ContentType?.MediaType);
    }

    private static string ImageKindOf(byte[] bytes) => Schoolplein.Platform.Blobs.FileSniffer.Sniff(bytes).ToString().ToLowerInvariant();
}
