using System.Globalization;
using System.Net;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.SchoolCalendar;
using Schoolplein.Testing;
using Xunit;

namespace Schoolplein.Tenant.Web.Tests.Calendar;

/// <summary>
/// A weekly repeat skips the school's holidays and study days, on the agenda and in the iCal feed
/// (as EXDATEs, read back with Ical.Net), unless its author ticked "ook in vakanties".
/// </summary>
public sealed class RepeatsAndClosuresTests(RepeatsAndClosuresTests.App app) : IClassFixture<RepeatsAndClosuresTests.App>
{
    /// <summary>Its own database: the closures here must not meet the other calendar tests' events.</summary>
    public sealed class App : CalendarApp;

    private static readonly string[] Wednesdays = ["2027-04-07", "2027-04-14", "2027-04-21", "2027-04-28", "2027-05-05", "2027-05-12", "2027-05-19"];
    /// <summary>Without the studiedag (14 April) and the meivakantie (26 April – 7 May).</summary>
    private static readonly string[] SchoolWednesdays = ["2027-04-07", "2027-04-21", "2027-05-12", "2027-05-19"];

    private Task AddClosureAsync(SchoolHandle school, string name, ClosureKind kind, DateOnly start, DateOnly end) =>
        app.InSchoolAsync(school.Id, async scope =>
        {
            var db = scope.Get<SchoolpleinDb>();
            db.Add(new SchoolClosure { Name = name, Kind = kind, StartDate = start, EndDate = end, CreatedAt = app.Now });
            await db.SaveChangesAsync();
        });

    private static async Task CreateWeeklyAsync(HttpClient admin, string title, Guid group, bool inClosures, bool allDay = false)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Form.Title", title),
            new("Form.StartDate", "2027-04-07"),
            new("Form.EndDate", ""),
            new("Form.StartTime", allDay ? "" : "08:45"),
            new("Form.EndTime", allDay ? "" : "09:30"),
            new("Form.RepeatDays", "Wednesday"),
            new("Form.RepeatUntil", "2027-05-19"),
            new("Form.GroupIds", group.ToString()),
        };
        if (allDay)
        {
            fields.Add(new("Form.AllDay", "true"));
        }
        if (inClosures)
        {
            fields.Add(new("Form.RepeatInClosures", "true"));
        }
        using var created = await CalendarApp.PostFieldsAsync(admin, "/agenda/nieuw", fields);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
    }

    private static async Task<List<string>> AgendaDaysAsync(HttpClient client, string title)
    {
        var days = new List<string>();
        foreach (var month in new[] { "2027-04", "2027-05" })
        {
            var page = await client.GetHtmlAsync($"/agenda?month={month}");
            days.AddRange(page.QuerySelectorAll("ul.agenda li")
                .Where(li => li.QuerySelector("strong")?.TextContent == title)
                .Select(li => li.QuerySelector("time")!.GetAttribute("datetime")!));
        }
        return days;
    }

    [Fact]
    public async Task AWeeklyRepeatSkipsHolidaysAndStudyDaysUnlessTheAuthorTicksOokInVakanties()
    {
        await AddClosureAsync(app.A, "Studiedag", ClosureKind.StudyDay, new(2027, 4, 14), new(2027, 4, 14));
        await AddClosureAsync(app.A, "Meivakantie", ClosureKind.Holiday, new(2027, 4, 26), new(2027, 5, 7));
        using var admin = await app.SignedInAsync("zon", "directie@zon.test");
        // The option is on the form, off unless ticked.
        var form = await admin.GetHtmlAsync("/agenda/nieuw");
        var option = form.QuerySelector("input[name='Form.RepeatInClosures']") ?? throw new InvalidOperationException("no 'ook in vakanties' option");
        Assert.False(option.HasAttribute("checked"));

        await CreateWeeklyAsync(admin, "Gymles", app.G34, inClosures: false);
        await CreateWeeklyAsync(admin, "Voorleesclub", app.G34, inClosures: true);
        await CreateWeeklyAsync(admin, "Bibliotheekdag", app.G34, inClosures: false, allDay: true);

        using var parent = await app.SignedInAsync("zon", "ouder@zon.test");
        Assert.Equal(SchoolWednesdays, await AgendaDaysAsync(parent, "Gymles"));
        Assert.Equal(SchoolWednesdays, await AgendaDaysAsync(parent, "Bibliotheekdag"));
        Assert.Equal(Wednesdays, await AgendaDaysAsync(parent, "Voorleesclub"));

        // The feed: the same days, by Ical.Net's own reading of RRULE and EXDATE.
        using (var subscribed = await parent.PostFormAsync("/agenda/abonneren?handler=Create", new Dictionary<string, string>(), "/agenda/abonneren"))
        {
            Assert.True((int)subscribed.StatusCode is 200 or 302, $"making the link answered {(int)subscribed.StatusCode}");
        }
        var url = new Uri((await parent.GetHtmlAsync("/agenda/abonneren")).QuerySelector("#feed-url")!.GetAttribute("value")!).PathAndQuery;
        using var calendarApp = app.ClientFor("zon");
        var text = await calendarApp.GetStringAsync(url);
        var feed = global::Ical.Net.Calendar.Load(text)!;
        List<string> FeedDays(string title) => feed.Events.Single(e => e.Summary == title).GetOccurrences()
            .Select(o => o.Period.StartTime.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(SchoolWednesdays, FeedDays("Gymles"));
        Assert.Equal(SchoolWednesdays, FeedDays("Bibliotheekdag"));
        Assert.Equal(Wednesdays, FeedDays("Voorleesclub"));
        // EXDATE has DTSTART's type: a local time with the school's zone, a DATE for an all-day event.
        Assert.Contains("EXDATE;TZID=Europe/Amsterdam:20270414T084500", text.Replace("\r\n ", ""));
        Assert.Contains("EXDATE;VALUE=DATE:", text);
        // The gym times stay at 08:45 local on both sides of the exceptions.
        var gym = feed.Events.Single(e => e.Summary == "Gymles");
        Assert.All(gym.GetOccurrences(), o => Assert.Equal(new TimeOnly(8, 45), TimeOnly.FromDateTime(o.Period.StartTime.Value)));

        // The event page says which it is, and editing keeps the choice.
        var gymId = await app.Database.ScalarAsync<Guid>("SELECT id FROM calendar_events WHERE title = 'Gymles'");
        var clubId = await app.Database.ScalarAsync<Guid>("SELECT id FROM calendar_events WHERE title = 'Voorleesclub'");
        Assert.Contains("Niet in vakanties en op studiedagen.", await parent.GetStringAsync($"/agenda/{gymId}"));
        Assert.Contains("Ook in vakanties en op studiedagen.", await parent.GetStringAsync($"/agenda/{clubId}"));
        var edit = await admin.GetHtmlAsync($"/agenda/{clubId}/bewerken");
        Assert.True(edit.QuerySelector("input[name='Form.RepeatInClosures']")!.HasAttribute("checked"));
    }
}
