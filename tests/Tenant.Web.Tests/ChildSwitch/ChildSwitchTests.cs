using System.Net;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Tenancy;
using Schoolplein.Tenant.Web.ChildSwitch;
using Schoolplein.Tenant.Web.Tests.Timeline;
using Schoolplein.Testing;
using Xunit;
using static Schoolplein.Tenant.Web.Tests.Timeline.TimelineApp;

namespace Schoolplein.Tenant.Web.Tests.ChildSwitch;

/// <summary>
/// Issue 17: "child switcher with the child's initials/avatar and group, kept across pages". A parent with
/// Noor (Groep 3/4) and Finn (Groep 5) chooses a child in the header; the choice is a host-only cookie that
/// the timeline, agenda, sick report and leave request follow. Children that are not the parent's (another
/// family's, another school's, archived, unknown) can be neither chosen nor smuggled in through the cookie.
/// </summary>
public sealed class ChildSwitchTests(ChildSwitchTests.SwitchApp app) : IClassFixture<ChildSwitchTests.SwitchApp>
{
    public const string Parent = "wissel.ouder@zonnebloem.test";

    public sealed class SwitchApp : TimelineApp
    {
        public Guid Noor { get; private set; }
        public Guid Finn { get; private set; }
        public Guid Mees { get; private set; }
        public Guid Bram { get; private set; }
        public Guid ParentId { get; private set; }

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            Noor = await A.AddPupilAsync(G34, "Noor", "Wissel");
            Finn = await A.AddPupilAsync(G5, "Finn", "Wissel");
            Mees = await A.AddPupilAsync(G34, "Mees", "Wissel");
            ParentId = await A.AddUserAsync(Parent, Roles.Parent);
            foreach (var child in new[] { Noor, Finn, Mees })
            {
                await A.LinkGuardianAsync(child, ParentId);
            }
            // Mees left the school: his parent keeps the link in the records, but he is no longer a child to choose.
            await Database.ExecuteAsync("UPDATE pupils SET archived_at = now() WHERE id = $1", Mees);
            Bram = await Database.ScalarAsync<Guid>("SELECT id FROM pupils WHERE tenant_id = $1 AND first_name = 'Bram'", B.Id);
        }
    }

    private static string? ChoiceCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values.FirstOrDefault(v => v.StartsWith(ChildChoice.CookieName + "=", StringComparison.Ordinal)) : null;

    private async Task PublishNewsAsync(string tag)
    {
        using var teacher34 = await app.SignedInAsync("zonnebloem", Teacher34Email);
        await PublishOkAsync(teacher34, $"{tag}: groep 3/4", "Voor groep 3/4.", [app.G34]);
        using var teacher5 = await app.SignedInAsync("zonnebloem", Teacher5Email);
        await PublishOkAsync(teacher5, $"{tag}: groep 5", "Voor groep 5.", [app.G5]);
        using var admin = await app.SignedInAsync("zonnebloem", AdminEmail);
        await PublishOkAsync(admin, $"{tag}: hele school", "Voor iedereen.", schoolWide: true);
    }

    [Fact]
    public async Task ChoosingAChildSetsAHostOnlyCookieAndTheTimelineShowsThatChildsGroupAndSchoolNewsOnTheNextPages()
    {
        await PublishNewsAsync("Keuze");
        using var parent = await app.SignedInAsync("zonnebloem", Parent);

        using var choose = await parent.GetAsync($"/kind/{app.Noor}?terug=%2Fagenda");
        Assert.Equal(HttpStatusCode.Redirect, choose.StatusCode);
        Assert.Equal("/agenda", choose.Headers.Location?.OriginalString);
        var cookie = ChoiceCookie(choose) ?? throw new InvalidOperationException("no cookie set");
        Assert.StartsWith($"{ChildChoice.CookieName}={app.Noor:N};", cookie);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", cookie, StringComparison.OrdinalIgnoreCase);
        // Served over http here; over https the cookie is Secure (the same options with Request.IsHttps).
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase);

        var timeline = await parent.GetHtmlAsync("/");
        var text = timeline.Body!.TextContent;
        Assert.Contains("Keuze: groep 3/4", text);
        Assert.Contains("Keuze: hele school", text);
        Assert.DoesNotContain("Keuze: groep 5", text);
        // The header shows Noor's initials and group; the menu offers all children and each child.
        var summary = timeline.QuerySelector("header details.kids summary") ?? throw new InvalidOperationException("no switcher");
        Assert.Equal("NW", summary.QuerySelector(".initial")?.TextContent);
        Assert.Equal("Groep 3/4", summary.QuerySelector(".kid-group")?.TextContent);
        Assert.Equal("Kind kiezen, nu: Noor, Groep 3/4", summary.GetAttribute("aria-label"));
        var items = timeline.QuerySelectorAll("header details.kids li a").Select(a => (a.TextContent, a.GetAttribute("href"), a.GetAttribute("aria-current"))).ToList();
        Assert.Equal(3, items.Count);
        Assert.Contains("Alle kinderen", items[0].TextContent);
        Assert.Equal("/kind/alle", items[0].Item2);
        Assert.Contains("Finn · Groep 5", items[1].TextContent);
        Assert.Contains("Noor · Groep 3/4", items[2].TextContent);
        Assert.Equal("true", items[2].Item3);
        Assert.DoesNotContain(items, i => i.TextContent.Contains("Mees", StringComparison.Ordinal));
        // The old list of ?child= links under the greeting is gone for parents: the header does it.
        Assert.Null(timeline.QuerySelector("nav.filter"));

        // Kept on another page: the switcher there still shows Noor, and its links return to that page.
        var agenda = await parent.GetHtmlAsync("/agenda?month=2027-01");
        Assert.Equal("Groep 3/4", agenda.QuerySelector("header details.kids summary .kid-group")?.TextContent);
        Assert.Equal("/kind/alle?terug=%2Fagenda%3Fmonth%3D2027-01", agenda.QuerySelector("header details.kids li a")?.GetAttribute("href"));
        Assert.Equal(app.Noor.ToString(), agenda.QuerySelector("select#child option[selected]")?.GetAttribute("value"));

        // Choosing the other child switches the timeline over.
        using var finn = await parent.GetAsync($"/kind/{app.Finn}");
        Assert.Equal("/", finn.Headers.Location?.OriginalString);
        var finnText = (await parent.GetHtmlAsync("/")).Body!.TextContent;
        Assert.Contains("Keuze: groep 5", finnText);
        Assert.Contains("Keuze: hele school", finnText);
        Assert.DoesNotContain("Keuze: groep 3/4", finnText);
    }

    [Fact]
    public async Task SigningOutForgetsTheChosenChild()
    {
        using var parent = await app.SignedInAsync("zonnebloem", Parent);
        (await parent.GetAsync($"/kind/{app.Finn}")).Dispose();
        using var signOut = await parent.PostFormAsync("/Account/SignOut", new Dictionary<string, string>(), "/meer");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, signOut.StatusCode);
        var cleared = ChoiceCookie(signOut) ?? throw new InvalidOperationException("signing out left the chosen child");
        Assert.Contains("expires=Thu, 01 Jan 1970", cleared, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AllChildrenClearsTheChoice()
    {
        await PublishNewsAsync("Alles");
        using var parent = await app.SignedInAsync("zonnebloem", Parent);
        (await parent.GetAsync($"/kind/{app.Finn}")).Dispose();
        Assert.DoesNotContain("Alles: groep 3/4", (await parent.GetHtmlAsync("/")).Body!.TextContent);

        using var all = await parent.GetAsync("/kind/alle?terug=%2Fafwezigheid");
        Assert.Equal("/afwezigheid", all.Headers.Location?.OriginalString);
        var cleared = ChoiceCookie(all) ?? throw new InvalidOperationException("the cookie was not cleared");
        Assert.Contains("expires=Thu, 01 Jan 1970", cleared, StringComparison.OrdinalIgnoreCase);

        var timeline = await parent.GetHtmlAsync("/");
        var text = timeline.Body!.TextContent;
        Assert.Contains("Alles: groep 3/4", text);
        Assert.Contains("Alles: groep 5", text);
        Assert.Equal("Alle kinderen", timeline.QuerySelector("header details.kids summary .kid-group")?.TextContent);
        Assert.Null(timeline.QuerySelector("header details.kids summary .initial"));
    }

    [Fact]
    public async Task AChildThatIsNotTheParentsIsNotFoundAndSetsNoCookie()
    {
        using var parent = await app.SignedInAsync("zonnebloem", Parent);
        (await parent.GetAsync($"/kind/{app.Noor}")).Dispose();
        // Another family's child, another school's child, an archived child, an unknown id, not an id at all.
        foreach (var path in new[] { $"/kind/{app.Tim}", $"/kind/{app.Bram}", $"/kind/{app.Mees}", $"/kind/{Guid.NewGuid()}", "/kind/iemand", "/kind/ALLE2" })
        {
            using var response = await parent.GetAsync(path + "?terug=%2Fagenda");
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path} answered {response.StatusCode}");
            Assert.Null(ChoiceCookie(response));
            Assert.DoesNotContain("Bram", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        // The earlier choice still stands.
        Assert.Equal("Groep 3/4", (await parent.GetHtmlAsync("/")).QuerySelector("header details.kids summary .kid-group")?.TextContent);

        // The other school's parent can choose Bram on their own school's host, and that cookie stays on that host.
        using var other = await app.SignedInAsync("sterrenwacht", ParentB);
        using var own = await other.GetAsync($"/kind/{app.Bram}");
        Assert.Equal(HttpStatusCode.Redirect, own.StatusCode);
        Assert.DoesNotContain("domain=", ChoiceCookie(own) ?? "", StringComparison.OrdinalIgnoreCase);
        using var foreign = await other.GetAsync($"/kind/{app.Noor}");
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
    }

    [Fact]
    public async Task AStaleOrForeignCookieIsIgnoredAsAllChildren()
    {
        await PublishNewsAsync("Oud");
        var auth = await app.AuthCookieAsync("zonnebloem", Parent);
        // An id of another school, another family's child, the archived child and garbage: each reads as "all children".
        foreach (var value in new[] { app.Bram.ToString("N"), app.Tim.ToString("N"), app.Mees.ToString("N"), "x'--" })
        {
            using var response = await app.GetWithCookieAsync("zonnebloem.localhost", "/", $"{auth}; {ChildChoice.CookieName}={value}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.HtmlAsync();
            var text = page.Body!.TextContent;
            Assert.Contains("Oud: groep 3/4", text);
            Assert.Contains("Oud: groep 5", text);
            Assert.DoesNotContain("Bram", text, StringComparison.Ordinal);
            Assert.Equal("Alle kinderen", page.QuerySelector("header details.kids summary .kid-group")?.TextContent);
        }

        // A child unlinked after being chosen: the cookie still names it, the pages act as if nothing was chosen.
        var ties = await app.A.AddPupilAsync(app.G5, "Ties", "Wissel");
        await app.A.LinkGuardianAsync(ties, app.ParentId);
        using var parent = await app.SignedInAsync("zonnebloem", Parent);
        (await parent.GetAsync($"/kind/{ties}")).Dispose();
        Assert.DoesNotContain("Oud: groep 3/4", (await parent.GetHtmlAsync("/")).Body!.TextContent);
        await app.Database.ExecuteAsync("DELETE FROM guardianships WHERE pupil_id = $1", ties);
        var after = await parent.GetHtmlAsync("/");
        Assert.Contains("Oud: groep 3/4", after.Body!.TextContent);
        Assert.DoesNotContain("Ties", after.QuerySelector("header")!.TextContent, StringComparison.Ordinal);
        using var absence = await parent.GetAsync("/afwezigheid");
        Assert.Equal(HttpStatusCode.OK, absence.StatusCode);
    }

    [Fact]
    public async Task AnExternalReturnAddressGoesToTheStartPage()
    {
        using var parent = await app.SignedInAsync("zonnebloem", Parent);
        foreach (var back in new[] { "https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)", "%0d%0aLocation:%20https://evil.example" })
        {
            using var response = await parent.GetAsync($"/kind/{app.Finn}?terug={Uri.EscapeDataString(back)}");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/", response.Headers.Location?.OriginalString);
        }
        using var local = await parent.GetAsync($"/kind/alle?terug={Uri.EscapeDataString("/verlof/aanvragen")}");
        Assert.Equal("/verlof/aanvragen", local.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task TheSickReportAndLeaveFormsPreselectTheChosenChild()
    {
        using var parent = await app.SignedInAsync("zonnebloem", Parent);
        var before = await parent.GetHtmlAsync("/afwezigheid");
        Assert.Null(before.QuerySelector("select#child option[selected]"));
        Assert.Empty((await parent.GetHtmlAsync("/verlof/aanvragen")).QuerySelectorAll("input[name='Input.PupilIds'][checked]"));

        (await parent.GetAsync($"/kind/{app.Finn}")).Dispose();
        var absence = await parent.GetHtmlAsync("/afwezigheid");
        Assert.Equal(app.Finn.ToString(), absence.QuerySelector("select#child option[selected]")?.GetAttribute("value"));
        Assert.Equal(2, absence.QuerySelectorAll("select#child option").Length);
        var leave = await parent.GetHtmlAsync("/verlof/aanvragen");
        var ticked = leave.QuerySelectorAll("input[name='Input.PupilIds'][checked]").Select(i => i.GetAttribute("value")).ToList();
        Assert.Equal([app.Finn.ToString()], ticked);
        Assert.Equal(2, leave.QuerySelectorAll("input[name='Input.PupilIds']").Length);
    }

    [Fact]
    public async Task AParentWithOneChildSeesJustTheBadgeAndStaffSeeNoSwitcher()
    {
        var tim = await (await app.SignedInAsync("zonnebloem", ParentTim)).GetHtmlAsync("/");
        var badge = tim.QuerySelector("header .kids") ?? throw new InvalidOperationException("no badge");
        Assert.Equal("DIV", badge.TagName);
        Assert.Equal("TD", badge.QuerySelector(".initial")?.TextContent);
        Assert.Contains("Groep 3/4", badge.TextContent);
        Assert.Null(tim.QuerySelector("header details.kids"));

        foreach (var staff in new[] { Teacher34Email, AdminEmail })
        {
            var page = await (await app.SignedInAsync("zonnebloem", staff)).GetHtmlAsync("/");
            Assert.Null(page.QuerySelector("header .kids"));
        }
        // Nobody signed in: no switcher and no child list to choose from.
        using var anonymous = app.ClientFor("zonnebloem");
        Assert.Null((await anonymous.GetHtmlAsync("/")).QuerySelector("header .kids"));
        using var choose = await anonymous.GetAsync($"/kind/{app.Noor}");
        Assert.Equal(HttpStatusCode.Redirect, choose.StatusCode);
        Assert.Contains("/Account/SignIn", choose.Headers.Location?.OriginalString ?? "", StringComparison.OrdinalIgnoreCase);
        Assert.Null(ChoiceCookie(choose));
    }

    [Fact]
    public void EveryBadgeColourCarriesWhiteTextAtWcagAaAndAChildKeepsItsColourAndInitials()
    {
        Assert.All(ChildChoice.Palette, c => Assert.True(BrandColor.ContrastWithWhite(c) >= BrandColor.MinimumContrast, $"{c}: {BrandColor.ContrastWithWhite(c):0.00}"));
        Assert.Equal(ChildChoice.Palette.Length, ChildChoice.Palette.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        var id = Guid.Parse("0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b");
        Assert.Equal(ChildChoice.ColorOf(id), ChildChoice.ColorOf(Guid.Parse(id.ToString())));
        Assert.Equal(ChildChoice.Palette[0x5b % ChildChoice.Palette.Length], ChildChoice.ColorOf(id));
        Assert.Equal("LB", ChildChoice.Initials("Lotte", "Beide"));
        Assert.Equal("ÉD", ChildChoice.Initials(" émile", "Dijk"));
        Assert.Equal("?", ChildChoice.Initials("", " "));
    }
}
