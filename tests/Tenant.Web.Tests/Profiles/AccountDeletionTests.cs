using System.Net;
using Schoolplein.Platform.Identity;
using Schoolplein.Testing;
using Xunit;

namespace Schoolplein.Tenant.Web.Tests.Profiles;

public sealed class AccountDeletionTests(ProfileApp app) : IClassFixture<ProfileApp>
{
    private static Dictionary<string, string> Delete(string password, bool confirm)
    {
        var form = new Dictionary<string, string> { ["CurrentPassword"] = password };
        if (confirm)
        {
            form["Confirm"] = "true";
        }
        return form;
    }

    [Fact]
    public async Task DeletingMyAccountKeepsTheChildWithTheOtherGuardianAndRemovesMyData()
    {
        var group = await app.A.AddGroupAsync("Groep 2 weg");
        var email = app.NewEmail("weg");
        var (me, child) = await app.ParentWithChildAsync(app.A, group, email, "Lotte");
        var secondChild = await app.A.AddPupilAsync(group, "Mees", "Kind");
        await app.A.LinkGuardianAsync(secondChild, me);
        var coEmail = app.NewEmail("blijft");
        var coParent = await app.A.AddUserAsync(coEmail);
        await app.A.LinkGuardianAsync(child, coParent);
        await app.AddNotificationAsync(app.A, me, "Voor mij");
        await app.AddNotificationAsync(app.A, coParent, "Voor de ander");
        var admin = await app.A.AddUserAsync(app.NewEmail("directie-weg"), Roles.SchoolAdmin);
        var eventId = await app.SignUpForEventAsync(app.A, admin, group, me, "Hulp bij de kerstmarkt");
        var teacher = await app.A.AddUserAsync(app.NewEmail("juf-weg"), Roles.Teacher);
        await app.A.AddTeacherAsync(group, teacher);
        var booking = await app.BookConferenceAsync(app.A, admin, teacher, group, me, child);
        // A school record that must stay (attendance): it keeps pointing at the anonymised account.
        var reason = Guid.NewGuid();
        await app.Database.ExecuteAsync("INSERT INTO absence_reasons (id, tenant_id, name, phone_only, active, sort_order, created_at) VALUES ($1, $2, 'Ziek', false, true, 1, $3)", reason, app.A.Id, app.Now);
        var report = Guid.NewGuid();
        await app.Database.ExecuteAsync("INSERT INTO absence_reports (id, tenant_id, pupil_id, reason_id, from_date, reported_by_id, reported_at) VALUES ($1, $2, $3, $4, $6, $5, $7)",
            report, app.A.Id, child, reason, me, app.Today, app.Now);
        // The same person at school B keeps that account: it is another school's.
        var (bAccount, _) = await app.ParentWithChildAsync(app.B, null, email, "Nina");

        using var client = await app.SignedInAsync(app.A, email);
        using var otherDevice = await app.SignedInAsync(app.A, email);
        using (await ProfileApp.UploadPhotoAsync(client, TestImages.Quadrants(100, 100)))
        {
        }
        var photo = await app.Database.ScalarAsync<Guid>("SELECT photo_blob_id FROM users WHERE id = $1", me);
        // A mail to the address sits in the outbox (the forgotten-password mail).
        using (await app.ClientFor("alfa").PostFormAsync("/Account/ForgotPassword", new Dictionary<string, string> { ["Email"] = email }))
        {
        }
        Assert.True(await app.CountAsync("SELECT count(*) FROM outbox_emails WHERE to_address = $1 AND tenant_id = $2 AND kind = 'account.password-reset'", email, app.A.Id) == 1);

        using var response = await client.PostFormAsync("/Account/Settings/Data?handler=Delete", Delete(SchoolApp.Password, confirm: true), "/Account/Settings/Data");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/Deleted", response.Headers.Location?.OriginalString);
        Assert.Contains("Je account is verwijderd.", await client.GetStringAsync("/Account/Deleted"));

        // The account row is a nameless tombstone: nothing personal, no way to sign in.
        Assert.Equal(1, await app.CountAsync(
            """
            SELECT count(*) FROM users WHERE id = $1 AND email IS NULL AND normalized_email IS NULL AND user_name IS NULL
              AND first_name = 'Verwijderd account' AND last_name = '' AND phone_number IS NULL AND about_me IS NULL
              AND password_hash IS NULL AND photo_blob_id IS NULL AND photo_thumbnail_blob_id IS NULL
              AND deleted_at IS NOT NULL AND deactivated_at IS NOT NULL
            """, me));
        Assert.Equal(1, await app.CountAsync("SELECT count(*) FROM absence_reports WHERE id = $1 AND reported_by_id = $2", report, me));
        Assert.Equal(0, await app.CountAsync("SELECT count(*) FROM users WHERE tenant_id = $1 AND (first_name = 'Lotte' OR lower(email) = lower($2))", app.A.Id, email));
        Assert.Equal(0, await app.CountAsync("SELECT count(*) FROM guardianships WHERE user_id = $1", me));
        Assert.Equal(0, await app.CountAsync("SELECT count(*) FROM user_roles WHERE user_id = $1", me));
        Assert.Equal(0, await app.CountAsync("SELECT count(*) FROM notifications WHERE user_id = $1", me));
        Assert.Equal(0, await app.CountAsync("SELECT count(*) FROM blobs WHERE id = $1", photo));
        Assert.Equal(0, await app.CountAsync("SELECT count(*) FROM calendar_event_sign_ups WHERE user_id = $1", me));
        Assert.Equal(0, await app.Database.ScalarAsync<int>("SELECT sign_up_count FROM calendar_events WHERE id = $1", eventId));
        Assert.Equal(0, await app.CountAsync("SELECT count(*) FROM outbox_emails WHERE lower(to_address) = lower($1) AND tenant_id = $2", email, app.A.Id));

        // The children stay at school; Lotte stays with her other guardian.
        Assert.Equal(2, await app.CountAsync("SELECT count(*) FROM pupils WHERE id = ANY($1) AND archived_at IS NULL", new[] { child, secondChild }));
        Assert.Equal(1, await app.CountAsync("SELECT count(*) FROM guardianships WHERE pupil_id = $1 AND user_id = $2", child, coParent));
        Assert.Equal(1, await app.CountAsync("SELECT count(*) FROM notifications WHERE user_id = $1", coParent));
        // The conference booked for Lotte stays, now in the other guardian's name.
        Assert.Equal(coParent, await app.Database.ScalarAsync<Guid>("SELECT booked_by_id FROM conference_bookings WHERE id = $1", booking));
        // The log keeps the fact, with ids only.
        Assert.Equal(2, await app.CountAsync("SELECT count(*) FROM guardianship_log WHERE user_id = $1 AND change = 'AccountDeleted'", me));

        // Nothing of school B changed.
        Assert.Equal(1, await app.CountAsync("SELECT count(*) FROM users WHERE id = $1", bAccount));
        Assert.Equal(1, await app.CountAsync("SELECT count(*) FROM guardianships WHERE user_id = $1", bAccount));

        // Signed out here and elsewhere; the address can no longer sign in at school A.
        using var settings = await otherDevice.GetAsync("/Account/Settings");
        Assert.Equal(HttpStatusCode.Redirect, settings.StatusCode);
        using var signIn = app.ClientFor("alfa");
        using var attempt = await signIn.PostFormAsync("/Account/SignIn", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = SchoolApp.Password });
        Assert.Equal(HttpStatusCode.OK, attempt.StatusCode);
        // The address is free again: the person can come back with a koppelcode later.
        Assert.Equal(0, await app.CountAsync("SELECT count(*) FROM users WHERE tenant_id = $1 AND normalized_email = upper($2)", app.A.Id, email));
        // The other guardian still sees the child.
        using var co = await app.SignedInAsync(app.A, coEmail);
        Assert.Contains("Lotte", await co.GetStringAsync("/"));
    }

    [Theory]
    [InlineData(SchoolApp.Password, false, "Vink aan dat je begrijpt dat verwijderen niet ongedaan kan worden.")]
    [InlineData("", true, "Vul je huidige wachtwoord in.")]
    [InlineData("verkeerd-wachtwoord-1", true, "Je huidige wachtwoord klopt niet.")]
    public async Task BadInputOnTheDeleteFormGetsAClearMessageAndDeletesNothing(string password, bool confirm, string message)
    {
        var email = app.NewEmail("blijf");
        var (me, child) = await app.ParentWithChildAsync(app.A, null, email, "Otto");
        using var client = await app.SignedInAsync(app.A, email);
        using var response = await client.PostFormAsync("/Account/Settings/Data?handler=Delete", Delete(password, confirm), "/Account/Settings/Data");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, await ProfileApp.TextAsync(response));
        Assert.Equal(1, await app.CountAsync("SELECT count(*) FROM users WHERE id = $1 AND deleted_at IS NULL AND email = $2", me, email));
        Assert.Equal(1, await app.CountAsync("SELECT count(*) FROM guardianships WHERE user_id = $1 AND pupil_id = $2", me, child));
        Assert.Equal(0, await app.CountAsync("SELECT count(*) FROM guardianship_log WHERE user_id = $1", me));
    }

    [Fact]
    public async Task AStaffAccountIsNotDeletedByItsUser()
    {
        var email = app.NewEmail("leerkracht");
        var teacher = await app.A.AddUserAsync(email, Roles.Teacher, Roles.Parent);
        using var client = await app.SignedInAsync(app.A, email);
        var page = await ProfileApp.TextAsync(await client.GetAsync("/Account/Settings/Data"));
        Assert.Contains("Vraag de administratie van Basisschool Alfa", page);
        using var response = await client.PostFormAsync("/Account/Settings/Data?handler=Delete", Delete(SchoolApp.Password, confirm: true), "/Account/Settings/Data");
        Assert.Contains("Vraag de administratie van Basisschool Alfa", await ProfileApp.TextAsync(response));
        Assert.Equal(1, await app.CountAsync("SELECT count(*) FROM users WHERE id = $1 AND deleted_at IS NULL", teacher));
    }
}
