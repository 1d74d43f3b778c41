using System.Net;
using Schoolplein.Testing;
using Xunit;

namespace Schoolplein.Tenant.Web.Tests.Profiles;

public sealed class ProfileSettingsTests(ProfileApp app) : IClassFixture<ProfileApp>
{
    private static Dictionary<string, string> Details(string about, string phone, bool visible)
    {
        var form = new Dictionary<string, string> { ["AboutMe"] = about, ["PhoneNumber"] = phone };
        if (visible)
        {
            form["PhoneVisible"] = "true";
        }
        return form;
    }

    [Fact]
    public async Task TheNameMenuLeadsToSettingsAndEverySettingsPageOpens()
    {
        var email = app.NewEmail("menu");
        await app.A.AddUserAsync(email);
        using var client = await app.SignedInAsync(app.A, email);
        var home = await client.GetHtmlAsync("/");
        var menu = home.QuerySelector("header details.name-menu");
        Assert.NotNull(menu);
        Assert.NotNull(menu.QuerySelector("a[href='/Account/Settings']"));
        Assert.NotNull(menu.QuerySelector("form[action='/Account/SignOut']"));
        var settings = await client.GetHtmlAsync("/Account/Settings");
        foreach (var path in new[] { "/Account/Settings/Profile", "/Account/Settings/Preferences", "/Account/Join", "/Account/Settings/Email", "/Account/Settings/Security", "/Account/Settings/Data" })
        {
            Assert.NotNull(settings.QuerySelector($"a[href='{path}']"));
            using var page = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }
    }

    [Fact]
    public async Task SettingsNeedASignedInUser()
    {
        using var client = app.ClientFor("alfa");
        using var response = await client.GetAsync("/Account/Settings/Profile");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/SignIn", response.Headers.Location?.PathAndQuery);
    }

    [Fact]
    public async Task AboutMeAndPhoneAreSavedWithThePhoneAsE164AndNotVisibleByDefault()
    {
        var email = app.NewEmail("profiel");
        var id = await app.A.AddUserAsync(email);
        using var client = await app.SignedInAsync(app.A, email);
        Assert.False(await app.Database.ScalarAsync<bool>("SELECT phone_visible_to_parents FROM users WHERE id = $1", id));
        var page = await client.GetHtmlAsync("/Account/Settings/Profile");
        Assert.Null(page.QuerySelector("input[name=PhoneVisible][checked]"));

        using (var saved = await client.PostFormAsync("/Account/Settings/Profile?handler=Details", Details("  Moeder van Fenna (groep 4).  ", "06-1234 5678", visible: false), "/Account/Settings/Profile"))
        {
            Assert.Contains("Je profiel is opgeslagen.", await ProfileApp.TextAsync(saved));
        }
        Assert.Equal("+31612345678", await app.Database.ScalarAsync<string>("SELECT phone_number FROM users WHERE id = $1", id));
        Assert.Equal("Moeder van Fenna (groep 4).", await app.Database.ScalarAsync<string>("SELECT about_me FROM users WHERE id = $1", id));
        Assert.False(await app.Database.ScalarAsync<bool>("SELECT phone_visible_to_parents FROM users WHERE id = $1", id));

        using (await client.PostFormAsync("/Account/Settings/Profile?handler=Details", Details("", "+32 470 12 34 56", visible: true), "/Account/Settings/Profile"))
        {
        }
        Assert.Equal("+32470123456", await app.Database.ScalarAsync<string>("SELECT phone_number FROM users WHERE id = $1", id));
        Assert.True(await app.Database.ScalarAsync<bool>("SELECT phone_visible_to_parents FROM users WHERE id = $1", id));
        Assert.Equal(1, await app.CountAsync("SELECT count(*) FROM users WHERE id = $1 AND about_me IS NULL", id));
        page = await client.GetHtmlAsync("/Account/Settings/Profile");
        Assert.Equal("+32 470 12 34 56", page.QuerySelector("input[name=PhoneNumber]")?.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector("input[name=PhoneVisible][checked]"));

        // Clearing the number removes it.
        using (await client.PostFormAsync("/Account/Settings/Profile?handler=Details", Details("", "", visible: false), "/Account/Settings/Profile"))
        {
        }
        Assert.Equal(1, await app.CountAsync("SELECT count(*) FROM users WHERE id = $1 AND phone_number IS NULL", id));
    }

    /// <summary>
    /// Submits the page's form that holds <paramref name="field"/> the way a browser does: to its
    /// action attribute, or to the page's own address (query included) when it has none.
    /// </summary>
    private static async Task<HttpResponseMessage> SubmitFormWithAsync(HttpClient client, HttpResponseMessage shown, string field, IDictionary<string, string> fields)
    {
        var page = await shown.HtmlAsync();
        var form = page.QuerySelectorAll("form").Single(f => f.QuerySelector($"[name='{field}']") is not null);
        var action = form.GetAttribute("action");
        var target = string.IsNullOrEmpty(action) ? shown.RequestMessage!.RequestUri!.PathAndQuery : System.Net.WebUtility.HtmlDecode(action);
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return await client.PostAsync(target, new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token }));
    }

    [Fact]
    public async Task AfterUploadingAPhotoTheProfileFormSavesItsOwnFieldsAndKeepsTypedTextOnAnError()
    {
        var email = app.NewEmail("foto.tekst");
        var id = await app.A.AddUserAsync(email);
        using var client = await app.SignedInAsync(app.A, email);
        using var uploaded = await ProfileApp.UploadPhotoAsync(client, TestImages.Quadrants(300, 200));
        Assert.Contains("Je nieuwe profielfoto is opgeslagen.", await ProfileApp.TextAsync(uploaded));
        var photo = await app.Database.ScalarAsync<Guid>("SELECT photo_blob_id FROM users WHERE id = $1", id);

        // A mistake in the phone number: the typed text stays, the error is about the phone, nothing is saved.
        using var refused = await SubmitFormWithAsync(client, uploaded, "AboutMe", Details("Vader van Sem, groep 3.", "bel me", visible: true));
        var refusedText = await ProfileApp.TextAsync(refused);
        Assert.Contains("Vul een geldig telefoonnummer in", refusedText);
        Assert.DoesNotContain("Kies een foto om te uploaden", refusedText);
        var refusedPage = await refused.HtmlAsync();
        Assert.Equal("Vader van Sem, groep 3.", refusedPage.QuerySelector("#about")!.TextContent);
        Assert.Equal("bel me", refusedPage.QuerySelector("#phone")!.GetAttribute("value"));
        Assert.Equal(1, await app.CountAsync("SELECT count(*) FROM users WHERE id = $1 AND about_me IS NULL AND phone_number IS NULL", id));

        // Corrected and saved from that page: the profile form's own handler, the photo untouched.
        using var saved = await SubmitFormWithAsync(client, refused, "AboutMe", Details("Vader van Sem, groep 3.", "06 12345678", visible: true));
        var savedText = await ProfileApp.TextAsync(saved);
        Assert.Contains("Je profiel is opgeslagen.", savedText);
        Assert.DoesNotContain("Kies een foto om te uploaden", savedText);
        Assert.Equal(1, await app.CountAsync(
            "SELECT count(*) FROM users WHERE id = $1 AND about_me = 'Vader van Sem, groep 3.' AND phone_number = '+31612345678' AND phone_visible_to_parents AND photo_blob_id = $2", id, photo));

        // Straight after the upload too.
        using var again = await ProfileApp.UploadPhotoAsync(client, TestImages.Quadrants(200, 200));
        using var direct = await SubmitFormWithAsync(client, again, "AboutMe", Details("Vader van Sem.", "06 12345678", visible: false));
        Assert.Contains("Je profiel is opgeslagen.", await ProfileApp.TextAsync(direct));
        Assert.Equal(1, await app.CountAsync("SELECT count(*) FROM users WHERE id = $1 AND about_me = 'Vader van Sem.'", id));
    }

    [Theory]
    [InlineData("", "bel me maar", "Vul een geldig telefoonnummer in")]
    [InlineData("", "06 123", "Vul een geldig telefoonnummer in")]
    [InlineData("", "+999 123456789", "Vul een geldig telefoonnummer in")]
    [InlineData("TOO_LONG", "06 12345678", "\"Over mij\" mag hoogstens 1000 tekens lang zijn.")]
    public async Task BadProfileInputGetsAClearMessageAndSavesNothing(string about, string phone, string message)
    {
        var email = app.NewEmail("slecht");
        var id = await app.A.AddUserAsync(email);
        await app.Database.ExecuteAsync("UPDATE users SET phone_number = '+31201234567', about_me = 'Oud', phone_visible_to_parents = false WHERE id = $1", id);
        using var client = await app.SignedInAsync(app.A, email);
        using var response = await client.PostFormAsync("/Account/Settings/Profile?handler=Details",
            Details(about == "TOO_LONG" ? new string('x', 1001) : about, phone, visible: true), "/Account/Settings/Profile");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, await ProfileApp.TextAsync(response));
        Assert.Equal(1, await app.CountAsync(
            "SELECT count(*) FROM users WHERE id = $1 AND phone_number = '+31201234567' AND about_me = 'Oud' AND NOT phone_visible_to_parents", id));
    }

    [Fact]
    public async Task LanguageAndNotificationChannelsAreSavedAndTheLanguageSwitchStaysConsistent()
    {
        var email = app.NewEmail("taal");
        var id = await app.A.AddUserAsync(email);
        using var client = await app.SignedInAsync(app.A, email);
        var page = await client.GetHtmlAsync("/Account/Settings/Preferences");
        Assert.NotNull(page.QuerySelector("input[name=Channels][value=both][checked]"));
        Assert.NotNull(page.QuerySelector("input[name=Language][value=nl][checked]"));

        using (var saved = await client.PostFormAsync("/Account/Settings/Preferences", new Dictionary<string, string> { ["Language"] = "en", ["Channels"] = "email" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }
        Assert.Equal("en", await app.Database.ScalarAsync<string>("SELECT language FROM users WHERE id = $1", id));
        Assert.Equal(1, await app.Database.ScalarAsync<int>("SELECT notify_by FROM users WHERE id = $1", id));
        var english = await ProfileApp.TextAsync(await client.GetAsync("/Account/Settings/Preferences?saved=true"));
        Assert.Contains("lang=\"en\"", english);
        Assert.Contains("Your preferences have been saved.", english);

        using (await client.PostFormAsync("/Account/Settings/Preferences", new Dictionary<string, string> { ["Language"] = "en", ["Channels"] = "push" }))
        {
        }
        Assert.Equal(2, await app.Database.ScalarAsync<int>("SELECT notify_by FROM users WHERE id = $1", id));

        // The footer switch changes the same setting; the settings page shows it.
        using (await client.PostFormAsync("/Account/Language", new Dictionary<string, string> { ["language"] = "nl", ["returnUrl"] = "/" }, "/"))
        {
        }
        Assert.Equal("nl", await app.Database.ScalarAsync<string>("SELECT language FROM users WHERE id = $1", id));
        page = await client.GetHtmlAsync("/Account/Settings/Preferences");
        Assert.Equal("nl", page.DocumentElement.GetAttribute("lang"));
        Assert.NotNull(page.QuerySelector("input[name=Language][value=nl][checked]"));
        Assert.NotNull(page.QuerySelector("input[name=Channels][value=push][checked]"));

        // A new device signs in in the language of the profile.
        using (await client.PostFormAsync("/Account/Settings/Preferences", new Dictionary<string, string> { ["Language"] = "en", ["Channels"] = "both" }))
        {
        }
        using var other = await app.SignedInAsync(app.A, email);
        Assert.Contains("lang=\"en\"", await other.GetStringAsync("/Account/Settings"));
    }

    [Theory]
    [InlineData("fr", "both", "Kies Nederlands of Engels.")]
    [InlineData("nl", "sms", "Kies hoe je meldingen wilt krijgen.")]
    [InlineData("", "", "Kies Nederlands of Engels.")]
    public async Task BadPreferencesGetAClearMessageAndSaveNothing(string language, string channels, string message)
    {
        var email = app.NewEmail("voorkeur");
        var id = await app.A.AddUserAsync(email);
        using var client = await app.SignedInAsync(app.A, email);
        using var response = await client.PostFormAsync("/Account/Settings/Preferences", new Dictionary<string, string> { ["Language"] = language, ["Channels"] = channels });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, await ProfileApp.TextAsync(response));
        Assert.Equal(1, await app.CountAsync("SELECT count(*) FROM users WHERE id = $1 AND language = 'nl' AND notify_by = 3", id));
    }
}
