using System.Net;
using Schoolplein.Platform.Identity;
using Schoolplein.Testing;
using SkiaSharp;
using Xunit;

namespace Schoolplein.Tenant.Web.Tests.Profiles;

public sealed class ProfilePhotoTests(ProfileApp app) : IClassFixture<ProfileApp>
{
    private Task<long> BlobCountAsync() => app.CountAsync("SELECT count(*) FROM blobs");

    [Fact]
    public async Task APhotoWithGpsIsStoredWithoutAnyExifAndTurnedUpright()
    {
        var email = app.NewEmail("foto");
        var parent = await app.A.AddUserAsync(email);
        using var client = await app.SignedInAsync(app.A, email);
        var photo = TestImages.WithExif(TestImages.Quadrants(300, 200), orientation: 6);
        Assert.True(TestImages.Contains(photo, TestImages.LatitudeSecondsBytes()));

        using var response = await ProfileApp.UploadPhotoAsync(client, photo, "IMG_0001.JPG");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Je nieuwe profielfoto is opgeslagen.", await ProfileApp.TextAsync(response));

        var blobs = new[]
        {
            await app.Database.ScalarAsync<Guid>("SELECT photo_blob_id FROM users WHERE id = $1", parent),
            await app.Database.ScalarAsync<Guid>("SELECT photo_thumbnail_blob_id FROM users WHERE id = $1", parent),
        };
        foreach (var blob in blobs)
        {
            var stored = await app.Database.ScalarAsync<byte[]>("SELECT content FROM blobs WHERE id = $1", blob);
            Assert.Equal("image/jpeg", await app.Database.ScalarAsync<string>("SELECT content_type FROM blobs WHERE id = $1", blob));
            Assert.DoesNotContain((byte)0xE1, TestImages.JpegMarkers(stored));
            Assert.False(TestImages.Contains(stored, "Exif"u8));
            Assert.False(TestImages.Contains(stored, System.Text.Encoding.ASCII.GetBytes(TestImages.CameraMake)));
            Assert.False(TestImages.Contains(stored, TestImages.LatitudeSecondsBytes()));
        }

        // Served to the owner: square crop of the upright picture (blue over yellow left, red over green right).
        using var served = await client.GetAsync($"/profielfoto/{parent}?size=large");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/jpeg", served.Content.Headers.ContentType?.MediaType);
        var bytes = await served.Content.ReadAsByteArrayAsync();
        using var bitmap = SKBitmap.Decode(bytes);
        Assert.Equal((200, 200), (bitmap.Width, bitmap.Height));
        Assert.Equal(["blue", "red", "yellow", "green"], TestImages.QuadrantColors(bytes));
        using var thumb = await client.GetAsync($"/profielfoto/{parent}");
        using var thumbBitmap = SKBitmap.Decode(await thumb.Content.ReadAsByteArrayAsync());
        Assert.Equal((128, 128), (thumbBitmap.Width, thumbBitmap.Height));
    }

    [Fact]
    public async Task ANewPhotoReplacesTheOldOneAndRemovingLeavesNoBlobs()
    {
        var email = app.NewEmail("vervang");
        var parent = await app.A.AddUserAsync(email);
        using var client = await app.SignedInAsync(app.A, email);
        using (await ProfileApp.UploadPhotoAsync(client, TestImages.Quadrants(100, 100)))
        {
        }
        var first = await app.Database.ScalarAsync<Guid>("SELECT photo_blob_id FROM users WHERE id = $1", parent);
        using (await ProfileApp.UploadPhotoAsync(client, TestImages.Quadrants(120, 100, SKEncodedImageFormat.Png), "scherm.png", "image/png"))
        {
        }
        Assert.Equal(0, await app.CountAsync("SELECT count(*) FROM blobs WHERE id = $1", first));
        var blobs = await BlobCountAsync();
        using var removed = await client.PostFormAsync("/Account/Settings/Profile?handler=RemovePhoto", new Dictionary<string, string>(), "/Account/Settings/Profile");
        Assert.Contains("Je profielfoto is verwijderd.", await ProfileApp.TextAsync(removed));
        Assert.Equal(blobs - 2, await BlobCountAsync());
        Assert.Equal(0, await app.CountAsync("SELECT count(*) FROM users WHERE id = $1 AND (photo_blob_id IS NOT NULL OR photo_thumbnail_blob_id IS NOT NULL)", parent));
    }

    public static TheoryData<string, byte[], string, string, string> Refused => new()
    {
        { "tekst als .jpg", "Dit is geen foto, maar een boodschappenlijstje."u8.ToArray(), "vakantie.jpg", "image/jpeg", "Dit bestand is geen foto." },
        { "pdf als .png", "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj"u8.ToArray(), "foto.png", "image/png", "Dit bestand is geen foto." },
        { "html als .webp", "<html><script>alert(1)</script></html>"u8.ToArray(), "foto.webp", "image/webp", "Dit bestand is geen foto." },
        { "te groot", TestImages.Photo(600, 600, quality: 100), "groot.jpg", "image/jpeg", "Deze foto is te groot. Het maximum is 300 kB." },
        { "heic", TestImages.Heic(), "IMG_0002.HEIC", "image/heic", "HEIC-foto's (iPhone) kunnen we nog niet lezen" },
        { "gif", "GIF89a"u8.ToArray().Concat(new byte[64]).ToArray(), "bewegend.gif", "image/gif", "Dit soort afbeelding kunnen we niet gebruiken" },
        { "leeg", [], "leeg.jpg", "image/jpeg", "Kies een foto om te uploaden." },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task AnUploadThatIsNotAUsablePhotoIsRefusedWithAMessageAndNothingIsStored(string what, byte[] content, string fileName, string contentType, string message)
    {
        if (what == "te groot")
        {
            Assert.True(content.Length > ProfileApp.MaxUploadBytes, $"{content.Length} bytes is not over the cap");
        }
        var email = app.NewEmail("fout");
        var parent = await app.A.AddUserAsync(email);
        using var client = await app.SignedInAsync(app.A, email);
        var blobs = await BlobCountAsync();

        using var response = await ProfileApp.UploadPhotoAsync(client, content, fileName, contentType);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, await ProfileApp.TextAsync(response));
        Assert.Equal(blobs, await BlobCountAsync());
        Assert.Equal(0, await app.CountAsync("SELECT count(*) FROM users WHERE id = $1 AND photo_blob_id IS NOT NULL", parent));
    }

    [Fact]
    public async Task APhotoIsVisibleToItsOwnerStaffAndParentsOfTheSameGroupOnly()
    {
        var g1 = await app.A.AddGroupAsync("Groep 4 foto");
        var g2 = await app.A.AddGroupAsync("Groep 6 foto");
        var ownerEmail = app.NewEmail("eigenaar");
        var (owner, _) = await app.ParentWithChildAsync(app.A, g1, ownerEmail, "Fenna");
        var classmateEmail = app.NewEmail("klasgenoot");
        await app.ParentWithChildAsync(app.A, g1, classmateEmail, "Gijs");
        var otherGroupEmail = app.NewEmail("anderegroep");
        await app.ParentWithChildAsync(app.A, g2, otherGroupEmail, "Hidde");
        var archivedEmail = app.NewEmail("vertrokken");
        var (_, archivedChild) = await app.ParentWithChildAsync(app.A, g1, archivedEmail, "Isa");
        await app.Database.ExecuteAsync("UPDATE pupils SET archived_at = now() WHERE id = $1", archivedChild);
        var noChildEmail = app.NewEmail("zonderkind");
        await app.A.AddUserAsync(noChildEmail);
        var teacherOtherGroupEmail = app.NewEmail("juf");
        var teacher = await app.A.AddUserAsync(teacherOtherGroupEmail, Roles.Teacher);
        await app.A.AddTeacherAsync(g2, teacher);
        var adminEmail = app.NewEmail("directie");
        await app.A.AddUserAsync(adminEmail, Roles.SchoolAdmin);
        // The same address at school B, with its own account: still nothing of school A.
        await app.B.AddUserAsync(classmateEmail, Roles.Parent);

        using (var ownerClient = await app.SignedInAsync(app.A, ownerEmail))
        using (await ProfileApp.UploadPhotoAsync(ownerClient, TestImages.Quadrants(200, 200)))
        {
            Assert.Equal(HttpStatusCode.OK, (await ownerClient.GetAsync($"/profielfoto/{owner}")).StatusCode);
        }

        async Task<HttpStatusCode> StatusForAsync(SchoolHandle school, string email)
        {
            using var client = await app.SignedInAsync(school, email);
            using var large = await client.GetAsync($"/profielfoto/{owner}?size=large");
            using var small = await client.GetAsync($"/profielfoto/{owner}");
            Assert.Equal(large.StatusCode, small.StatusCode);
            return large.StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await StatusForAsync(app.A, classmateEmail));
        Assert.Equal(HttpStatusCode.OK, await StatusForAsync(app.A, teacherOtherGroupEmail));
        Assert.Equal(HttpStatusCode.OK, await StatusForAsync(app.A, adminEmail));
        Assert.Equal(HttpStatusCode.NotFound, await StatusForAsync(app.A, otherGroupEmail));
        Assert.Equal(HttpStatusCode.NotFound, await StatusForAsync(app.A, archivedEmail));
        Assert.Equal(HttpStatusCode.NotFound, await StatusForAsync(app.A, noChildEmail));
        Assert.Equal(HttpStatusCode.NotFound, await StatusForAsync(app.B, classmateEmail));

        using var anonymous = app.ClientFor("alfa");
        using var signedOut = await anonymous.GetAsync($"/profielfoto/{owner}");
        Assert.NotEqual(HttpStatusCode.OK, signedOut.StatusCode);
    }

    [Fact]
    public async Task ATeachersPhotoIsVisibleToParentsOfTheirGroupsOnly()
    {
        var g1 = await app.A.AddGroupAsync("Groep 7 foto");
        var g2 = await app.A.AddGroupAsync("Groep 8 foto");
        var teacherEmail = app.NewEmail("meester");
        var teacher = await app.A.AddUserAsync(teacherEmail, Roles.Teacher);
        await app.A.AddTeacherAsync(g1, teacher);
        var inGroupEmail = app.NewEmail("ouder7");
        await app.ParentWithChildAsync(app.A, g1, inGroupEmail, "Jip");
        var otherEmail = app.NewEmail("ouder8");
        await app.ParentWithChildAsync(app.A, g2, otherEmail, "Kees");
        using (var teacherClient = await app.SignedInAsync(app.A, teacherEmail))
        using (await ProfileApp.UploadPhotoAsync(teacherClient, TestImages.Quadrants(200, 200)))
        {
        }
        using var inGroup = await app.SignedInAsync(app.A, inGroupEmail);
        Assert.Equal(HttpStatusCode.OK, (await inGroup.GetAsync($"/profielfoto/{teacher}")).StatusCode);
        using var other = await app.SignedInAsync(app.A, otherEmail);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/profielfoto/{teacher}")).StatusCode);
    }
}
