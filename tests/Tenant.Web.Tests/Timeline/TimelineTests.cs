using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Schoolplein.Platform.Consent;
using Schoolplein.Platform.Persistence;
using Schoolplein.Testing;
using SkiaSharp;
using Xunit;
using static Schoolplein.Tenant.Web.Tests.Timeline.TimelineApp;

namespace Schoolplein.Tenant.Web.Tests.Timeline;

public sealed class TimelineTests(TimelineApp app) : IClassFixture<TimelineApp>
{
    /// <summary>Stored blobs other than the files held for a writer's next try after a refused post.</summary>
    private const string PostBlobs = "SELECT count(*) FROM blobs WHERE id NOT IN (SELECT blob_id FROM pending_uploads)";

    private async Task<string> TimelineOfAsync(string email, string path = "/")
    {
        using var client = await app.SignedInAsync("zonnebloem", email);
        return await client.GetStringAsync(path);
    }

    [Fact]
    public async Task ParentsSeeSchoolNewsAndTheNewsOfTheirChildrensGroupsOnly()
    {
        using var teacher = await app.SignedInAsync("zonnebloem", Teacher34Email);
        await PublishOkAsync(teacher, "Gymles 3/4 verplaatst", "De gymles is nu op woensdag.", [app.G34]);
        using var admin = await app.SignedInAsync("zonnebloem", AdminEmail);
        await PublishOkAsync(admin, "Schoolfeest voor iedereen", "Vrijdag is het schoolfeest.", schoolWide: true);

        var tim = await TimelineOfAsync(ParentTim);
        Assert.Contains("Gymles 3/4 verplaatst", tim);
        Assert.Contains("Schoolfeest voor iedereen", tim);
        var sam = await TimelineOfAsync(ParentSam);
        Assert.DoesNotContain("Gymles 3/4 verplaatst", sam);
        Assert.Contains("Schoolfeest voor iedereen", sam);
        var otherTeacher = await TimelineOfAsync(Teacher5Email);
        Assert.DoesNotContain("Gymles 3/4 verplaatst", otherTeacher);
        Assert.Contains("Gymles 3/4 verplaatst", await TimelineOfAsync(AdminEmail));
    }

    [Fact]
    public async Task APostToACombinationGroupReachesTheParentsOfBothYearGroups()
    {
        using var teacher = await app.SignedInAsync("zonnebloem", Teacher34Email);
        await PublishOkAsync(teacher, "Combinatiegroep leest voor", "Groep 3 en 4 lezen samen voor.", [app.G34]);
        Assert.Contains("Combinatiegroep leest voor", await TimelineOfAsync(ParentTim));
        Assert.Contains("Combinatiegroep leest voor", await TimelineOfAsync(ParentEva));
        await app.Mail.WaitForMessageAsync(ParentTim, m => m.Subject.Contains("Combinatiegroep leest voor"));
        await app.Mail.WaitForMessageAsync(ParentEva, m => m.Subject.Contains("Combinatiegroep leest voor"));
        Assert.DoesNotContain(await app.Mail.MessagesToAsync(ParentSam), m => m.Subject.Contains("Combinatiegroep leest voor"));
    }

    [Fact]
    public async Task TheFilterPerChildShowsSchoolNewsAndThatChildsGroupOnly()
    {
        using var teacher34 = await app.SignedInAsync("zonnebloem", Teacher34Email);
        await PublishOkAsync(teacher34, "Filter: nieuws van 3/4", "Voor groep 3/4.", [app.G34]);
        using var teacher5 = await app.SignedInAsync("zonnebloem", Teacher5Email);
        await PublishOkAsync(teacher5, "Filter: nieuws van 5", "Voor groep 5.", [app.G5]);

        var all = await TimelineOfAsync(ParentBoth);
        Assert.Contains("Filter: nieuws van 3/4", all);
        Assert.Contains("Filter: nieuws van 5", all);
        var lotte = await TimelineOfAsync(ParentBoth, $"/?child={app.Lotte}");
        Assert.Contains("Filter: nieuws van 3/4", lotte);
        Assert.DoesNotContain("Filter: nieuws van 5", lotte);
        var sem = await TimelineOfAsync(ParentBoth, $"/?child={app.Sem}");
        Assert.DoesNotContain("Filter: nieuws van 3/4", sem);
        Assert.Contains("Filter: nieuws van 5", sem);

        // Another family's child is not a filter this parent can use.
        using var client = await app.SignedInAsync("zonnebloem", ParentBoth);
        using var foreign = await client.GetAsync($"/?child={app.Tim}");
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
    }

    [Fact]
    public async Task ARichTextBodyIsSanitisedBeforeItIsStored()
    {
        using var teacher = await app.SignedInAsync("zonnebloem", Teacher34Email);
        var id = await PublishOkAsync(teacher, "Opgeschoond bericht",
            "<p onclick=\"alert(1)\"><strong>Belangrijk</strong></p><script>alert('xss')</script><img src=x onerror=alert(2)>"
            + "<a href=\"javascript:alert(3)\">klik</a><iframe src=\"https://evil.example\"></iframe>", [app.G34]);
        var stored = await app.Database.ScalarAsync<string>("SELECT body_html FROM posts WHERE id = $1", id);
        Assert.Contains("<strong>Belangrijk</strong>", stored);
        foreach (var bad in new[] { "<script", "onclick", "onerror", "javascript:", "<iframe", "<img" })
        {
            Assert.DoesNotContain(bad, stored, StringComparison.OrdinalIgnoreCase);
        }
        var page = await TimelineOfAsync(ParentTim, $"/nieuws/{id}");
        Assert.DoesNotContain("alert('xss')", page);
    }

    [Fact]
    public async Task ComposeFormRejectsBadInputWithClearMessagesAndSavesNothing()
    {
        using var teacher = await app.SignedInAsync("zonnebloem", Teacher34Email);
        async Task<string> ErrorAsync(HttpResponseMessage response)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.HtmlAsync();
            return html.QuerySelector(".errors")?.TextContent ?? throw new InvalidOperationException("no error shown");
        }
        var before = await app.Database.ScalarAsync<long>("SELECT count(*) FROM posts");
        var blobsBefore = await app.Database.ScalarAsync<long>(PostBlobs);

        Assert.Contains("Vul een titel in.", await ErrorAsync(await PublishAsync(teacher, "  ", "Tekst", [app.G34])));
        Assert.Contains("Schrijf het bericht.", await ErrorAsync(await PublishAsync(teacher, "Titel", "<p> </p><script>x</script>", [app.G34])));
        Assert.Contains("Kies voor wie het bericht is", await ErrorAsync(await PublishAsync(teacher, "Titel", "Tekst")));
        Assert.Contains("Alleen de schoolleiding kan een bericht aan de hele school sturen",
            await ErrorAsync(await PublishAsync(teacher, "Titel", "Tekst", schoolWide: true)));
        Assert.Contains("Je kunt alleen berichten plaatsen in je eigen groepen.",
            await ErrorAsync(await PublishAsync(teacher, "Titel", "Tekst", [app.G5])));
        Assert.Contains("Je kunt alleen berichten plaatsen in je eigen groepen.",
            await ErrorAsync(await PublishAsync(teacher, "Titel", "Tekst", [app.BGroup])));
        Assert.Contains("De titel mag hoogstens 200 tekens lang zijn.",
            await ErrorAsync(await PublishAsync(teacher, new string('x', 201), "Tekst", [app.G34])));
        Assert.Contains("‘rapport.jpg’ is geen foto die we kunnen lezen",
            await ErrorAsync(await PublishAsync(teacher, "Titel", "Tekst", [app.G34], files: Photo(TestFiles.Pdf(), "rapport.jpg"))));
        Assert.Contains("‘virus.pdf’ kan niet als bijlage",
            await ErrorAsync(await PublishAsync(teacher, "Titel", "Tekst", [app.G34], files: File("MZ not a pdf"u8.ToArray(), "virus.pdf"))));
        Assert.Contains("Een bericht kan hoogstens 10 foto's hebben.",
            await ErrorAsync(await PublishAsync(teacher, "Titel", "Tekst", [app.G34],
                files: Enumerable.Range(0, 11).Select(i => Photo(TestFiles.Png(), $"f{i}.png")).ToArray())));
        Assert.Contains("Het formulier bevat een ongeldige keuze.", await ErrorAsync(await teacher.PostFormAsync("/nieuws/nieuw", new Dictionary<string, string>
        {
            ["Form.Title"] = "Titel", ["Form.Body"] = "Tekst", ["Form.GroupIds"] = "geen-id",
        })));
        Assert.Contains("Het bestand ‘groot.pdf’ is te groot (hoogstens 10 MB).",
            await ErrorAsync(await PublishAsync(teacher, "Titel", "Tekst", [app.G34], files: File(TestFiles.Pdf().Concat(new byte[10 * 1024 * 1024]).ToArray(), "groot.pdf"))));
        Assert.Contains("De foto ‘reus.jpg’ is te groot (hoogstens 15 MB).",
            await ErrorAsync(await PublishAsync(teacher, "Titel", "Tekst", [app.G34], files: Photo(new byte[15 * 1024 * 1024 + 1], "reus.jpg"))));
        // A valid photo with an invalid file: no post, and nothing stored but the photo held for the next try.
        Assert.Contains("kan niet als bijlage", await ErrorAsync(await PublishAsync(teacher, "Titel", "Tekst", [app.G34],
            files: [Photo(TestFiles.Jpeg()), File(Encoding.UTF8.GetBytes("tekst"), "brief.docx")])));

        Assert.Equal(before, await app.Database.ScalarAsync<long>("SELECT count(*) FROM posts"));
        Assert.Equal(blobsBefore, await app.Database.ScalarAsync<long>(PostBlobs));
    }

    [Fact]
    public async Task PhotosAreStoredUprightResizedAndWithoutExifOrGps()
    {
        using var teacher = await app.SignedInAsync("zonnebloem", Teacher34Email);
        var id = await PublishOkAsync(teacher, "Foto's van het uitje", "Kijk eens!", [app.G34],
            files: Photo(TestFiles.JpegWithExif(2400, 1200, orientation: 6), "IMG_0001.JPG"));
        var photoId = await app.Database.ScalarAsync<Guid>("SELECT id FROM post_photos WHERE post_id = $1", id);

        using var parent = await app.SignedInAsync("zonnebloem", ParentTim);
        var large = await parent.GetByteArrayAsync($"/nieuws/{id}/foto/{photoId}");
        var small = await parent.GetByteArrayAsync($"/nieuws/{id}/foto/{photoId}/klein");
        using (var bitmap = SKBitmap.Decode(large))
        {
            Assert.Equal((800, 1600), (bitmap.Width, bitmap.Height));
        }
        using (var bitmap = SKBitmap.Decode(small))
        {
            Assert.Equal(480, Math.Max(bitmap.Width, bitmap.Height));
        }
        // The upload did carry EXIF with a GPS block; what is served has no metadata segment at all.
        var original = TestFiles.JpegWithExif(2400, 1200, orientation: 6);
        Assert.Contains(TestFiles.ExifMarker, Encoding.ASCII.GetString(original));
        Assert.Contains(JpegSegments(original), m => m == 0xE1);
        foreach (var bytes in new[] { large, small })
        {
            var text = Encoding.ASCII.GetString(bytes);
            Assert.DoesNotContain(TestFiles.ExifMarker, text);
            Assert.DoesNotContain("Exif", text);
            Assert.DoesNotContain(JpegSegments(bytes), m => m is 0xE1 or 0xED);
        }
        var page = await parent.GetStringAsync("/");
        Assert.Contains($"/nieuws/{id}/foto/{photoId}/klein", page);
    }

    /// <summary>The markers of a JPEG's header segments up to the image data (APP1 = EXIF/XMP incl. GPS, APP13 = IPTC).</summary>
    private static List<byte> JpegSegments(byte[] jpeg)
    {
        var markers = new List<byte>();
        var i = 2;
        while (i + 4 <= jpeg.Length && jpeg[i] == 0xFF && jpeg[i + 1] != 0xDA)
        {
            markers.Add(jpeg[i + 1]);
            i += 2 + (jpeg[i + 2] << 8 | jpeg[i + 3]);
        }
        return markers;
    }

    private Task GrantPortalConsentAsync(Guid pupil, Guid guardian) =>
        app.InSchoolAsync(app.A.Id, async scope =>
        {
            var consent = scope.Get<ConsentService>();
            await consent.EnsureDefaultCategoriesAsync();
            var db = scope.Get<SchoolpleinDb>();
            var portal = await db.ConsentCategories.Where(c => c.Code == ConsentCategoryCodes.Portal).Select(c => c.Id).SingleAsync();
            Assert.True((await consent.RecordAsync(new RecordConsent(pupil, portal, true, ConsentSource.Portal, guardian))).Succeeded);
        });

    [Fact]
    public async Task StaffAreToldWhichChildrenHaveNoPhotoConsentBeforePhotosArePublished()
    {
        var timParent = await app.Database.ScalarAsync<Guid>("SELECT user_id FROM guardianships WHERE pupil_id = $1", app.Tim);
        await GrantPortalConsentAsync(app.Tim, timParent);
        using var teacher = await app.SignedInAsync("zonnebloem", Teacher34Email);

        // On the form, before anything is posted: the teacher's groups only, children with consent left out.
        var form = await teacher.GetHtmlAsync("/nieuws/nieuw");
        var panel = form.QuerySelector("#photo-consent")?.TextContent ?? throw new InvalidOperationException("no consent panel");
        Assert.Contains("Eva Vier", panel);
        Assert.Contains("Lotte Beide", panel);
        Assert.DoesNotContain("Tim Drie", panel);
        Assert.DoesNotContain("Sam Vijf", panel);
        Assert.NotNull(form.QuerySelector("input[name='Form.ConsentChecked']"));

        // Photos without confirming: refused with the names, nothing saved.
        var before = await app.Database.ScalarAsync<long>("SELECT count(*) FROM posts");
        var blobsBefore = await app.Database.ScalarAsync<long>(PostBlobs);
        using (var refused = await PublishAsync(teacher, "Foto's zonder controle", "Tekst.", [app.G34], consentChecked: false, files: Photo(TestFiles.Jpeg())))
        {
            var error = (await refused.HtmlAsync()).QuerySelector(".errors")?.TextContent ?? "";
            Assert.Contains("Geen toestemming voor foto's op het ouderportaal: Eva Vier, Lotte Beide.", error);
        }
        Assert.Equal(before, await app.Database.ScalarAsync<long>("SELECT count(*) FROM posts"));
        Assert.Equal(blobsBefore, await app.Database.ScalarAsync<long>(PostBlobs));

        // Without photos nothing needs confirming; with the confirmation the photos go out.
        await PublishOkAsync(teacher, "Alleen tekst, geen controle nodig", "Tekst.", [app.G34], consentChecked: false);
        var id = await PublishOkAsync(teacher, "Foto's na controle", "Tekst.", [app.G34], consentChecked: true, files: Photo(TestFiles.Jpeg()));

        // Adding photos later asks the same.
        using var content = new MultipartFormDataContent
        {
            { new StringContent("Foto's na controle"), "Form.Title" },
            { new StringContent("Tekst."), "Form.Body" },
        };
        var part = new ByteArrayContent(TestFiles.Jpeg());
        part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/jpeg");
        content.Add(part, "Photos", "extra.jpg");
        using (var edit = await teacher.PostMultipartAsync($"/nieuws/{id}/bewerken", content))
        {
            Assert.Contains("Eva Vier, Lotte Beide", (await edit.HtmlAsync()).QuerySelector(".errors")?.TextContent ?? "");
        }
        Assert.Equal(1L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM post_photos WHERE post_id = $1", id));
    }

    [Fact]
    public async Task PhotosChosenBeforeTheConsentQuestionStayChosenUntilTheBoxIsTicked()
    {
        using var teacher = await app.SignedInAsync("zonnebloem", Teacher34Email);
        // Groep 3/4 holds children without photo consent, so photos need the confirmation.
        using var refused = await PublishAsync(teacher, "Uitje naar de kinderboerderij", "Kijk eens wat we zagen!", [app.G34],
            consentChecked: false, files: Photo(TestFiles.JpegWithExif(1200, 800, orientation: 1), "boerderij.jpg"));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await refused.HtmlAsync();
        Assert.Contains("Geen toestemming voor foto's op het ouderportaal", page.QuerySelector(".errors")?.TextContent ?? "");
        var form = page.QuerySelector("form[enctype='multipart/form-data']") ?? throw new InvalidOperationException("no compose form");
        var kept = form.QuerySelectorAll("input[name='Form.KeptUploadIds']").ToList();
        var keep = Assert.Single(kept);
        Assert.True(keep.HasAttribute("checked"));
        Assert.Contains("boerderij.jpg", form.TextContent);
        var heldId = Guid.Parse(keep.GetAttribute("value")!);
        Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM posts WHERE title = 'Uitje naar de kinderboerderij'"));

        // The held photo is the writer's alone, already without its EXIF/GPS block.
        var preview = await teacher.GetByteArrayAsync($"/nieuws/bewaard/{heldId}");
        Assert.DoesNotContain(TestFiles.ExifMarker, Encoding.ASCII.GetString(preview));
        using var otherTeacher = await app.SignedInAsync("zonnebloem", Teacher5Email);
        using (var notTheirs = await otherTeacher.GetAsync($"/nieuws/bewaard/{heldId}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, notTheirs.StatusCode);
        }
        using var otherSchool = await app.SignedInAsync("sterrenwacht", AdminB);
        using (var otherSchoolsView = await otherSchool.GetAsync($"/nieuws/bewaard/{heldId}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, otherSchoolsView.StatusCode);
        }
        // Another writer sending the id along gets a post without that photo.
        using var admin = await app.SignedInAsync("zonnebloem", AdminEmail);
        using (var stolen = new MultipartFormDataContent
        {
            { new StringContent("Met andermans foto"), "Form.Title" },
            { new StringContent("Tekst."), "Form.Body" },
            { new StringContent(app.G5.ToString()), "Form.GroupIds" },
            { new StringContent("true"), "Form.ConsentChecked" },
            { new StringContent(heldId.ToString()), "Form.KeptUploadIds" },
        })
        using (var other = await admin.PostMultipartAsync("/nieuws/nieuw", stolen))
        {
            Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
            var otherId = Guid.Parse(other.Headers.Location!.ToString().Split('/')[2]);
            Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM post_photos WHERE post_id = $1", otherId));
        }

        // The writer ticks the box and sends the form as it came back, choosing nothing again: published with the photo.
        var fields = Forms.FieldsOf(form).Where(f => f.Key != "Form.ConsentChecked").ToList();
        fields.Add(new("Form.ConsentChecked", "true"));
        using var published = await teacher.SubmitAsync("/nieuws/nieuw", fields, multipart: true);
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var id = Guid.Parse(published.Headers.Location!.ToString().Split('/')[2]);
        Assert.Equal("Uitje naar de kinderboerderij", await app.Database.ScalarAsync<string>("SELECT title FROM posts WHERE id = $1", id));
        var photoId = await app.Database.ScalarAsync<Guid>("SELECT id FROM post_photos WHERE post_id = $1", id);
        using var parent = await app.SignedInAsync("zonnebloem", ParentTim);
        var large = await parent.GetByteArrayAsync($"/nieuws/{id}/foto/{photoId}");
        using (var bitmap = SKBitmap.Decode(large))
        {
            Assert.Equal((1200, 800), (bitmap.Width, bitmap.Height));
        }
        Assert.DoesNotContain(TestFiles.ExifMarker, Encoding.ASCII.GetString(large));
    }

    [Fact]
    public async Task AFileChosenWithAPostThatLacksATitleIsKeptForTheNextTryAndAnUnreadablePhotoIsNamed()
    {
        using var teacher = await app.SignedInAsync("zonnebloem", Teacher34Email);
        using var refused = await PublishAsync(teacher, "", "Het programma zit erbij.", [app.G34],
            files: [File(TestFiles.Pdf(), "programma.pdf"), Photo(TestFiles.Pdf(), "kapot.jpg")]);
        var page = await refused.HtmlAsync();
        var errors = page.QuerySelector(".errors")?.TextContent ?? "";
        Assert.Contains("Vul een titel in.", errors);
        Assert.Contains("‘kapot.jpg’ is geen foto die we kunnen lezen", errors);
        var form = page.QuerySelector("form[enctype='multipart/form-data']")!;
        Assert.Single(form.QuerySelectorAll("input[name='Form.KeptUploadIds']"));
        Assert.Contains("programma.pdf", form.TextContent);
        Assert.DoesNotContain("kapot.jpg", form.TextContent);

        var fields = Forms.FieldsOf(form).Where(f => f.Key != "Form.Title").ToList();
        fields.Add(new("Form.Title", "Programma van de week"));
        using var published = await teacher.SubmitAsync("/nieuws/nieuw", fields, multipart: true);
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var id = Guid.Parse(published.Headers.Location!.ToString().Split('/')[2]);
        Assert.Equal("programma.pdf", await app.Database.ScalarAsync<string>("SELECT file_name FROM post_attachments WHERE post_id = $1", id));
        Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM post_photos WHERE post_id = $1", id));
    }

    [Fact]
    public async Task TheComposeFormDefaultsLikesOnAndCommentsOnForGroupPostsButOffForTheWholeSchool()
    {
        static bool Checked(AngleSharp.Dom.IDocument page, string name) =>
            page.QuerySelector($"input[name='{name}']")?.HasAttribute("checked") ?? throw new InvalidOperationException(name);
        using var teacher = await app.SignedInAsync("zonnebloem", Teacher34Email);
        var group = await teacher.GetHtmlAsync("/nieuws/nieuw");
        Assert.True(Checked(group, "Form.AllowLikes"));
        Assert.True(Checked(group, "Form.AllowComments"));
        Assert.Null(group.QuerySelector("input[name='Form.SchoolWide']"));
        using var admin = await app.SignedInAsync("zonnebloem", AdminEmail);
        var school = await admin.GetHtmlAsync("/nieuws/nieuw");
        Assert.True(Checked(school, "Form.SchoolWide"));
        Assert.True(Checked(school, "Form.AllowLikes"));
        Assert.False(Checked(school, "Form.AllowComments"));
        var urgent = await admin.GetHtmlAsync("/nieuws/nieuw?spoed=true");
        Assert.True(Checked(urgent, "Form.Urgent"));
        Assert.False(Checked(urgent, "Form.AllowComments"));
    }

    [Fact]
    public async Task AttachmentsAreCheckedByContentAndDownloadUnchanged()
    {
        using var teacher = await app.SignedInAsync("zonnebloem", Teacher34Email);
        var pdf = TestFiles.Pdf("Schoolreis");
        var id = await PublishOkAsync(teacher, "Brief over de schoolreis", "Zie de bijlage.", [app.G34],
            files: [File(pdf, "C:\\fakepath\\schoolreis.pdf"), File(TestFiles.Docx(), "lijst.docx", "application/octet-stream")]);
        var attachmentId = await app.Database.ScalarAsync<Guid>("SELECT id FROM post_attachments WHERE post_id = $1 AND file_name = 'schoolreis.pdf'", id);
        using var parent = await app.SignedInAsync("zonnebloem", ParentEva);
        using var response = await parent.GetAsync($"/nieuws/{id}/bijlage/{attachmentId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal(pdf, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            await app.Database.ScalarAsync<string>("SELECT content_type FROM post_attachments WHERE post_id = $1 AND file_name = 'lijst.docx'", id));
    }

    [Fact]
    public async Task NobodyOpensAPostPhotoOrFileOfAGroupWithoutTheirChildNorOfAnotherSchool()
    {
        using var teacher = await app.SignedInAsync("zonnebloem", Teacher34Email);
        var id = await PublishOkAsync(teacher, "Alleen voor 3/4 met foto", "Geheim voor 3/4.", [app.G34],
            files: [Photo(TestFiles.Jpeg()), File(TestFiles.Pdf(), "brief.pdf")]);
        var photoId = await app.Database.ScalarAsync<Guid>("SELECT id FROM post_photos WHERE post_id = $1", id);
        var fileId = await app.Database.ScalarAsync<Guid>("SELECT id FROM post_attachments WHERE post_id = $1", id);
        string[] urls = [$"/nieuws/{id}", $"/nieuws/{id}/foto/{photoId}", $"/nieuws/{id}/foto/{photoId}/klein", $"/nieuws/{id}/bijlage/{fileId}", $"/nieuws/{id}/bewerken"];

        using var owner = await app.SignedInAsync("zonnebloem", ParentTim);
        foreach (var url in urls.Take(4))
        {
            using var ok = await owner.GetAsync(url);
            Assert.True(ok.StatusCode == HttpStatusCode.OK, $"{url} for the group's parent: {(int)ok.StatusCode}");
        }
        using var sam = await app.SignedInAsync("zonnebloem", ParentSam);
        using var teacher5 = await app.SignedInAsync("zonnebloem", Teacher5Email);
        using var otherSchoolParent = await app.SignedInAsync("sterrenwacht", ParentB);
        using var otherSchoolAdmin = await app.SignedInAsync("sterrenwacht", AdminB);
        foreach (var (client, staff) in new[] { (sam, false), (teacher5, true), (otherSchoolParent, false), (otherSchoolAdmin, true) })
        {
            // The edit page is for staff only (parents are refused by role); the rest answers 404.
            foreach (var url in staff ? urls : urls.Take(4))
            {
                using var response = await client.GetAsync(url);
                Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url}: {(int)response.StatusCode}");
            }
            // The like and comment handlers answer 404 too.
            using var like = await client.PostFormAsync($"/nieuws/{id}?handler=Like", new Dictionary<string, string>(), "/");
            Assert.Equal(HttpStatusCode.NotFound, like.StatusCode);
        }
        // An archived child's parent loses the group's news.
        await app.Database.ExecuteAsync("UPDATE pupils SET archived_at = now() WHERE id = $1", app.Eva);
        try
        {
            using var eva = await app.SignedInAsync("zonnebloem", ParentEva);
            using var gone = await eva.GetAsync($"/nieuws/{id}/foto/{photoId}");
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }
        finally
        {
            await app.Database.ExecuteAsync("UPDATE pupils SET archived_at = NULL WHERE id = $1", app.Eva);
        }
    }

    [Fact]
    public async Task LikesToggleAndCommentsFollowThePostsSettingsAndTellTheAuthor()
    {
        using var teacher = await app.SignedInAsync("zonnebloem", Teacher34Email);
        var open = await PublishOkAsync(teacher, "Reacties welkom", "Wat vonden jullie ervan?", [app.G34]);
        var closed = await PublishOkAsync(teacher, "Geen reacties", "Alleen ter info.", [app.G34], comments: false, likes: false);
        using var parent = await app.SignedInAsync("zonnebloem", ParentTim);

        using (var like = await parent.PostFormAsync($"/nieuws/{open}?handler=Like", new Dictionary<string, string> { ["returnUrl"] = "/" }, "/"))
        {
            Assert.Equal("/", like.Headers.Location!.ToString());
        }
        Assert.Equal(1L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM post_likes WHERE post_id = $1", open));
        using (await parent.PostFormAsync($"/nieuws/{open}?handler=Like", new Dictionary<string, string>(), "/")) { }
        Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM post_likes WHERE post_id = $1", open));

        using (var comment = await parent.PostFormAsync($"/nieuws/{open}?handler=Comment", new Dictionary<string, string> { ["CommentText"] = "Super leuk!" }, $"/nieuws/{open}"))
        {
            Assert.Equal(HttpStatusCode.Redirect, comment.StatusCode);
        }
        Assert.Contains("Super leuk!", await parent.GetStringAsync($"/nieuws/{open}"));
        // One comment is "1 reactie", not "1 reacties".
        Assert.Contains("1 reactie", (await parent.GetHtmlAsync("/")).QuerySelectorAll($"a[href='/nieuws/{open}#reacties']").Select(a => a.TextContent.Trim()));
        await app.Mail.WaitForMessageAsync(Teacher34Email, m => m.Subject.Contains("Nieuwe reactie op: Reacties welkom"));

        using (var empty = await parent.PostFormAsync($"/nieuws/{open}?handler=Comment", new Dictionary<string, string> { ["CommentText"] = "   " }, $"/nieuws/{open}"))
        {
            Assert.Contains("Schrijf eerst een reactie.", (await empty.HtmlAsync()).QuerySelector(".errors")!.TextContent);
        }
        using (var tooLong = await parent.PostFormAsync($"/nieuws/{open}?handler=Comment", new Dictionary<string, string> { ["CommentText"] = new string('a', 2001) }, $"/nieuws/{open}"))
        {
            Assert.Contains("hoogstens 2000 tekens", (await tooLong.HtmlAsync()).QuerySelector(".errors")!.TextContent);
        }
        using (var off = await parent.PostFormAsync($"/nieuws/{closed}?handler=Comment", new Dictionary<string, string> { ["CommentText"] = "Mag dit?" }, $"/nieuws/{closed}"))
        {
            Assert.Contains("Bij dit bericht kun je niet reageren.", (await off.HtmlAsync()).QuerySelector(".errors")!.TextContent);
        }
        using (var noLikes = await parent.PostFormAsync($"/nieuws/{closed}?handler=Like", new Dictionary<string, string>(), $"/nieuws/{closed}"))
        {
            Assert.Contains("‘vind ik leuk’ uit", (await noLikes.HtmlAsync()).QuerySelector(".errors")!.TextContent);
        }
        Assert.Equal(1L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM post_comments WHERE post_id IN ($1, $2)", open, closed));
        Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM post_likes WHERE post_id = $1", closed));

        // Another parent cannot delete the comment; the post's author can.
        var commentId = await app.Database.ScalarAsync<Guid>("SELECT id FROM post_comments WHERE post_id = $1", open);
        using var eva = await app.SignedInAsync("zonnebloem", ParentEva);
        using (var refused = await eva.PostFormAsync($"/nieuws/{open}?handler=DeleteComment&commentId={commentId}", new Dictionary<string, string>(), $"/nieuws/{open}"))
        {
            Assert.Contains("Je kunt alleen je eigen reacties verwijderen.", (await refused.HtmlAsync()).QuerySelector(".errors")!.TextContent);
        }
        using (var asked = await teacher.PostFormAsync($"/nieuws/{open}?handler=DeleteComment&commentId={commentId}", new Dictionary<string, string>(), $"/nieuws/{open}"))
        {
            var yes = await Confirmations.AssertAsksAsync(asked, "Super leuk!");
            Assert.True(await app.Database.ScalarAsync<bool>("SELECT deleted_at IS NULL FROM post_comments WHERE id = $1", commentId));
            using var removed = await teacher.SubmitAsync($"/nieuws/{open}?handler=DeleteComment&commentId={commentId}", yes);
            Assert.Equal($"/nieuws/{open}#reacties", removed.Headers.Location?.ToString());
        }
        Assert.True(await app.Database.ScalarAsync<bool>("SELECT deleted_at IS NOT NULL FROM post_comments WHERE id = $1", commentId));
        var after = await parent.GetStringAsync($"/nieuws/{open}");
        Assert.True(!after.Contains("Super leuk!"), after);
    }

    [Fact]
    public async Task OnlyTheAuthorOrAnAdminEditsOrDeletesAPostAndDeletingRemovesItsPhotos()
    {
        using var teacher = await app.SignedInAsync("zonnebloem", Teacher34Email);
        var id = await PublishOkAsync(teacher, "Te verwijderen bericht", "Eerste versie.", [app.G34], files: Photo(TestFiles.Jpeg()));
        var photoId = await app.Database.ScalarAsync<Guid>("SELECT id FROM post_photos WHERE post_id = $1", id);

        using var teacher5 = await app.SignedInAsync("zonnebloem", Teacher5Email);
        using (var edit = await teacher5.GetAsync($"/nieuws/{id}/bewerken"))
        {
            Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);
        }
        using (var change = await teacher.PostFormAsync($"/nieuws/{id}/bewerken", new Dictionary<string, string>
        {
            ["Form.Title"] = "Aangepast bericht", ["Form.Body"] = "Tweede versie.", ["Form.AllowLikes"] = "true",
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, change.StatusCode);
        }
        using (var invalid = await teacher.PostFormAsync($"/nieuws/{id}/bewerken", new Dictionary<string, string> { ["Form.Title"] = "", ["Form.Body"] = "x" }))
        {
            Assert.Contains("Vul een titel in.", (await invalid.HtmlAsync()).QuerySelector(".errors")!.TextContent);
        }
        Assert.Equal("Aangepast bericht", await app.Database.ScalarAsync<string>("SELECT title FROM posts WHERE id = $1", id));

        using var parent = await app.SignedInAsync("zonnebloem", ParentTim);
        using (var refused = await parent.PostFormAsync($"/nieuws/{id}?handler=Delete", new Dictionary<string, string>(), $"/nieuws/{id}"))
        {
            Assert.Contains("Alleen de schrijver of de schoolleiding", (await refused.HtmlAsync()).QuerySelector(".errors")!.TextContent);
        }
        using var admin = await app.SignedInAsync("zonnebloem", AdminEmail);
        using (var asked = await admin.PostFormAsync($"/nieuws/{id}?handler=Delete", new Dictionary<string, string>(), $"/nieuws/{id}"))
        {
            var yes = await Confirmations.AssertAsksAsync(asked, "Aangepast bericht");
            Assert.Contains("Aangepast bericht", await parent.GetStringAsync("/"));
            Assert.Equal(1L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM post_photos WHERE post_id = $1", id));
            using var deleted = await admin.SubmitAsync($"/nieuws/{id}?handler=Delete", yes);
            Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        }
        Assert.DoesNotContain("Aangepast bericht", await parent.GetStringAsync("/"));
        using (var photo = await parent.GetAsync($"/nieuws/{id}/foto/{photoId}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, photo.StatusCode);
        }
        Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM post_photos WHERE post_id = $1", id));
    }
}

public sealed class TimelinePagingTests(TimelinePagingApp app) : IClassFixture<TimelinePagingApp>
{
    [Fact]
    public async Task TheTimelineIsPinnedFirstThenNewestFirstAndPagesWithoutGapsOrDuplicates()
    {
        using var admin = await app.SignedInAsync("zonnebloem", AdminEmail);
        using var teacher5 = await app.SignedInAsync("zonnebloem", Teacher5Email);
        var expected = new List<string>();
        for (var i = 1; i <= 34; i++)
        {
            var title = $"Bericht {i:D2}";
            if (i % 5 == 0)
            {
                await PublishOkAsync(teacher5, title + " (groep 5)", "Niet voor 3/4.", [app.G5]);
                continue;
            }
            await PublishOkAsync(admin, title, "Tekst.", schoolWide: i % 2 == 0, groups: i % 2 == 0 ? null : [app.G34], pinned: i is 3 or 7);
            expected.Add(title);
        }
        // Pinned first (newest pinned first), then the rest newest first.
        var order = expected.Where(t => t is "Bericht 07" or "Bericht 03").OrderByDescending(t => t)
            .Concat(expected.Where(t => t is not ("Bericht 07" or "Bericht 03")).OrderByDescending(t => t)).ToList();

        using var parent = await app.SignedInAsync("zonnebloem", ParentTim);
        var seen = new List<string>();
        var url = "/";
        var pages = 0;
        while (url is not null)
        {
            var page = await parent.GetHtmlAsync(url);
            seen.AddRange(page.QuerySelectorAll("article.post h2").Select(h => h.TextContent.Trim()));
            url = page.QuerySelector("a.button.secondary-button[href*='after=']")?.GetAttribute("href");
            pages++;
        }
        Assert.Equal(order, seen);
        Assert.True(pages >= 2, "expected more than one page");
    }
}
