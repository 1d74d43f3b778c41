using System.Net;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Schoolplein.Platform.Timeline;
using Schoolplein.Testing;
using Xunit;
using static Schoolplein.Tenant.Web.Tests.Timeline.UrgentApp;

namespace Schoolplein.Tenant.Web.Tests.Timeline;

/// <summary>Urgent messages (spoedberichten): sending, read receipts, the staff overview, reminders and escalation.</summary>
public sealed class UrgentTests(UrgentApp app) : IClassFixture<UrgentApp>
{
    private Task<long> NotificationsAsync(Guid postId, string kind, Guid userId) =>
        app.CountAsync("SELECT count(*) FROM notifications WHERE source_id = $1 AND kind = $2 AND user_id = $3 AND urgent", postId, kind, userId);

    private async Task<AngleSharp.Dom.IDocument> OverviewAsync(HttpClient staff, Guid postId)
    {
        using var response = await staff.GetAsync($"/nieuws/{postId}/gelezen");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.HtmlAsync();
    }

    /// <summary>The urgent banner's text on a page ("" when there is none); other tests' messages may be in it too.</summary>
    private static async Task<string> BannerAsync(HttpClient client, string path = "/") =>
        (await client.GetHtmlAsync(path)).QuerySelector(".urgent-banner")?.TextContent ?? "";

    private static string RowText(AngleSharp.Dom.IDocument page, string selector) =>
        page.QuerySelector(selector)?.TextContent ?? throw new InvalidOperationException($"no {selector}");

    [Fact]
    public async Task AnUrgentMessageGoesOutAtOnceOnEveryChannelAndStaysOnTopUntilOpened()
    {
        var id = await app.SendUrgentAsync(AdminA, "Spoed: school sluit om 12 uur", [app.G12]);

        // At once, by e-mail too for the father who chose push only; only the chosen group.
        var mail = await app.Mail.WaitForMessageAsync(FatherNoa, m => m.Subject == "Spoedbericht: Spoed: school sluit om 12 uur");
        Assert.Contains($"/nieuws/{id}", mail.TextBody);
        Assert.Equal(1L, await NotificationsAsync(id, TimelineNotifications.UrgentKind, app.FatherNoaId));
        Assert.Equal(0L, await app.CountAsync("SELECT count(*) FROM notifications WHERE source_id = $1 AND user_id = $2", id, app.ParentMilaId));

        using var mother = await app.SignedInAsync(MotherNoa);
        // The banner is on top of every page (here the notifications list) until the message is opened.
        Assert.Contains("Spoed: school sluit om 12 uur", await BannerAsync(mother, "/meldingen"));
        using var mila = await app.SignedInAsync(ParentMila);
        Assert.DoesNotContain("Spoed: school sluit om 12 uur", await BannerAsync(mila));

        app.Clock.Advance(TimeSpan.FromMinutes(3));
        var openedAt = app.Clock.GetUtcNow();
        using (var opened = await mother.GetAsync($"/nieuws/{id}"))
        {
            Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        }
        app.Clock.Advance(TimeSpan.FromMinutes(3));
        using (await mother.GetAsync($"/nieuws/{id}")) { }
        Assert.DoesNotContain("Spoed: school sluit om 12 uur", await BannerAsync(mother));

        // Exactly one receipt, with the time of the first opening; the table refuses changes.
        Assert.Equal(1L, await app.CountAsync("SELECT count(*) FROM urgent_read_receipts WHERE post_id = $1 AND user_id = $2", id, app.MotherNoaId));
        var readAt = await app.Database.ScalarAsync<DateTime>("SELECT read_at FROM urgent_read_receipts WHERE post_id = $1", id);
        Assert.Equal(openedAt.UtcDateTime, readAt, TimeSpan.FromMilliseconds(1));
        await Assert.ThrowsAsync<Npgsql.PostgresException>(() => app.Database.ExecuteAsync("UPDATE urgent_read_receipts SET read_at = now() WHERE post_id = $1", id));
        await Assert.ThrowsAsync<Npgsql.PostgresException>(() => app.Database.ExecuteAsync("DELETE FROM urgent_read_receipts WHERE post_id = $1", id));

        // A parent who was not sent the message (another group) cannot open it, so leaves no receipt.
        using (var foreign = await mila.GetAsync($"/nieuws/{id}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        }
        Assert.Equal(1L, await app.CountAsync("SELECT count(*) FROM urgent_read_receipts WHERE post_id = $1", id));
    }

    /// <summary>The "not read yet" badge of a post's card on a page (null: no badge, or the post is not on it).</summary>
    private static async Task<string?> UnreadBadgeAsync(HttpClient client, Guid postId, string path = "/") =>
        (await client.GetHtmlAsync(path)).QuerySelectorAll($"#post-{postId} .badge").Select(b => b.TextContent.Trim()).FirstOrDefault(t => t == "Nog niet gelezen");

    [Fact]
    public async Task AParentWhoJoinedAfterAnUrgentMessageMarksItReadByOpeningItWithoutCountingAsARecipient()
    {
        // A group of its own: the later guardian must not change what the other tests count.
        var group = await app.A.AddGroupAsync("Groep 8 later");
        var sem = await app.A.AddPupilAsync(group, "Sem", "Klaproos");
        var firstId = await app.A.AddUserAsync("eerste.sem@klaproos.test");
        await app.A.LinkGuardianAsync(sem, firstId);
        var id = await app.SendUrgentAsync(AdminA, "Spoed: later gekoppeld", [group]);

        // A second guardian joins after it was sent: the message is on their timeline, not yet read.
        var laterId = await app.A.AddUserAsync("later.sem@klaproos.test");
        await app.A.LinkGuardianAsync(sem, laterId);
        using var later = await app.SignedInAsync("later.sem@klaproos.test");
        Assert.Equal("Nog niet gelezen", await UnreadBadgeAsync(later, id));

        app.Clock.Advance(TimeSpan.FromMinutes(2));
        var openedAt = app.Clock.GetUtcNow();
        using (var opened = await later.GetAsync($"/nieuws/{id}"))
        {
            Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
            Assert.Null((await opened.HtmlAsync()).QuerySelectorAll($"#post-{id} .badge").FirstOrDefault(b => b.TextContent.Trim() == "Nog niet gelezen"));
        }
        Assert.Null(await UnreadBadgeAsync(later, id));
        Assert.DoesNotContain("Spoed: later gekoppeld", await BannerAsync(later));
        // The read is recorded (who and when) ...
        var readAt = await app.Database.ScalarAsync<DateTime>("SELECT read_at FROM urgent_read_receipts WHERE post_id = $1 AND user_id = $2", id, laterId);
        Assert.Equal(openedAt.UtcDateTime, readAt, TimeSpan.FromMilliseconds(1));
        Assert.Equal(0L, await app.CountAsync("SELECT count(*) FROM urgent_recipients WHERE post_id = $1 AND user_id = $2", id, laterId));

        // ... but the reach stays about the people it was sent to: Sem is not reached by a guardian
        // it was never sent to, and the later reader is listed on their own.
        using var admin = await app.SignedInAsync(AdminA);
        var page = await OverviewAsync(admin, id);
        Assert.Equal("0%", RowText(page, "[data-percent]"));
        Assert.Contains("0 van 1", RowText(page, "#reach-summary"));
        Assert.Contains("0 van 1 ouders", RowText(page, "#reach-summary"));
        Assert.Null(page.QuerySelector($"tr[data-guardian='{laterId}']"));
        var laterRow = RowText(page, $"tr[data-later-reader='{laterId}']");
        Assert.Contains("Later.sem Test", laterRow);
        Assert.Contains("Sem", laterRow);
        var list = await admin.GetHtmlAsync("/nieuws/spoed");
        Assert.Contains("0% (0 van 1 kind)", RowText(list, $"tr[data-post='{id}']"));
        // A reminder still goes to the recipient who has not read it, not to the later reader.
        using (var remind = await admin.PostFormAsync($"/nieuws/{id}/gelezen?handler=Remind", new Dictionary<string, string>(), $"/nieuws/{id}/gelezen"))
        {
            Assert.Equal($"/nieuws/{id}/gelezen?sent=1", remind.Headers.Location?.ToString());
        }
        Assert.Equal(1L, await NotificationsAsync(id, TimelineNotifications.UrgentReminderKind, firstId));
        Assert.Equal(0L, await NotificationsAsync(id, TimelineNotifications.UrgentReminderKind, laterId));
    }

    [Fact]
    public async Task TheSenderAndOtherStaffMarkAnUrgentMessageReadByOpeningIt()
    {
        using var teacher = await app.SignedInAsync(Teacher12);
        var id = await TimelineApp.PublishOkAsync(teacher, "Spoed: door de juf zelf", "Vandaag om 12 uur uit.", [app.G12], urgent: true, comments: false, likes: false);
        using var admin = await app.SignedInAsync(AdminA);
        foreach (var (client, userEmail) in new[] { (teacher, Teacher12), (admin, AdminA) })
        {
            Assert.Equal("Nog niet gelezen", await UnreadBadgeAsync(client, id));
            using (var opened = await client.GetAsync($"/nieuws/{id}"))
            {
                Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
            }
            Assert.Null(await UnreadBadgeAsync(client, id));
            Assert.Equal(1L, await app.CountAsync(
                "SELECT count(*) FROM urgent_read_receipts r JOIN users u ON u.id = r.user_id WHERE r.post_id = $1 AND u.email = $2", id, userEmail));
        }
        // Staff reads are no parent reads: the overview still counts 0 of the 3 guardians it was sent to.
        var page = await OverviewAsync(admin, id);
        Assert.Contains("0 van 2", RowText(page, "#reach-summary"));
        Assert.Contains("0 van 3 ouders", RowText(page, "#reach-summary"));
    }

    [Fact]
    public async Task SendingSchedulesTheEscalationJobWithIdsOnly()
    {
        var id = await app.SendUrgentAsync(AdminA, "Spoed: gepland vervolg", [app.G12]);
        var monitor = app.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var job = Assert.Single(monitor.ScheduledJobs(0, 1000), j => j.Value.Job?.Type == typeof(UrgentEscalationJob) && j.Value.Job.Args.Contains(id));
        Assert.Equal(nameof(UrgentEscalationJob.RunAsync), job.Value.Job.Method.Name);
        Assert.Equal("tenantId", job.Value.Job.Method.GetParameters()[0].Name);
        Assert.Equal(app.A.Id, job.Value.Job.Args[0]);
        Assert.All(job.Value.Job.Args, a => Assert.True(a is null or Guid or CancellationToken, $"argument {a}"));
        // The school's default: an hour after sending (the job runs on Hangfire's own clock).
        Assert.InRange(job.Value.EnqueueAt - job.Value.ScheduledAt!.Value, TimeSpan.FromMinutes(59), TimeSpan.FromMinutes(61));
    }

    [Fact]
    public async Task TeachersSendUrgentMessagesToTheirOwnGroupsOnlyAndOnlyStaffOfTheMessageSeeTheReadOverview()
    {
        using var teacher = await app.SignedInAsync(Teacher12);
        var before = await app.CountAsync("SELECT count(*) FROM posts");
        using (var refused = await TimelineApp.PublishAsync(teacher, "Spoed van een ander", "Tekst.", [app.G6], urgent: true))
        {
            Assert.Contains("Je kunt alleen berichten plaatsen in je eigen groepen.", (await refused.HtmlAsync()).QuerySelector(".errors")!.TextContent);
        }
        using (var schoolWide = await TimelineApp.PublishAsync(teacher, "Spoed voor de hele school", "Tekst.", schoolWide: true, urgent: true))
        {
            Assert.Contains("Alleen de schoolleiding kan een bericht aan de hele school sturen", (await schoolWide.HtmlAsync()).QuerySelector(".errors")!.TextContent);
        }
        Assert.Equal(before, await app.CountAsync("SELECT count(*) FROM posts"));

        var id = await TimelineApp.PublishOkAsync(teacher, "Spoed: gymzaal dicht", "Geen gym vandaag.", [app.G12], urgent: true);
        Assert.True(await app.Database.ScalarAsync<bool>("SELECT urgent FROM posts WHERE id = $1", id));
        Assert.Equal(3L, await app.CountAsync("SELECT count(*) FROM urgent_recipients WHERE post_id = $1", id));
        await OverviewAsync(teacher, id);
        using var admin = await app.SignedInAsync(AdminA);
        await OverviewAsync(admin, id);

        using var otherTeacher = await app.SignedInAsync(Teacher6);
        using var otherSchool = await app.SignedInAsync("korenbloem", AdminB);
        foreach (var client in new[] { otherTeacher, otherSchool })
        {
            using var page = await client.GetAsync($"/nieuws/{id}/gelezen");
            Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
            using var remind = await client.PostFormAsync($"/nieuws/{id}/gelezen?handler=Remind", new Dictionary<string, string>(), "/nieuws/spoed");
            Assert.Equal(HttpStatusCode.NotFound, remind.StatusCode);
            Assert.DoesNotContain("Spoed: gymzaal dicht", await client.GetStringAsync("/nieuws/spoed"));
        }
        // Parents never see the overview (staff only).
        using var parent = await app.SignedInAsync(MotherNoa);
        using (var forbidden = await parent.GetAsync($"/nieuws/{id}/gelezen"))
        {
            Assert.NotEqual(HttpStatusCode.OK, forbidden.StatusCode);
            Assert.DoesNotContain("Finn", await forbidden.Content.ReadAsStringAsync());
        }
        Assert.Equal(0L, await app.CountAsync("SELECT count(*) FROM notifications WHERE kind = $1 AND source_id = $2", TimelineNotifications.UrgentReminderKind, id));
    }

    [Fact]
    public async Task AChildIsReachedWhenAnyGuardianReadAndTheOverviewCountsEachReceiptOnce()
    {
        var id = await app.SendUrgentAsync(AdminA, "Spoed: bereik per kind", [app.G12]);
        using var admin = await app.SignedInAsync(AdminA);
        var start = await OverviewAsync(admin, id);
        Assert.Equal("0%", RowText(start, "[data-percent]"));
        Assert.NotNull(start.QuerySelector("svg.reach-chart"));

        using var father = await app.SignedInAsync(FatherNoa);
        for (var i = 0; i < 3; i++)
        {
            using var opened = await father.GetAsync($"/nieuws/{id}");
            Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        }

        var page = await OverviewAsync(admin, id);
        Assert.Equal("50%", RowText(page, "[data-percent]"));
        Assert.Contains("1 van 2", RowText(page, "#reach-summary"));
        Assert.Contains("1 van 3 ouders", RowText(page, "#reach-summary"));
        // Noa is reached through her father although her mother has not read it; Finn is not reached.
        Assert.Contains("Bereikt", RowText(page, $"tr[data-child='{app.Noa}']"));
        Assert.Contains("Niet bereikt", RowText(page, $"tr[data-child='{app.Finn}']"));
        Assert.Contains("niet gelezen", RowText(page, $"tr[data-guardian='{app.MotherNoaId}']"));
        Assert.DoesNotContain("niet gelezen", RowText(page, $"tr[data-guardian='{app.FatherNoaId}']"));
        // Mila (another group) was never part of it.
        Assert.Null(page.QuerySelector($"tr[data-child='{app.Mila}']"));

        var list = await admin.GetHtmlAsync("/nieuws/spoed");
        Assert.Contains("50% (1 van 2 kinderen)", RowText(list, $"tr[data-post='{id}']"));
        using var staffMenu = await admin.GetAsync("/");
        Assert.Contains("href=\"/nieuws/spoed\"", await staffMenu.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AReminderGoesOnlyToTheUnreadAndADoubleClickSendsOne()
    {
        var id = await app.SendUrgentAsync(AdminA, "Spoed: herinnering", [app.G12]);
        using var mother = await app.SignedInAsync(MotherNoa);
        using (await mother.GetAsync($"/nieuws/{id}")) { }

        using var admin = await app.SignedInAsync(AdminA);
        var token = await Forms.AntiforgeryTokenAsync(admin, $"/nieuws/{id}/gelezen");
        async Task<HttpResponseMessage> ClickAsync()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/nieuws/{id}/gelezen?handler=Remind")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }),
            };
            return await admin.SendAsync(request);
        }
        // Two clicks at the same moment.
        var clicks = await Task.WhenAll(ClickAsync(), ClickAsync());
        Assert.Single(clicks, c => c.StatusCode == HttpStatusCode.Redirect);
        var second = Assert.Single(clicks, c => c.StatusCode == HttpStatusCode.OK);
        Assert.Contains("Er is net al een herinnering verstuurd.", (await second.HtmlAsync()).QuerySelector(".errors")!.TextContent);
        foreach (var click in clicks)
        {
            click.Dispose();
        }

        Assert.Equal(0L, await NotificationsAsync(id, TimelineNotifications.UrgentReminderKind, app.MotherNoaId));
        Assert.Equal(1L, await NotificationsAsync(id, TimelineNotifications.UrgentReminderKind, app.FatherNoaId));
        Assert.Equal(1L, await NotificationsAsync(id, TimelineNotifications.UrgentReminderKind, app.ParentFinnId));
        await app.Mail.WaitForMessageAsync(ParentFinn, m => m.Subject == "Herinnering spoedbericht: Spoed: herinnering");
        var shown = await admin.GetHtmlAsync($"/nieuws/{id}/gelezen?sent=2");
        Assert.Contains("Herinnering verstuurd aan 2 ouders.", shown.QuerySelector(".notice.success")!.TextContent);

        // Minutes later a second reminder is allowed, again only to whoever has still not read it.
        using var father = await app.SignedInAsync(FatherNoa);
        using (await father.GetAsync($"/nieuws/{id}")) { }
        app.Clock.Advance(UrgentMessages.ReminderInterval + TimeSpan.FromSeconds(1));
        using (var again = await admin.PostFormAsync($"/nieuws/{id}/gelezen?handler=Remind", new Dictionary<string, string>(), $"/nieuws/{id}/gelezen"))
        {
            Assert.Equal($"/nieuws/{id}/gelezen?sent=1", again.Headers.Location?.ToString());
        }
        Assert.Equal(1L, await NotificationsAsync(id, TimelineNotifications.UrgentReminderKind, app.FatherNoaId));
        Assert.Equal(2L, await NotificationsAsync(id, TimelineNotifications.UrgentReminderKind, app.ParentFinnId));

        // When everyone has read it there is nothing to remind: a clear message and nothing saved.
        using var finn = await app.SignedInAsync(ParentFinn);
        using (await finn.GetAsync($"/nieuws/{id}")) { }
        app.Clock.Advance(UrgentMessages.ReminderInterval + TimeSpan.FromSeconds(1));
        var remindedAt = await app.Database.ScalarAsync<DateTime>("SELECT reminded_at FROM posts WHERE id = $1", id);
        using (var nothing = await admin.PostFormAsync($"/nieuws/{id}/gelezen?handler=Remind", new Dictionary<string, string>(), $"/nieuws/{id}/gelezen"))
        {
            Assert.Contains("Alle ouders hebben het bericht al geopend; er is geen herinnering verstuurd.", (await nothing.HtmlAsync()).QuerySelector(".notice.success")!.TextContent);
        }
        Assert.Equal(remindedAt, await app.Database.ScalarAsync<DateTime>("SELECT reminded_at FROM posts WHERE id = $1", id));
        Assert.Equal(3L, await app.CountAsync("SELECT count(*) FROM notifications WHERE kind = $1 AND source_id = $2", TimelineNotifications.UrgentReminderKind, id));

        // A post that is not urgent has no overview or reminder.
        using var teacher = await app.SignedInAsync(Teacher12);
        var plain = await TimelineApp.PublishOkAsync(teacher, "Gewoon nieuws", "Geen spoed.", [app.G12]);
        using var notUrgent = await admin.PostFormAsync($"/nieuws/{plain}/gelezen?handler=Remind", new Dictionary<string, string>(), "/nieuws/spoed");
        Assert.Equal(HttpStatusCode.NotFound, notUrgent.StatusCode);
    }

    [Fact]
    public async Task UnreadGuardiansAreEscalatedAfterTheSchoolsTimeAndThenFamiliesToPhoneAreListed()
    {
        using var admin = await app.SignedInAsync(AdminA);
        using (var saved = await admin.PostFormAsync("/beheer/instellingen", new Dictionary<string, string>
        {
            ["MaxUses"] = "4", ["ValidDays"] = "365", ["EscalationMinutes"] = "30",
        }))
        {
            Assert.Contains("Opgeslagen.", (await saved.HtmlAsync()).QuerySelector(".notice.success")!.TextContent);
        }
        try
        {
            var id = await app.SendUrgentAsync(AdminA, "Spoed: escalatie", [app.G12]);
            app.Clock.Advance(TimeSpan.FromMinutes(5));
            using var mother = await app.SignedInAsync(MotherNoa);
            using (await mother.GetAsync($"/nieuws/{id}")) { }

            // One minute early: nothing happens.
            app.Clock.Advance(TimeSpan.FromMinutes(24));
            await app.EscalateAsync(id);
            Assert.Equal(0, await app.Database.ScalarAsync<int>("SELECT escalation_stage FROM posts WHERE id = $1", id));
            Assert.Equal(0L, await app.CountAsync("SELECT count(*) FROM notifications WHERE kind = $1 AND source_id = $2", TimelineNotifications.UrgentEscalationKind, id));

            // On time: a second urgent notification to every guardian who has not opened it.
            app.Clock.Advance(TimeSpan.FromMinutes(1));
            await app.EscalateAsync(id);
            Assert.Equal(1, await app.Database.ScalarAsync<int>("SELECT escalation_stage FROM posts WHERE id = $1", id));
            Assert.Equal(0L, await NotificationsAsync(id, TimelineNotifications.UrgentEscalationKind, app.MotherNoaId));
            Assert.Equal(1L, await NotificationsAsync(id, TimelineNotifications.UrgentEscalationKind, app.FatherNoaId));
            Assert.Equal(1L, await NotificationsAsync(id, TimelineNotifications.UrgentEscalationKind, app.ParentFinnId));
            await app.Mail.WaitForMessageAsync(FatherNoa, m => m.Subject == "Nog niet gelezen – spoedbericht: Spoed: escalatie");
            var between = await OverviewAsync(admin, id);
            Assert.Null(between.QuerySelector("#bellijst"));

            // Running again (a retry) sends nothing twice.
            await app.EscalateAsync(id);
            Assert.Equal(1L, await NotificationsAsync(id, TimelineNotifications.UrgentEscalationKind, app.ParentFinnId));

            // Twice the time: the families of children nobody reached are listed with their phone numbers.
            app.Clock.Advance(TimeSpan.FromMinutes(30));
            await app.EscalateAsync(id);
            Assert.Equal(2, await app.Database.ScalarAsync<int>("SELECT escalation_stage FROM posts WHERE id = $1", id));
            Assert.Equal(1L, await NotificationsAsync(id, TimelineNotifications.UrgentPhoneListKind, app.AdminId));
            var page = await OverviewAsync(admin, id);
            var phoneList = RowText(page, "#bellijst");
            Assert.Contains("Finn Klaproos", phoneList);
            Assert.Contains("Ouder.finn Test", phoneList);
            Assert.Contains("06 87654321", phoneList);
            // Noa was reached through her mother: her father is not on the list.
            Assert.DoesNotContain("Noa", phoneList);
            Assert.DoesNotContain("06 12345678", phoneList);

            await app.EscalateAsync(id);
            Assert.Equal(1L, await NotificationsAsync(id, TimelineNotifications.UrgentPhoneListKind, app.AdminId));
        }
        finally
        {
            await app.Database.ExecuteAsync("UPDATE school_settings SET urgent_escalation_minutes = 60 WHERE tenant_id = $1", app.A.Id);
        }
    }

    [Fact]
    public async Task AMessageEveryoneReadIsNotEscalated()
    {
        var id = await app.SendUrgentAsync(AdminA, "Spoed: iedereen las het", [app.G6]);
        using var mila = await app.SignedInAsync(ParentMila);
        using (await mila.GetAsync($"/nieuws/{id}")) { }
        app.Clock.Advance(TimeSpan.FromHours(3));
        await app.EscalateAsync(id);
        await app.EscalateAsync(id);
        Assert.Equal(0L, await app.CountAsync("SELECT count(*) FROM notifications WHERE source_id = $1 AND kind IN ($2, $3)",
            id, TimelineNotifications.UrgentEscalationKind, TimelineNotifications.UrgentPhoneListKind));
        using var admin = await app.SignedInAsync(AdminA);
        var page = await OverviewAsync(admin, id);
        Assert.Equal("100%", RowText(page, "[data-percent]"));
        Assert.Contains("Alle kinderen zijn bereikt.", page.Body!.TextContent);
    }
}
