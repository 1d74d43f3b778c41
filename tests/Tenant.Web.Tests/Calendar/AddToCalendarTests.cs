using System.Net;
using Schoolplein.Testing;
using Xunit;

namespace Schoolplein.Tenant.Web.Tests.Calendar;

/// <summary>"Zet in mijn agenda": one event as an .ics file, read back with the independent ical.js parser.</summary>
public sealed class AddToCalendarTests(CalendarApp app) : IClassFixture<CalendarApp>
{
    private async Task<Guid> EventAsync(string title, Guid[]? groups = null, string start = "2027-03-24", string? time = "09:00", string? end = "14:00")
    {
        using var admin = await app.SignedInAsync("zon", "directie@zon.test");
        Assert.Equal(HttpStatusCode.Redirect, (await CalendarApp.CreateEventAsync(admin, title, start, time, end, groups)).StatusCode);
        return await app.Database.ScalarAsync<Guid>("SELECT id FROM calendar_events WHERE title = $1", title);
    }

    [Fact]
    public async Task AParentDownloadsOneEventOfTheirChildsGroupWithTheFeedsUidAndTheSchoolsTimeZone()
    {
        var id = await EventAsync("Excursie naar het bos", [app.G34]);
        await EventAsync("Iets anders voor groep 3/4", [app.G34]);
        using var parent = await app.SignedInAsync("zon", "ouder@zon.test");

        var details = await parent.GetHtmlAsync($"/agenda/{id}");
        var link = details.QuerySelector($"main a[href='/agenda/{id}/zet-in-agenda']")!;
        Assert.Equal("Zet in mijn agenda", link.TextContent);
        Assert.True(link.HasAttribute("download"));

        using var response = await parent.GetAsync($"/agenda/{id}/zet-in-agenda");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("excursie-naar-het-bos.ics", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var ics = await IcalJs.ParseAsync(await response.Content.ReadAsStringAsync());
        var only = Assert.Single(ics.Events);
        Assert.Equal("Excursie naar het bos", only.Summary);
        Assert.Equal($"{id}@zon.schoolplein", only.Uid);
        Assert.Equal("Europe/Amsterdam", only.Tzid);
        Assert.Equal("Aula", only.Location);
        // 09:00–14:00 Amsterdam in March (winter time, UTC+1).
        Assert.Equal(new DateTimeOffset(2027, 3, 24, 8, 0, 0, TimeSpan.Zero), only.Start);
        Assert.Equal(new DateTimeOffset(2027, 3, 24, 13, 0, 0, TimeSpan.Zero), only.End);
    }

    [Fact]
    public async Task AParentOfAnotherGroupAnotherSchoolOrNobodyGetsNoFile()
    {
        var g5 = await EventAsync("Alleen voor groep 5", [app.G5]);
        using (var parent = await app.SignedInAsync("zon", "ouder@zon.test"))
        using (var response = await parent.GetAsync($"/agenda/{g5}/zet-in-agenda"))
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
        using (var other = await app.SignedInAsync("zon", "ander@zon.test"))
        using (var response = await other.GetAsync($"/agenda/{g5}/zet-in-agenda"))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        // A school-wide event of De Zon does not exist on De Maan's host, not even for its admin.
        var schoolWide = await EventAsync("Kerstviering voor iedereen");
        using (var bAdmin = await app.SignedInAsync("maan", "directie@maan.test"))
        using (var response = await bAdmin.GetAsync($"/agenda/{schoolWide}/zet-in-agenda"))
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
        using var anonymous = app.ClientFor("zon");
        using (var response = await anonymous.GetAsync($"/agenda/{schoolWide}/zet-in-agenda"))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Account/SignIn", response.Headers.Location!.PathAndQuery);
        }
        using var parentOfZon = await app.SignedInAsync("zon", "ouder@zon.test");
        using (var unknown = await parentOfZon.GetAsync($"/agenda/{Guid.CreateVersion7()}/zet-in-agenda"))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }
    }

    [Theory]
    [InlineData("Kerstviering groep 3!", "kerstviering-groep-3.ics")]
    [InlineData("Café-avond: één keer", "cafe-avond-een-keer.ics")]
    [InlineData("../../etc/passwd", "etc-passwd.ics")]
    [InlineData("¡¿!", "agenda.ics")]
    public void TheFileNameIsThePlainTitle(string title, string expected) =>
        Assert.Equal(expected, Schoolplein.Tenant.Web.Calendar.AddToCalendarModel.FileName(title));
}
