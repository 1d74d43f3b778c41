using System.Net;
using Microsoft.EntityFrameworkCore;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Notifications;
using Schoolplein.Platform.Persistence;
using Schoolplein.Tenant.Web.Tests.Tenancy;
using Schoolplein.Testing;
using Xunit;

namespace Schoolplein.Tenant.Web.Tests.Notifications;

public sealed class NotifierTests(TwoSchoolsApp app) : IClassFixture<TwoSchoolsApp>
{
    private async Task<(Guid EmailFan, Guid PushOnly, Guid English)> RecipientsAsync(string prefix)
    {
        var emailFan = await app.A.AddUserAsync($"{prefix}-mail@ouders.test");
        var pushOnly = await app.A.AddUserAsync($"{prefix}-push@ouders.test");
        var english = await app.A.AddUserAsync($"{prefix}-en@ouders.test");
        await app.Database.ExecuteAsync("UPDATE users SET notify_by = 2 WHERE id = $1", pushOnly);
        await app.Database.ExecuteAsync("UPDATE users SET language = 'en' WHERE id = $1", english);
        return (emailFan, pushOnly, english);
    }

    private Task NotifyAsync(IEnumerable<Guid> users, bool urgent) =>
        app.InSchoolAsync(app.A.Id, async scope =>
        {
            var db = scope.Get<SchoolpleinDb>();
            await scope.Get<Notifier>().NotifyAsync(users, new NotificationContent(
                "test.posted", typeof(TestNotificationText), "Title", ["juf Lisanne"], "Body", ["Juf Lisanne"], "/meldingen", urgent));
            await db.SaveChangesAsync();
        });

    [Fact]
    public async Task EveryRecipientGetsAnInAppNotificationAndEmailFollowsTheirPreference()
    {
        var (emailFan, pushOnly, english) = await RecipientsAsync("pref");
        await NotifyAsync([emailFan, pushOnly, english], urgent: false);

        var rows = await app.Database.ScalarAsync<long>("SELECT count(*) FROM notifications WHERE user_id = ANY($1)", new[] { emailFan, pushOnly, english });
        Assert.Equal(3L, rows);
        var dutch = await app.Mail.WaitForMessageAsync("pref-mail@ouders.test");
        Assert.Equal("Nieuw bericht van juf Lisanne", dutch.Subject);
        var inEnglish = await app.Mail.WaitForMessageAsync("pref-en@ouders.test");
        Assert.Equal("New message from juf Lisanne", inEnglish.Subject);
        Assert.Contains("View it in Schoolplein", inEnglish.TextBody);
        Assert.Equal("New message from juf Lisanne", await app.Database.ScalarAsync<string>("SELECT title FROM notifications WHERE user_id = $1", english));
        // The push-only parent got no mail (the other two arrived, so the outbox has run).
        Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM outbox_emails WHERE to_address = 'pref-push@ouders.test'"));
    }

    [Fact]
    public async Task UrgentNotificationsAreMailedWhateverThePreference()
    {
        var (_, pushOnly, _) = await RecipientsAsync("urgent");
        await NotifyAsync([pushOnly], urgent: true);
        await app.Mail.WaitForMessageAsync("urgent-push@ouders.test");
    }

    [Fact]
    public async Task DeactivatedUsersAndUsersOfAnotherSchoolAreNotNotified()
    {
        var gone = await app.A.AddUserAsync("gone@ouders.test");
        await app.Database.ExecuteAsync("UPDATE users SET deactivated_at = now() WHERE id = $1", gone);
        await NotifyAsync([gone, app.InB.ParentId], urgent: true);
        Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM notifications WHERE kind = 'test.posted' AND user_id = ANY($1)", new[] { gone, app.InB.ParentId }));
    }

    [Fact]
    public async Task AParentSeesOnlyTheirOwnNotificationsAndOpeningOneMarksItRead()
    {
        var mine = await app.A.AddUserAsync("lijst@ouders.test");
        var other = await app.A.AddUserAsync("ander@ouders.test");
        await NotifyAsync([mine], urgent: false);
        await app.InSchoolAsync(app.A.Id, async scope =>
        {
            await scope.Get<Notifier>().NotifyAsync([other], new NotificationContent(
                "test.other", typeof(TestNotificationText), "Title", ["iemand anders"], "Body", ["Iemand anders"], "/"));
            await scope.Get<SchoolpleinDb>().SaveChangesAsync();
        });
        using var client = await app.SignedInAsync("alfa", "lijst@ouders.test");
        var html = await client.GetStringAsync("/meldingen");
        Assert.Contains("juf Lisanne", html);
        Assert.DoesNotContain("iemand anders", html);
        // The Meldingen tab (and side navigation) say how many are unread.
        Assert.Contains("<span class=\"visually-hidden\">1 ongelezen</span>", html);

        var ownId = await app.Database.ScalarAsync<Guid>("SELECT id FROM notifications WHERE user_id = $1", mine);
        var otherId = await app.Database.ScalarAsync<Guid>("SELECT id FROM notifications WHERE user_id = $1", other);
        using (var open = await client.GetAsync($"/meldingen/{ownId}"))
        {
            Assert.Equal(HttpStatusCode.Redirect, open.StatusCode);
            Assert.Equal("/meldingen", open.Headers.Location!.ToString());
        }
        Assert.True(await app.Database.ScalarAsync<bool>("SELECT read_at IS NOT NULL FROM notifications WHERE id = $1", ownId));
        using (var foreign = await client.GetAsync($"/meldingen/{otherId}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        }
        Assert.False(await app.Database.ScalarAsync<bool>("SELECT read_at IS NOT NULL FROM notifications WHERE id = $1", otherId));
    }

    [Fact]
    public async Task MarkAllReadTouchesOnlyTheUsersOwnNotifications()
    {
        var mine = await app.A.AddUserAsync("alles@ouders.test");
        var other = await app.A.AddUserAsync("niet@ouders.test");
        await NotifyAsync([mine, other], urgent: false);
        using var client = await app.SignedInAsync("alfa", "alles@ouders.test");
        using var response = await client.PostFormAsync("/meldingen?handler=MarkAllRead", new Dictionary<string, string>(), "/meldingen");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL", mine));
        Assert.Equal(1L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL", other));
    }
}
