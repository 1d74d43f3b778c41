using System.Net;
using System.Text.Json;
using SkiaSharp;
using Schoolplein.Tenant.Web.Tests.Tenancy;
using Schoolplein.Testing;
using Xunit;

using Schoolplein.Tenant.Web.Tests.Notifications;

namespace Schoolplein.Tenant.Web.Tests.Push;

public sealed class InstallableAppTests(TwoSchoolsApp app) : IClassFixture<TwoSchoolsApp>
{
    [Fact]
    public async Task EachSchoolHasItsOwnManifestWithItsNameColourAndIcon()
    {
        foreach (var (slug, name, color) in new[] { ("alfa", "Basisschool Alfa", "#0B6E5F"), ("bravo", "Kindcentrum Bravo", "#A63D12") })
        {
            using var client = app.ClientFor(slug);
            using var response = await client.GetAsync("/manifest.webmanifest");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/manifest+json", response.Content.Headers.ContentType!.MediaType);
            using var manifest = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var root = manifest.RootElement;
            Assert.Equal(name, root.GetProperty("name").GetString());
            Assert.Equal(color, root.GetProperty("theme_color").GetString());
            Assert.Equal("standalone", root.GetProperty("display").GetString());
            Assert.Equal("/", root.GetProperty("start_url").GetString());
            var icon = root.GetProperty("icons").EnumerateArray().First(i => i.GetProperty("sizes").GetString() == "192x192").GetProperty("src").GetString()!;
            using var png = await client.GetAsync(icon);
            Assert.Equal("image/png", png.Content.Headers.ContentType!.MediaType);
            using var bitmap = SKBitmap.Decode(await png.Content.ReadAsByteArrayAsync());
            Assert.Equal(192, bitmap.Width);
            // Without a logo the icon is the school's colour with its initial.
            Assert.Equal(SKColor.Parse(color), bitmap.GetPixel(4, 4));
        }
    }

    [Fact]
    public async Task PagesLinkTheManifestAndTheServiceWorkerHandlesPushAndClicks()
    {
        using var client = await app.SignedInAsync("alfa", app.InA.ParentEmail);
        var home = await client.GetStringAsync("/");
        Assert.Contains("rel=\"manifest\" href=\"/manifest.webmanifest\"", home);
        Assert.Contains("/js/app.js", home);
        var worker = await client.GetStringAsync("/sw.js");
        Assert.Contains("addEventListener('push'", worker);
        Assert.Contains("showNotification", worker);
        Assert.Contains("addEventListener('notificationclick'", worker);
        Assert.Contains("openWindow", worker);
        Assert.Contains("'/offline'", worker);
    }

    [Fact]
    public async Task TheOfflinePageIsReachableWithoutSigningInInBothLanguages()
    {
        using var client = app.ClientFor("alfa");
        var dutch = await client.GetStringAsync("/offline");
        Assert.Contains("Geen verbinding", dutch);
        Assert.Contains("Basisschool Alfa", dutch);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/offline");
        request.Headers.Add("Cookie", ".AspNetCore.Culture=" + Uri.EscapeDataString("c=en-GB|uic=en-GB"));
        using var english = await client.SendAsync(request);
        Assert.Contains("No connection", await english.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheSettingsPageOffersPushForThisDeviceAndInstallGuidance()
    {
        using var client = await app.SignedInAsync("alfa", app.InA.ParentEmail);
        var html = await client.GetStringAsync("/Account/Settings/Preferences");
        Assert.Contains("id=\"push-settings\"", html);
        Assert.Contains("Pushberichten aanzetten", html);
        Assert.Contains("Zet op beginscherm", html);
        Assert.Contains("/js/push.js", html);
    }

    [Fact]
    public async Task TheDailyDigestChoiceIsSavedAndABadValueIsRefused()
    {
        var user = await app.A.AddUserAsync("samenvatting@ouders.test");
        using var client = await app.SignedInAsync("alfa", "samenvatting@ouders.test");
        using (var bad = await client.PostFormAsync("/Account/Settings/Preferences", new Dictionary<string, string>
        {
            ["Language"] = "nl", ["Channels"] = "both", ["Digest"] = "weekly",
        }))
        {
            Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
            Assert.Contains("Kies een e-mail per melding of één per dag.", WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync()));
        }
        Assert.False(await app.Database.ScalarAsync<bool>("SELECT email_digest FROM users WHERE id = $1", user));
        using (var good = await client.PostFormAsync("/Account/Settings/Preferences", new Dictionary<string, string>
        {
            ["Language"] = "nl", ["Channels"] = "both", ["Digest"] = "daily",
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        }
        Assert.True(await app.Database.ScalarAsync<bool>("SELECT email_digest FROM users WHERE id = $1", user));
    }

    [Fact]
    public async Task AdminsSetTheSchoolsQuietHoursAndABadTimeIsRefusedWithoutSaving()
    {
        using var admin = await app.SignedInAsync("bravo", app.InB.AdminEmail);
        var fields = new Dictionary<string, string>
        {
            ["MaxUses"] = "4",
            ["ValidDays"] = "365",
            ["EscalationMinutes"] = Schoolplein.Platform.Schools.SchoolSettings.DefaultUrgentEscalationMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["QuietStart"] = "25:00",
            ["QuietEnd"] = "06:30",
        };
        using (var bad = await admin.PostFormAsync("/beheer/instellingen", fields))
        {
            Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
            Assert.Contains("Vul een tijd in als uu:mm", await bad.Content.ReadAsStringAsync());
        }
        Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM school_settings WHERE tenant_id = $1", app.B.Id));
        fields["QuietStart"] = "22:00";
        using (var good = await admin.PostFormAsync("/beheer/instellingen", fields))
        {
            Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        }
        Assert.Equal("22:00:00", await app.Database.ScalarAsync<string>("SELECT quiet_hours_start::text FROM school_settings WHERE tenant_id = $1", app.B.Id));
        Assert.Equal("06:30:00", await app.Database.ScalarAsync<string>("SELECT quiet_hours_end::text FROM school_settings WHERE tenant_id = $1", app.B.Id));
    }
}
