using System.Net;
using AngleSharp.Dom;
using Schoolplein.Testing;
using Xunit;
using static Schoolplein.Tenant.Web.Tests.Timeline.TimelineApp;

namespace Schoolplein.Tenant.Web.Tests.Timeline;

/// <summary>
/// Issue 17: "a photo album per group that staff can browse" at /groepen/{id}/fotos: the photos of the posts to
/// that group, newest first, for the school's admins, the group's teachers and the parents of a child in it.
/// </summary>
public sealed class GroupAlbumTests(GroupAlbumTests.AlbumApp app) : IClassFixture<GroupAlbumTests.AlbumApp>
{
    public sealed class AlbumApp : TimelineApp;

    private static List<string> PhotoLinks(IDocument page) =>
        page.QuerySelectorAll("main ul.photos[data-lightbox] a").Select(a => a.GetAttribute("href")!).ToList();

    private async Task<List<Guid>> PhotoIdsAsync(Guid postId) =>
        [.. (await app.Database.ScalarAsync<string>("SELECT string_agg(id::text, ',' ORDER BY sort_order) FROM post_photos WHERE post_id = $1", postId))
            .Split(',').Select(Guid.Parse)];

    [Fact]
    public async Task TheGroupsTeacherAndParentsSeeThePhotosOfItsPostsNewestFirstAndNobodyElseDoes()
    {
        using var teacher = await app.SignedInAsync("zonnebloem", Teacher34Email);
        using var teacher5 = await app.SignedInAsync("zonnebloem", Teacher5Email);
        using var admin = await app.SignedInAsync("zonnebloem", AdminEmail);
        var walk = await PublishOkAsync(teacher, "Herfstwandeling", "<p>Wat een bladeren.</p>", [app.G34],
            files: [Photo(TestFiles.Jpeg(), "een.jpg"), Photo(TestFiles.Jpeg(300, 300), "twee.jpg")]);
        var pumpkins = await PublishOkAsync(teacher, "Pompoenen", "<p>Uitgehold.</p>", [app.G34], files: [Photo(TestFiles.Jpeg(), "pompoen.jpg")]);
        var swim = await PublishOkAsync(teacher5, "Zwemdiploma", "<p>Gehaald!</p>", [app.G5], files: [Photo(TestFiles.Jpeg(), "zwem.jpg")]);
        var school = await PublishOkAsync(admin, "Sportdag", "<p>Voor iedereen.</p>", schoolWide: true, files: [Photo(TestFiles.Jpeg(), "sport.jpg")]);
        // Held back for photo consent (the question not confirmed): the post is refused and its photo held for the author only.
        using (var refused = await PublishAsync(teacher, "Nog niet gecontroleerd", "<p>Klassenfoto.</p>", [app.G34], consentChecked: false,
            files: Photo(TestFiles.Jpeg(), "klassenfoto.jpg")))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.NotNull((await refused.HtmlAsync()).QuerySelector("input[name='Form.KeptUploadIds']"));
        }

        var walkPhotos = await PhotoIdsAsync(walk);
        var pumpkin = (await PhotoIdsAsync(pumpkins)).Single();
        string[] expected = [$"/nieuws/{pumpkins}/foto/{pumpkin}", $"/nieuws/{walk}/foto/{walkPhotos[0]}", $"/nieuws/{walk}/foto/{walkPhotos[1]}"];
        var album = await teacher.GetHtmlAsync($"/groepen/{app.G34}/fotos");
        Assert.Equal("Foto's van Groep 3/4", album.QuerySelector("h1")!.TextContent);
        // The group's posts only: not groep 5's, not the school-wide one, not the held photo.
        Assert.Equal(expected, PhotoLinks(album));
        var first = album.QuerySelector("main ul.photos img")!;
        Assert.Equal($"/nieuws/{pumpkins}/foto/{pumpkin}/klein", first.GetAttribute("src"));
        Assert.Equal("Foto 1 bij ‘Pompoenen’", first.GetAttribute("alt"));
        using (var thumbnail = await teacher.GetAsync(first.GetAttribute("src")))
        {
            Assert.Equal(HttpStatusCode.OK, thumbnail.StatusCode);
            Assert.Equal("image/jpeg", thumbnail.Content.Headers.ContentType!.MediaType);
        }
        Assert.Null(album.QuerySelector("a[href*='fotos?after=']"));

        // The admin and a parent of a child in the group see the same; the parent of groep 5 sees groep 5's album only.
        using var admin2 = await app.SignedInAsync("zonnebloem", AdminEmail);
        Assert.Equal(expected, PhotoLinks(await admin2.GetHtmlAsync($"/groepen/{app.G34}/fotos")));
        using var parent = await app.SignedInAsync("zonnebloem", ParentTim);
        Assert.Equal(expected, PhotoLinks(await parent.GetHtmlAsync($"/groepen/{app.G34}/fotos")));
        using var parentSam = await app.SignedInAsync("zonnebloem", ParentSam);
        Assert.Equal(HttpStatusCode.NotFound, (await parentSam.GetAsync($"/groepen/{app.G34}/fotos")).StatusCode);
        Assert.Single(PhotoLinks(await parentSam.GetHtmlAsync($"/groepen/{app.G5}/fotos")), $"/nieuws/{swim}/foto/{(await PhotoIdsAsync(swim)).Single()}");
        // Another teacher does not browse a group that is not theirs (their timeline does not show its posts either).
        Assert.Equal(HttpStatusCode.NotFound, (await teacher5.GetAsync($"/groepen/{app.G34}/fotos")).StatusCode);

        // Another school: its group by id on this host, this group by id on its host.
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/groepen/{app.BGroup}/fotos")).StatusCode);
        using var adminB = await app.SignedInAsync("sterrenwacht", AdminB);
        Assert.Equal(HttpStatusCode.NotFound, (await adminB.GetAsync($"/groepen/{app.G34}/fotos")).StatusCode);
        using var parentB = await app.SignedInAsync("sterrenwacht", ParentB);
        Assert.Equal(HttpStatusCode.NotFound, (await parentB.GetAsync($"/groepen/{app.G34}/fotos")).StatusCode);
        Assert.Empty(PhotoLinks(await adminB.GetHtmlAsync($"/groepen/{app.BGroup}/fotos")));
        Assert.DoesNotContain(school.ToString(), (await adminB.GetHtmlAsync($"/groepen/{app.BGroup}/fotos")).Body!.InnerHtml);

        // Linked from the teacher's group list on the timeline (her groups only) and from the group page.
        var home = await teacher.GetHtmlAsync("/");
        Assert.NotNull(home.QuerySelector($"#groups-heading ~ ul a[href='/groepen/{app.G34}/fotos']"));
        Assert.Null(home.QuerySelector($"a[href='/groepen/{app.G5}/fotos']"));
        Assert.NotNull((await teacher.GetHtmlAsync($"/Groups/{app.G34}")).QuerySelector($"main a[href='/groepen/{app.G34}/fotos']"));
    }

    private static List<string> AlbumLinks(IDocument page, string selector) =>
        page.QuerySelectorAll(selector).Select(a => a.GetAttribute("href")!).Where(h => h.EndsWith("/fotos", StringComparison.Ordinal)).ToList();

    [Fact]
    public async Task AParentFindsTheAlbumOfTheirChildsGroupOnTheTimelineAndUnderMeerAndNoOtherGroupsAlbum()
    {
        string album34 = $"/groepen/{app.G34}/fotos", album5 = $"/groepen/{app.G5}/fotos";
        // Tim is in groep 3/4: that album, on the timeline and under "Meer", and it opens.
        using var tim = await app.SignedInAsync("zonnebloem", ParentTim);
        var home = await tim.GetHtmlAsync("/");
        Assert.Equal([album34], AlbumLinks(home, "main p.albums a"));
        Assert.Equal("Foto's van Groep 3/4", home.QuerySelector("main p.albums a")!.TextContent);
        var more = await tim.GetHtmlAsync("/meer");
        Assert.Equal([album34], AlbumLinks(more, "main a"));
        var section = more.QuerySelectorAll("main section.more-group").Single(s => s.QuerySelector("h2")?.TextContent == "Foto's");
        Assert.Equal("Foto's van Groep 3/4", section.QuerySelector("a")!.TextContent);
        Assert.Equal("Foto's van Groep 3/4", (await tim.GetHtmlAsync(album34)).QuerySelector("h1")!.TextContent);

        // Children in two groups: "Alle kinderen" gives both albums; with Sem chosen the timeline gives his group's
        // album, "Meer" keeps both (the choice filters the timeline, not what the parent may open).
        using var family = await app.SignedInAsync("zonnebloem", ParentBoth);
        Assert.Equal([album34, album5], AlbumLinks(await family.GetHtmlAsync("/"), "main p.albums a"));
        using (var choose = await family.GetAsync($"/kind/{app.Sem}"))
        {
            Assert.Equal(HttpStatusCode.Redirect, choose.StatusCode);
        }
        Assert.Equal([album5], AlbumLinks(await family.GetHtmlAsync("/"), "main p.albums a"));
        Assert.Equal([album34], AlbumLinks(await family.GetHtmlAsync($"/?child={app.Lotte}"), "main p.albums a"));
        Assert.Equal([album34, album5], AlbumLinks(await family.GetHtmlAsync("/meer"), "main a"));
        foreach (var path in new[] { album34, album5 })
        {
            using var page = await family.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        // Another school's parent: their own group's album only, never this school's.
        using var parentB = await app.SignedInAsync("sterrenwacht", ParentB);
        Assert.Equal([$"/groepen/{app.BGroup}/fotos"], AlbumLinks(await parentB.GetHtmlAsync("/"), "main p.albums a"));
        Assert.Equal([$"/groepen/{app.BGroup}/fotos"], AlbumLinks(await parentB.GetHtmlAsync("/meer"), "main a"));
        // Staff have their group list instead (and no "Meer" albums of children they do not have).
        using var teacher = await app.SignedInAsync("zonnebloem", Teacher34Email);
        Assert.Null((await teacher.GetHtmlAsync("/")).QuerySelector("main p.albums"));
        Assert.Empty(AlbumLinks(await teacher.GetHtmlAsync("/meer"), "main a"));
    }
}

/// <summary>The album pages by 60 photos, newest post first, with no photo twice or left out.</summary>
public sealed class GroupAlbumPagingTests(GroupAlbumPagingTests.PagingApp app) : IClassFixture<GroupAlbumPagingTests.PagingApp>
{
    public sealed class PagingApp : TimelineApp;

    [Fact]
    public async Task SixtyPhotosAPageAndTheNextPageGoesOnWhereItStopped()
    {
        using var teacher = await app.SignedInAsync("zonnebloem", Teacher34Email);
        var older = await PublishOkAsync(teacher, "Veel foto's", "<p>Het hele feest.</p>", [app.G34], files: [Photo(TestFiles.Jpeg(), "feest.jpg")]);
        // 61 more photos of the same post (the same stored images: this is about paging, not about uploads).
        await app.Database.ExecuteAsync(
            "INSERT INTO post_photos (id, tenant_id, post_id, thumbnail_blob_id, large_blob_id, width, height, sort_order) "
            + "SELECT gen_random_uuid(), tenant_id, post_id, thumbnail_blob_id, large_blob_id, width, height, sort_order + g "
            + "FROM post_photos, generate_series(1, 61) g WHERE post_id = $1", older);
        var newer = await PublishOkAsync(teacher, "Nog eentje", "<p>Later.</p>", [app.G34], files: [Photo(TestFiles.Jpeg(), "later.jpg")]);

        var page1 = await teacher.GetHtmlAsync($"/groepen/{app.G34}/fotos");
        var links1 = page1.QuerySelectorAll("main ul.photos a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal(60, links1.Count);
        Assert.StartsWith($"/nieuws/{newer}/foto/", links1[0]);
        var more = page1.QuerySelector("a[href*='/fotos?after=']")!;
        Assert.Equal("Oudere foto's", more.TextContent);
        var page2 = await teacher.GetHtmlAsync(more.GetAttribute("href")!);
        var links2 = page2.QuerySelectorAll("main ul.photos a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal(3, links2.Count);
        Assert.Null(page2.QuerySelector("a[href*='/fotos?after=']"));

        // Every photo once, in the post's own order after the newer post's photo.
        var all = await app.Database.ScalarAsync<string>("SELECT string_agg(id::text, ',' ORDER BY sort_order) FROM post_photos WHERE post_id = $1", older);
        var expected = all.Split(',').Select(id => $"/nieuws/{older}/foto/{id}").ToList();
        Assert.Equal(expected, links1.Skip(1).Concat(links2).ToList());

        // A cursor that does not parse is the first page.
        var garbled = await teacher.GetHtmlAsync($"/groepen/{app.G34}/fotos?after=x-y-z");
        Assert.Equal(links1, garbled.QuerySelectorAll("main ul.photos a").Select(a => a.GetAttribute("href")!).ToList());
    }
}
