using System.Net;
using Schoolplein.Platform.Blobs;
using Schoolplein.Platform.Persistence;
using Schoolplein.Tenant.Web.Tests.Consent;
using Schoolplein.Testing;
using Xunit;

namespace Schoolplein.Tenant.Web.Tests.Contacts;

/// <summary>
/// The class contact list (fixture: <see cref="ConsentApp"/>). Group 3: Noor (Sanne, Mark), Yara (Aïsha), Femke (Ruud);
/// group 4: Daan (Sanne, Mark), Bo (Bo's parent); juf3 teaches group 3.
/// </summary>
public sealed class ClassContactsTests(ConsentApp app) : IClassFixture<ConsentApp>
{
    private async Task PhoneAsync(Guid user, string phone, bool visible, string? aboutMe = null) =>
        await app.Database.ExecuteAsync(
            "UPDATE users SET phone_number = $2, phone_visible_to_parents = $3, about_me = $4 WHERE id = $1",
            user, phone, visible, (object?)aboutMe ?? DBNull.Value);

    /// <summary>The page as parsed markup (Razor encodes '+' and 'ë' as character references).</summary>
    private static async Task<string> PageAsync(HttpClient client, string url) =>
        (await client.GetHtmlAsync(url)).DocumentElement.OuterHtml;

    private async Task SetUpPhonesAsync()
    {
        await PhoneAsync(app.Sanne, "+31611111111", visible: true, "Moeder van Noor en Daan. Altijd in voor een speelafspraak.");
        await PhoneAsync(app.Mark, "+31622222222", visible: false);
        await PhoneAsync(app.FemkeParent, "+31633333333", visible: false);
        await PhoneAsync(app.BoParent, "+31644444444", visible: true);
        await PhoneAsync(app.YaraParent, "+31655555555", visible: true);
    }

    [Fact]
    public async Task AParentOfGroup3SeesPhonesOnlyOfOptedInGuardiansOfGroup3AndNothingOfGroup4()
    {
        await SetUpPhonesAsync();
        using var client = await app.SignedInAsync("zonnebloem", "aisha@ouders.test");
        var html = await PageAsync(client, $"/klaslijst/{app.Group3}");
        Assert.Contains("+31611111111", html);          // Sanne opted in
        Assert.DoesNotContain("+31622222222", html);    // Mark did not
        Assert.DoesNotContain("+31633333333", html);    // Ruud did not
        Assert.Contains("Ruud Test", html);             // but his name is there
        Assert.Contains("Altijd in voor een speelafspraak.", html);
        Assert.DoesNotContain("@ouders.test", html);    // no e-mail addresses for parents
        Assert.DoesNotContain("+31655555555", html);    // her own family is not listed
        Assert.DoesNotContain("Bo Visser", html);
        Assert.DoesNotContain("+31644444444", html);

        using var group4 = await client.GetAsync($"/klaslijst/{app.Group4}");
        Assert.Equal(HttpStatusCode.NotFound, group4.StatusCode);
        var index = await PageAsync(client, "/klaslijst");
        Assert.Contains($"/klaslijst/{app.Group3}", index);
        Assert.DoesNotContain($"/klaslijst/{app.Group4}", index);
    }

    [Fact]
    public async Task APhoneAppearsForOtherParentsOnlyAfterTheGuardianTurnsVisibilityOn()
    {
        await SetUpPhonesAsync();
        using var client = await app.SignedInAsync("zonnebloem", "aisha@ouders.test");
        Assert.DoesNotContain("+31633333333", await PageAsync(client, $"/klaslijst/{app.Group3}"));
        await app.Database.ExecuteAsync("UPDATE users SET phone_visible_to_parents = true WHERE id = $1", app.FemkeParent);
        Assert.Contains("+31633333333", await PageAsync(client, $"/klaslijst/{app.Group3}"));
        await app.Database.ExecuteAsync("UPDATE users SET phone_visible_to_parents = false WHERE id = $1", app.FemkeParent);
    }

    [Fact]
    public async Task ATeacherSeesAllPhonesAndEmailsOfTheirGroupsAndNothingOfOtherGroupsOrSchools()
    {
        await SetUpPhonesAsync();
        using var client = await app.SignedInAsync("zonnebloem", "juf3@zonnebloem.test");
        var html = await PageAsync(client, $"/klaslijst/{app.Group3}");
        foreach (var phone in new[] { "+31611111111", "+31622222222", "+31633333333", "+31655555555" })
        {
            Assert.Contains(phone, html);
        }
        Assert.Contains("mailto:ruud@ouders.test", html);
        Assert.Contains("mailto:mark@ouders.test", html);
        Assert.DoesNotContain("+31644444444", html);
        foreach (var id in new[] { app.Group4, app.GroupB })
        {
            using var response = await client.GetAsync($"/klaslijst/{id}");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    [Fact]
    public async Task AParentOfAnotherSchoolGetsNotFoundForTheListAndThePhotos()
    {
        var photo = await app.InSchoolAsync(app.A.Id, async scope =>
        {
            var id = await scope.Get<IBlobStore>().PutAsync("image/png", [0x89, 0x50, 0x4E, 0x47]);
            await scope.Get<SchoolpleinDb>().SaveChangesAsync();
            return id;
        });
        await app.Database.ExecuteAsync("UPDATE users SET photo_blob_id = $2 WHERE id = $1", app.FemkeParent, photo);

        using var classmate = await app.SignedInAsync("zonnebloem", "aisha@ouders.test");
        // The photo's own id, never the guardian's user id: other parents do not learn user ids.
        var list = await PageAsync(classmate, $"/klaslijst/{app.Group3}");
        Assert.Contains($"/klaslijst/foto/{photo}", list);
        Assert.DoesNotContain(app.FemkeParent.ToString(), list);
        using (var byUser = await classmate.GetAsync($"/klaslijst/foto/{app.FemkeParent}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, byUser.StatusCode);
        }
        using (var ok = await classmate.GetAsync($"/klaslijst/foto/{photo}"))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal("image/png", ok.Content.Headers.ContentType!.MediaType);
        }
        using var otherGroup = await app.SignedInAsync("zonnebloem", "bo.ouder@ouders.test");
        using (var denied = await otherGroup.GetAsync($"/klaslijst/foto/{photo}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, denied.StatusCode);
        }
        using var foreign = await app.SignedInAsync("vlinder", "ouder@vlinder.test");
        foreach (var url in new[] { $"/klaslijst/{app.Group3}", $"/klaslijst/foto/{photo}" })
        {
            using var response = await foreign.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    [Fact]
    public async Task AGuardianWhoRegisteredButNeverActivatedIsNotListedUntilActivated()
    {
        var pupil = await app.A.AddPupilAsync(app.Group3, "Lotte", "Nieuw");
        var code = await app.InSchoolAsync(app.A.Id, async scope => (await scope.Get<Schoolplein.Platform.LinkCodes.LinkCodeService>().IssueAsync(pupil))!);
        const string email = "nooit.actief@ouders.test";
        using var newcomer = app.ClientFor("zonnebloem");
        using (var registered = await People.PeopleApp.RegisterAsync(newcomer, code.Display, email, "Onbevestigd", "Nieuw"))
        {
            Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        }
        var userId = await app.Database.ScalarAsync<Guid>("SELECT id FROM users WHERE email = $1", email);
        await PhoneAsync(userId, "+31699999999", visible: true, "Nog niet geactiveerd.");
        var photo = await app.InSchoolAsync(app.A.Id, async scope =>
        {
            var id = await scope.Get<IBlobStore>().PutAsync("image/png", [0x89, 0x50, 0x4E, 0x47]);
            await scope.Get<SchoolpleinDb>().SaveChangesAsync();
            return id;
        });
        await app.Database.ExecuteAsync("UPDATE users SET photo_blob_id = $2 WHERE id = $1", userId, photo);

        // Neither other parents nor the teacher see the account (nor its photo) before it is activated; the child is listed.
        using var classmate = await app.SignedInAsync("zonnebloem", "aisha@ouders.test");
        using var teacher = await app.SignedInAsync("zonnebloem", "juf3@zonnebloem.test");
        foreach (var client in new[] { classmate, teacher })
        {
            var html = await PageAsync(client, $"/klaslijst/{app.Group3}");
            Assert.Contains("Lotte Nieuw", html);
            Assert.DoesNotContain("Onbevestigd", html);
            Assert.DoesNotContain("+31699999999", html);
            Assert.DoesNotContain(email, html);
            using var hidden = await client.GetAsync($"/klaslijst/foto/{photo}");
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        }

        // After activation through the mail's link the guardian appears.
        var mail = await app.Mail.WaitForMessageAsync(email);
        using (var activated = await newcomer.GetAsync(People.PeopleApp.LinkIn(mail, "/Account/Activate")))
        {
            Assert.Contains("geactiveerd", await activated.Content.ReadAsStringAsync());
        }
        Assert.Contains("Onbevestigd Nieuw", await PageAsync(classmate, $"/klaslijst/{app.Group3}"));
        Assert.Contains($"mailto:{email}", await PageAsync(teacher, $"/klaslijst/{app.Group3}"));
        using var shown = await classmate.GetAsync($"/klaslijst/foto/{photo}");
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
    }

    [Fact]
    public async Task ADeactivatedGuardianIsNotListed()
    {
        var pupil = await app.A.AddPupilAsync(app.Group3, "Zoë", "Weg");
        var gone = await app.A.AddUserAsync("weg@ouders.test");
        await app.A.LinkGuardianAsync(pupil, gone);
        await app.Database.ExecuteAsync("UPDATE users SET deactivated_at = now(), first_name = 'Vertrokken' WHERE id = $1", gone);
        using var client = await app.SignedInAsync("zonnebloem", "juf3@zonnebloem.test");
        var html = await PageAsync(client, $"/klaslijst/{app.Group3}");
        Assert.Contains("Zoë Weg", html);
        Assert.DoesNotContain("Vertrokken", html);
    }
}
