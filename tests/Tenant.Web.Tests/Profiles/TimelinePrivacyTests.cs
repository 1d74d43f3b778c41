using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Schoolplein.Platform.Identity;
using Schoolplein.Testing;
using Xunit;

namespace Schoolplein.Tenant.Web.Tests.Profiles;

/// <summary>The timeline's part in "download my data" and "delete my account".</summary>
public sealed class TimelinePrivacyTests(ProfileApp app) : IClassFixture<ProfileApp>
{
    private async Task<Guid> GroupPostAsync(SchoolHandle school, Guid author, Guid group, string title)
    {
        var id = Guid.CreateVersion7();
        await app.Database.ExecuteAsync(
            """
            INSERT INTO posts (id, tenant_id, author_id, title, body_html, body_text, urgent, pinned, allow_comments, allow_likes, published_at, escalation_stage)
            VALUES ($1, $2, $3, $4, '<p>Tekst</p>', 'Tekst', false, false, true, true, $5, 0)
            """, id, school.Id, author, title, app.Now);
        await app.Database.ExecuteAsync("INSERT INTO post_groups (tenant_id, post_id, group_id) VALUES ($1, $2, $3)", school.Id, id, group);
        return id;
    }

    private static async Task CommentAndLikeAsync(HttpClient client, Guid post, string text)
    {
        using (var comment = await client.PostFormAsync($"/nieuws/{post}?handler=Comment", new Dictionary<string, string> { ["CommentText"] = text }, $"/nieuws/{post}"))
        {
            Assert.True(comment.StatusCode == HttpStatusCode.Redirect, System.Text.RegularExpressions.Regex.Replace(await comment.Content.ReadAsStringAsync(), "\\s+", " "));
        }
        using (var like = await client.PostFormAsync($"/nieuws/{post}?handler=Like", new Dictionary<string, string>(), $"/nieuws/{post}"))
        {
            Assert.Equal(HttpStatusCode.Redirect, like.StatusCode);
        }
    }

    [Fact]
    public async Task TheExportHoldsMyCommentsAndLikesButNotThoseOfOtherParents()
    {
        var group = await app.A.AddGroupAsync("Groep 6 nieuws-export");
        var teacher = await app.A.AddUserAsync(app.NewEmail("juf-nieuws"), Roles.Teacher);
        await app.A.AddTeacherAsync(group, teacher);
        var email = app.NewEmail("nieuws-export");
        await app.ParentWithChildAsync(app.A, group, email, "Floortje");
        var otherEmail = app.NewEmail("nieuws-ander");
        await app.ParentWithChildAsync(app.A, group, otherEmail, "Gijsbert");
        var post = await GroupPostAsync(app.A, teacher, group, "Uitje naar de kinderboerderij");

        using var me = await app.SignedInAsync(app.A, email);
        using var other = await app.SignedInAsync(app.A, otherEmail);
        await CommentAndLikeAsync(me, post, "Wat een mooie dag was het");
        await CommentAndLikeAsync(other, post, "Reactie van een ander gezin");

        using var response = await me.PostFormAsync("/Account/Settings/Data?handler=Export", new Dictionary<string, string>(), "/Account/Settings/Data");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        using var reader = new StreamReader(zip.GetEntry("mijn-gegevens.json")!.Open());
        var text = await reader.ReadToEndAsync();
        var timeline = JsonDocument.Parse(text).RootElement.GetProperty("timeline");
        var comment = Assert.Single(timeline.GetProperty("comments").EnumerateArray());
        Assert.Equal("Wat een mooie dag was het", comment.GetProperty("text").GetString());
        Assert.Equal("Uitje naar de kinderboerderij", comment.GetProperty("post").GetString());
        Assert.Single(timeline.GetProperty("likes").EnumerateArray());
        Assert.DoesNotContain("Reactie van een ander gezin", text);
    }

    [Fact]
    public async Task DeletingMyAccountRemovesMyLikesAndLeavesMyCommentsUnderAnAnonymousName()
    {
        var group = await app.A.AddGroupAsync("Groep 7 nieuws-weg");
        var teacher = await app.A.AddUserAsync(app.NewEmail("meester-nieuws"), Roles.Teacher);
        await app.A.AddTeacherAsync(group, teacher);
        var email = app.NewEmail("nieuws-weg");
        var (me, _) = await app.ParentWithChildAsync(app.A, group, email, "Hieronymus");
        await app.Database.ExecuteAsync("UPDATE users SET first_name = 'Philippa', last_name = 'Vertrekkers' WHERE id = $1", me);
        var otherEmail = app.NewEmail("nieuws-blijft");
        await app.ParentWithChildAsync(app.A, group, otherEmail, "Ijsbrand");
        var post = await GroupPostAsync(app.A, teacher, group, "Musical groep 7");

        using var client = await app.SignedInAsync(app.A, email);
        await CommentAndLikeAsync(client, post, "Mijn reactie blijft staan");
        using var other = await app.SignedInAsync(app.A, otherEmail);
        Assert.Contains("Philippa Vertrekkers", WebUtility.HtmlDecode(await other.GetStringAsync($"/nieuws/{post}")));

        using (var delete = await client.PostFormAsync("/Account/Settings/Data?handler=Delete",
            new Dictionary<string, string> { ["CurrentPassword"] = SchoolApp.Password, ["Confirm"] = "true" }, "/Account/Settings/Data"))
        {
            Assert.Equal(HttpStatusCode.Redirect, delete.StatusCode);
        }

        Assert.Equal(0, await app.CountAsync("SELECT count(*) FROM post_likes WHERE user_id = $1", me));
        Assert.Equal(1, await app.CountAsync("SELECT count(*) FROM post_comments WHERE author_id = $1", me));
        var page = WebUtility.HtmlDecode(await other.GetStringAsync($"/nieuws/{post}"));
        Assert.Contains("Mijn reactie blijft staan", page);
        Assert.Contains("Verwijderd account", page);
        Assert.DoesNotContain("Philippa", page);
        Assert.DoesNotContain("Vertrekkers", page);
    }
}
