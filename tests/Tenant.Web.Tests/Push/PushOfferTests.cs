using System.Net;
using Schoolplein.Platform.Identity;
using Schoolplein.Tenant.Web.Tests.Timeline;
using Schoolplein.Testing;
using Xunit;

namespace Schoolplein.Tenant.Web.Tests.Push;

/// <summary>
/// Issue 17: "Install prompt on the home page after the first visit; push permission asked after the parent did
/// something that makes its value clear, not on load". The server side: the install banner is in the timeline from
/// the second visit on (app.js shows it when the browser offers installing), and the push offer is on the page that
/// confirms a sick report, once, never on the timeline. The browser side (no prompt on load, the offer after a
/// sick report, the banner's buttons) is in tests/Browser.Tests/ShellTests.
/// </summary>
public sealed class PushOfferTests(PushOfferTests.OfferApp app) : IClassFixture<PushOfferTests.OfferApp>
{
    public sealed class OfferApp : TimelineApp
    {
        public Guid Jip { get; private set; }

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            Jip = await A.AddPupilAsync(G5, "Jip", "Aanbod");
            await A.LinkGuardianAsync(Jip, await A.AddUserAsync(NewParent, Roles.Parent));
        }
    }

    private const string NewParent = "nieuw.ouder@zonnebloem.test";

    [Fact]
    public async Task TheInstallBannerIsInTheTimelineFromTheSecondVisitOnAndNeverForStaff()
    {
        using var parent = await app.SignedInAsync("zonnebloem", NewParent);
        var first = await parent.GetHtmlAsync("/");
        Assert.Null(first.QuerySelector("#install"));
        var second = await parent.GetHtmlAsync("/");
        var banner = second.QuerySelector("#install") ?? throw new InvalidOperationException("no install banner on the second visit");
        Assert.True(banner.HasAttribute("hidden"));
        Assert.Contains("Zet Schoolplein op je beginscherm", banner.TextContent);
        Assert.Equal(["Installeren", "Niet nu"], banner.QuerySelectorAll("button").Select(b => b.TextContent.Trim()));
        Assert.Contains(second.QuerySelectorAll("script[src]"), s => s.GetAttribute("src")!.StartsWith("/js/app.js", StringComparison.Ordinal));

        using var teacher = await app.SignedInAsync("zonnebloem", TimelineApp.Teacher34Email);
        (await teacher.GetAsync("/")).Dispose();
        Assert.Null((await teacher.GetHtmlAsync("/")).QuerySelector("#install"));
    }

    [Fact]
    public async Task ThePushOfferFollowsASickReportOnceAndIsNeverOnTheTimelineOrAfterARefusedForm()
    {
        using var parent = await app.SignedInAsync("zonnebloem", TimelineApp.ParentSam);
        var form = await parent.GetHtmlAsync("/afwezigheid");
        Assert.Null(form.QuerySelector("#push-offer"));
        Assert.Null((await parent.GetHtmlAsync("/")).QuerySelector("#push-offer"));
        var sick = form.QuerySelectorAll("#reason option").First(o => o.TextContent.Trim() == "Ziek").GetAttribute("value")!;

        // A refused form: the error, no offer, nothing saved.
        var before = await app.Database.ScalarAsync<long>("SELECT count(*) FROM absence_reports");
        using (var refused = await parent.PostFormAsync("/afwezigheid", new Dictionary<string, string> { ["Input.PupilId"] = app.Sam.ToString(), ["Input.ReasonId"] = "", ["Input.Until"] = "Better" }))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var page = await refused.HtmlAsync();
            Assert.NotNull(page.QuerySelector(".errors, .notice.error, [role=alert]"));
            Assert.Null(page.QuerySelector("#push-offer"));
        }
        Assert.Equal(before, await app.Database.ScalarAsync<long>("SELECT count(*) FROM absence_reports"));

        using (var sent = await parent.PostFormAsync("/afwezigheid", new Dictionary<string, string>
        {
            ["Input.PupilId"] = app.Sam.ToString(), ["Input.ReasonId"] = sick, ["Input.Until"] = "Better", ["Input.FromDate"] = "2026-12-08",
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        }
        var confirmation = await parent.GetHtmlAsync("/afwezigheid");
        Assert.NotNull(confirmation.QuerySelector(".notice.success"));
        var offer = confirmation.QuerySelector("#push-offer") ?? throw new InvalidOperationException("no push offer after the sick report");
        // Hidden until push.js has checked that this browser can take push and has not refused: the script asks nothing by itself.
        Assert.True(offer.HasAttribute("hidden"));
        Assert.Contains("Wil je een melding als de school antwoordt?", offer.TextContent);
        Assert.Equal("Ja, stuur me een melding", offer.QuerySelector("button")?.TextContent.Trim());
        Assert.False(string.IsNullOrEmpty(offer.GetAttribute("data-token")));
        Assert.Contains(confirmation.QuerySelectorAll("script[src]"), s => s.GetAttribute("src")!.StartsWith("/js/push.js", StringComparison.Ordinal));

        // Once: the next visit of the same page has no offer.
        Assert.Null((await parent.GetHtmlAsync("/afwezigheid")).QuerySelector("#push-offer"));
        Assert.Null((await parent.GetHtmlAsync("/")).QuerySelector("#push-offer"));
    }
}
