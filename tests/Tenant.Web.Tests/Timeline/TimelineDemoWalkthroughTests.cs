using System.Net;
using Schoolplein.Platform.Seeding;
using Schoolplein.Tenant.Web.Tests.Administration;
using Schoolplein.Testing;
using Xunit;

using Schoolplein.Tenant.Web.Tests.Seeding;

namespace Schoolplein.Tenant.Web.Tests.Timeline;

/// <summary>Issue 5's "done when" on the demo data of De Regenboog, through the pages a person clicks.</summary>
public sealed class TimelineDemoWalkthroughTests(DemoApp app) : IClassFixture<DemoApp>
{
    [Fact]
    public async Task ATeacherPostsPhotosToHerGroupAndAnAdminFollowsAnUrgentMessageUntilAParentOpensIt()
    {
        // Juf Lisanne (Groep 3/4) posts with photos; the form names the children without photo consent first.
        using var teacher = await app.SignedInAsync("lisanne.mulder@regenboog.test");
        var form = await teacher.GetHtmlAsync("/nieuws/nieuw");
        var group = form.QuerySelectorAll("input[name='Form.GroupIds']").Single().GetAttribute("value")!;
        Assert.NotNull(form.QuerySelector("#photo-consent"));
        var postId = await TimelineApp.PublishOkAsync(teacher, "Demo: herfstwandeling groep 3/4", "Wat een mooie wandeling!", [Guid.Parse(group)],
            files: [TimelineApp.Photo(TestFiles.Jpeg(), "wandeling1.jpg"), TimelineApp.Photo(TestFiles.Png(), "wandeling2.png")]);

        // Noor's mother sees it; a parent without a child in Groep 3/4 does not (and cannot open it).
        using var parent = await app.SignedInAsync("ouder@regenboog.test");
        Assert.Contains("Demo: herfstwandeling groep 3/4", await parent.GetStringAsync("/"));
        var outsider = await app.Database.ScalarAsync<string>(
            """
            SELECT u.email FROM users u JOIN guardianships g ON g.user_id = u.id JOIN pupils p ON p.id = g.pupil_id
            WHERE u.email LIKE '%@ouders.test' AND p.group_id IS NOT NULL AND u.tenant_id = (SELECT id FROM tenants WHERE slug = 'regenboog')
              AND NOT EXISTS (SELECT 1 FROM guardianships g2 JOIN pupils p2 ON p2.id = g2.pupil_id WHERE g2.user_id = u.id AND p2.group_id = $1)
            ORDER BY u.email LIMIT 1
            """, Guid.Parse(group));
        using var other = await app.SignedInAsync(outsider);
        Assert.DoesNotContain("Demo: herfstwandeling groep 3/4", await other.GetStringAsync("/"));
        using (var refused = await other.GetAsync($"/nieuws/{postId}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        }

        // The admin sends an urgent message to the whole school: e-mail lands at once.
        using var admin = await app.SignedInAsync("directie@regenboog.test");
        var urgentId = await TimelineApp.PublishOkAsync(admin, "Demo: school dicht door stormschade", "Vandaag geen school. De opvang is open.",
            schoolWide: true, urgent: true, comments: false, likes: false);
        await app.Mail.WaitForMessageAsync("ouder@regenboog.test", m => m.Subject == "Spoedbericht: Demo: school dicht door stormschade");
        var sanne = await app.Database.ScalarAsync<Guid>("SELECT id FROM users WHERE email = 'ouder@regenboog.test' AND tenant_id = (SELECT id FROM tenants WHERE slug = 'regenboog')");
        var before = await admin.GetHtmlAsync($"/nieuws/{urgentId}/gelezen");
        Assert.Contains("niet gelezen", before.QuerySelector($"tr[data-guardian='{sanne}']")!.TextContent);
        var percentBefore = before.QuerySelector("[data-percent]")!.TextContent;

        // The parent opens it from the banner; the admin's read overview shows it.
        Assert.Contains("Demo: school dicht door stormschade", (await parent.GetHtmlAsync("/")).QuerySelector(".urgent-banner")!.TextContent);
        using (var opened = await parent.GetAsync($"/nieuws/{urgentId}"))
        {
            Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        }
        var after = await admin.GetHtmlAsync($"/nieuws/{urgentId}/gelezen");
        Assert.DoesNotContain("niet gelezen", after.QuerySelector($"tr[data-guardian='{sanne}']")!.TextContent);
        Assert.NotEqual(percentBefore, after.QuerySelector("[data-percent]")!.TextContent);

        // The seeded urgent message is past its escalation: its overview lists families to phone.
        var seeded = DeterministicGuid.Create("regenboog/post/spoed-verwarming");
        var old = await admin.GetHtmlAsync($"/nieuws/{seeded}/gelezen");
        Assert.NotNull(old.QuerySelector("#bellijst table.phone-list"));
    }
}
