using Schoolplein.Platform.Tenancy;
using System.Net;
using Schoolplein.Platform.Absence;
using Schoolplein.Platform.Calendar;
using Schoolplein.Platform.Conferences;
using Schoolplein.Platform.Identity;
using Schoolplein.Testing;
using Schoolplein.Tenant.Web.Tests.Administration;
using Schoolplein.Tenant.Web.Tests.Calendar;
using Xunit;

namespace Schoolplein.Tenant.Web.Tests.MalformedInput;

/// <summary>
/// The extreme and malformed inputs that answered 500 or were stored (found by hand and by the
/// sweep), each by name. The clock is Monday 30 November 2026, 07:30.
/// </summary>
public sealed class MalformedInputRegressionTests(AdministrationApp app) : IClassFixture<AdministrationApp>
{
    private const string OutOfRange = "tussen 1 januari 2000 en 31 december 2100";

    private static async Task<string> ErrorsAsync(HttpResponseMessage response) =>
        string.Join(" ", (await response.HtmlAsync()).QuerySelectorAll(".errors, .field-error").Select(e => e.TextContent.Trim()));

    [Theory]
    [InlineData("9999-12-31")]
    [InlineData("0001-01-01")]
    public async Task AClosureOnADayOutsideTheSchoolDateWindowIsRefusedWithAMessage(string day)
    {
        using var admin = await app.SignedInAsync("zon", "directie@zon.test");
        var before = await app.Database.ScalarAsync<long>("SELECT count(*) FROM school_closures");
        using var response = await admin.PostFormAsync("/beheer/schoolkalender", new Dictionary<string, string>
        {
            ["Name"] = "Vrij", ["Kind"] = "Holiday", ["Start"] = day, ["End"] = "",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(OutOfRange, await ErrorsAsync(response));
        Assert.Equal(before, await app.Database.ScalarAsync<long>("SELECT count(*) FROM school_closures"));
    }

    [Fact]
    public async Task AStoredClosureUntil9999BreaksNeitherTheFeedNorTheCalendarNorLeaveChecks()
    {
        // As stored before the closure form refused such dates: every parent's feed answered 500.
        var closure = Guid.NewGuid();
        await app.Database.ExecuteAsync(
            "INSERT INTO school_closures (id, tenant_id, name, kind, start_date, end_date, created_at) " +
            "VALUES ($1, $2, 'Zomervakantie typfout', 'SummerHoliday', '2026-12-19', '9999-12-31', $3)", closure, app.A.Id, app.Now);
        try
        {
            var token = await app.InSchoolAsync(app.A.Id, scope => FeedTokenAsync(scope, app.Parent));
            using var calendarApp = app.ClientFor("zon");
            using (var feed = await calendarApp.GetAsync($"/agenda/feed/{token}.ics"))
            {
                Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
                var text = await feed.Content.ReadAsStringAsync();
                Assert.Contains("SUMMARY:Herfstvakantie", text);
                Assert.DoesNotContain("typfout", text);
            }
            using var parent = await app.SignedInAsync("zon", "ouder@zon.test");
            using (var month = await parent.GetAsync("/agenda?month=2026-12"))
            {
                Assert.Equal(HttpStatusCode.OK, month.StatusCode);
                Assert.Contains("Kerstvakantie", await month.Content.ReadAsStringAsync());
            }
            using (var check = await parent.PostMultipartAsync("/verlof/aanvragen?handler=Check", new MultipartFormDataContent
            {
                { new StringContent(app.Noor.ToString()), "Input.PupilIds" },
                { new StringContent("ImportantCircumstances"), "Input.Type" },
                { new StringContent("2027-03-08"), "Input.Start" },
                { new StringContent("2027-03-12"), "Input.End" },
                { new StringContent("Verhuizing"), "Input.Reason" },
            }, "/verlof/aanvragen"))
            {
                Assert.Equal(HttpStatusCode.OK, check.StatusCode);
                Assert.Contains("Controle: 5 schooldagen", await check.Content.ReadAsStringAsync());
            }
            // The admin still sees it, so it can be deleted.
            using var admin = await app.SignedInAsync("zon", "directie@zon.test");
            Assert.Contains("Zomervakantie typfout", await admin.GetStringAsync("/beheer/schoolkalender"));
        }
        finally
        {
            await app.Database.ExecuteAsync("DELETE FROM school_closures WHERE id = $1", closure);
        }
    }

    [Fact]
    public async Task AStoredEventUntil9999BreaksNeitherTheFeedNorTheCalendar()
    {
        var day = new DateOnly(2026, 12, 16);
        await app.InSchoolAsync(app.A.Id, scope => scope.Get<CalendarService>().SaveAsync(null, new EventDraft(
            "Kerstmarkt", null, "Plein", new EventSchedule(true, day, day, null, null), [], null), scope.ActAs(app.Admin, Roles.SchoolAdmin), default));
        var id = await app.Database.ScalarAsync<Guid>("SELECT id FROM calendar_events WHERE tenant_id = $1 AND title = 'Kerstmarkt'", app.A.Id);
        await app.Database.ExecuteAsync("UPDATE calendar_events SET end_date = '9999-12-31', last_date = '9999-12-31' WHERE id = $1", id);
        try
        {
            var token = await app.InSchoolAsync(app.A.Id, scope => FeedTokenAsync(scope, app.OtherParent));
            using var calendarApp = app.ClientFor("zon");
            using (var feed = await calendarApp.GetAsync($"/agenda/feed/{token}.ics"))
            {
                Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
                var text = await feed.Content.ReadAsStringAsync();
                Assert.Contains("SUMMARY:Kerstvakantie", text);
                Assert.DoesNotContain("Kerstmarkt", text);
            }
            using var parent = await app.SignedInAsync("zon", "ander@zon.test");
            using var month = await parent.GetAsync("/agenda?month=2026-12");
            Assert.Equal(HttpStatusCode.OK, month.StatusCode);
            using var details = await parent.GetAsync($"/agenda/{id}");
            Assert.True((int)details.StatusCode < 500, $"/agenda/{id} answered {(int)details.StatusCode}");
        }
        finally
        {
            await app.Database.ExecuteAsync("DELETE FROM calendar_events WHERE id = $1", id);
        }
    }

    [Theory]
    [InlineData("9999-12-31", "9999-12-31")]
    [InlineData("0001-01-01", "0001-01-01")]
    [InlineData("2027-03-08", "2101-01-01")]
    public async Task ALeaveRequestWithADateOutsideTheWindowShowsAMessageAndSavesNothing(string start, string end)
    {
        using var parent = await app.SignedInAsync("zon", "ouder@zon.test");
        var before = await app.Database.ScalarAsync<long>("SELECT count(*) FROM leave_requests");
        foreach (var handler in new[] { "?handler=Check", "" })
        {
            using var response = await parent.PostMultipartAsync("/verlof/aanvragen" + handler, new MultipartFormDataContent
            {
                { new StringContent(app.Noor.ToString()), "Input.PupilIds" },
                { new StringContent("ImportantCircumstances"), "Input.Type" },
                { new StringContent(start), "Input.Start" },
                { new StringContent(end), "Input.End" },
                { new StringContent("Bruiloft"), "Input.Reason" },
            }, "/verlof/aanvragen");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(OutOfRange, await ErrorsAsync(response));
        }
        Assert.Equal(before, await app.Database.ScalarAsync<long>("SELECT count(*) FROM leave_requests"));
    }

    [Theory]
    [InlineData("9999-12")]
    [InlineData("0001-01")]
    public async Task TheCalendarOfAMonthOutsideTheWindowShowsThisMonth(string month)
    {
        using var parent = await app.SignedInAsync("zon", "ouder@zon.test");
        using var response = await parent.GetAsync($"/agenda?month={month}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("november 2026", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-31")]
    public async Task TheAbsenceOverviewOfAWeekOutsideTheWindowShowsThisWeek(string week)
    {
        using var admin = await app.SignedInAsync("zon", "directie@zon.test");
        using var response = await admin.GetAsync($"/beheer/afwezigheid?week={week}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("30 november 2026", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("from=0000-00-00")]
    [InlineData("to=abc")]
    [InlineData("from=9999-12-31")]
    public async Task TheLeaveExportOfAMalformedPeriodAnswersBadRequestWithAMessage(string query)
    {
        using var admin = await app.SignedInAsync("zon", "directie@zon.test");
        using var response = await admin.GetAsync($"/beheer/verlof/export.csv?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("De periode van de export is niet geldig", await response.Content.ReadAsStringAsync());
        using var valid = await admin.GetAsync("/beheer/verlof/export.csv?from=2026-08-01&to=2027-07-31");
        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
        Assert.Equal("text/csv", valid.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("9223372036854775807")]
    [InlineData("-9223372036854775808")]
    public async Task NotificationsWithACursorBeyondWhatATimeCanHoldShowTheFirstPage(string before)
    {
        using var parent = await app.SignedInAsync("zon", "ouder@zon.test");
        using var response = await parent.GetAsync($"/meldingen?before={before}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AnEventDatedOutsideTheWindowIsRefusedWithAMessage()
    {
        using var teacher = await app.SignedInAsync("zon", "lisa@zon.test");
        var before = await app.Database.ScalarAsync<long>("SELECT count(*) FROM calendar_events");
        foreach (var (start, end) in new[] { ("9999-12-31", (string?)null), ("0001-01-01", null), ("2026-12-10", "2101-01-01") })
        {
            using var response = await CalendarApp.CreateEventAsync(teacher, "Schoolreis", start, null, null, [app.G34], end, allDay: true);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(OutOfRange, await response.Content.ReadAsStringAsync());
        }
        Assert.Equal(before, await app.Database.ScalarAsync<long>("SELECT count(*) FROM calendar_events"));
    }

    [Fact]
    public async Task ConferenceDatesOutsideTheWindowAreRefusedWithAMessage()
    {
        using var admin = await app.SignedInAsync("zon", "directie@zon.test");
        var rounds = await app.Database.ScalarAsync<long>("SELECT count(*) FROM conference_rounds");
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Form.Title", "Rapportgesprekken"), new("Form.GroupIds", app.G34.ToString()), new("Form.SlotMinutes", "10"),
            new("Form.OpensDate", "0001-01-01"), new("Form.OpensTime", "00:00"), new("Form.ClosesDate", "2026-12-14"), new("Form.ClosesTime", "23:59"),
        };
        using (var response = await CalendarApp.PostFieldsAsync(admin, "/gesprekken/rondes/nieuw", fields))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(OutOfRange, await response.Content.ReadAsStringAsync());
        }
        Assert.Equal(rounds, await app.Database.ScalarAsync<long>("SELECT count(*) FROM conference_rounds"));

        var round = await RoundAsync();
        var slots = await app.Database.ScalarAsync<long>("SELECT count(*) FROM conference_slots");
        using (var window = await admin.PostFormAsync($"/gesprekken/rondes/{round}?handler=AddWindow", new Dictionary<string, string>
        {
            ["Window.TeacherId"] = app.Lisa.ToString(), ["Window.Date"] = "9999-12-31", ["Window.Start"] = "19:00", ["Window.End"] = "20:00", ["Window.Breaks"] = "",
        }, $"/gesprekken/rondes/{round}"))
        {
            Assert.Equal(HttpStatusCode.OK, window.StatusCode);
            Assert.Contains(OutOfRange, await window.Content.ReadAsStringAsync());
        }
        using (var slot = await admin.PostFormAsync($"/gesprekken/rondes/{round}?handler=AddSlot", new Dictionary<string, string>
        {
            ["teacherId"] = app.Lisa.ToString(), ["date"] = "9999-12-31", ["start"] = "20:00",
        }, $"/gesprekken/rondes/{round}"))
        {
            Assert.Equal(HttpStatusCode.OK, slot.StatusCode);
            Assert.Contains(OutOfRange, await slot.Content.ReadAsStringAsync());
        }
        Assert.Equal(slots, await app.Database.ScalarAsync<long>("SELECT count(*) FROM conference_slots"));
        Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM conference_windows WHERE round_id = $1", round));
    }

    [Fact]
    public async Task AWindowForATeacherIdThatIsNotAGuidIsNotGivenToTheFirstTeacher()
    {
        var round = await RoundAsync();
        using var admin = await app.SignedInAsync("zon", "directie@zon.test");
        using var response = await admin.PostFormAsync($"/gesprekken/rondes/{round}?handler=AddWindow", new Dictionary<string, string>
        {
            ["Window.TeacherId"] = "0001-01-01", ["Window.Date"] = "2026-12-10", ["Window.Start"] = "19:00", ["Window.End"] = "20:00", ["Window.Breaks"] = "",
        }, $"/gesprekken/rondes/{round}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM conference_windows WHERE round_id = $1", round));
    }

    [Fact]
    public async Task AConsentLockDateOutsideTheWindowIsRefusedWithAMessage()
    {
        using var admin = await app.SignedInAsync("zon", "directie@zon.test");
        await admin.GetStringAsync("/beheer/toestemming");
        var before = await app.Database.ScalarAsync<long>("SELECT count(*) FROM consent_categories");
        using var response = await admin.PostFormAsync("/beheer/toestemming?handler=Add", new Dictionary<string, string>
        {
            ["Input.Name"] = "Schoolkrant", ["Input.Description"] = "", ["Input.LockDate"] = "9999-12-31",
        }, "/beheer/toestemming");
        Assert.Contains("Vul een datum in " + OutOfRange, await ErrorsAsync(response));
        Assert.Equal(before, await app.Database.ScalarAsync<long>("SELECT count(*) FROM consent_categories"));
    }

    [Fact]
    public async Task AReturnDateFarAheadIsRefusedAndTheReportStaysOpen()
    {
        var report = await app.InSchoolAsync(app.A.Id, async scope =>
        {
            var reasons = scope.Get<AbsenceReasons>();
            await reasons.EnsureDefaultsAsync();
            var reason = (await reasons.ReasonsAsync(false)).First(r => !r.PhoneOnly).Id;
            var outcome = await scope.Get<AbsenceReporter>().ReportAsync(app.OtherParent, new AbsenceInput(app.Sem, reason, null, AbsenceUntil.Better, null, null));
            return outcome.Value!.ReportId!.Value;
        });
        using var parent = await app.SignedInAsync("zon", "ander@zon.test");
        using var response = await parent.PostFormAsync($"/afwezigheid/{report}/beter", new Dictionary<string, string> { ["returnDate"] = "9999-12-31" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("60 dagen vooruit", await ErrorsAsync(response));
        Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM absence_reports WHERE id = $1 AND (to_date IS NOT NULL OR ended_at IS NOT NULL)", report));
    }

    private Task<Guid> RoundAsync() => app.InSchoolAsync(app.A.Id, async scope =>
    {
        var created = await scope.Get<ConferencePlanning>().CreateRoundAsync(new RoundDraft(
            $"Ronde {Guid.NewGuid():N}", "Lokaal 3", null, 10, app.Now.AddHours(-1), app.Now.AddDays(7), false, false, [app.G34]), app.Admin, default);
        return created.Succeeded ? created.Value : throw new InvalidOperationException(string.Join(", ", created.Problems.Select(p => p.Key)));
    });

    /// <summary>Makes the parent's calendar link (if none) and returns its token.</summary>
    private static async Task<string> FeedTokenAsync(TenantScope scope, Guid userId)
    {
        var feeds = scope.Get<Schoolplein.Platform.Calendar.CalendarFeeds>();
        await feeds.CreateAsync(userId, default);
        var link = await feeds.CurrentAsync(userId, default);
        return Path.GetFileNameWithoutExtension(link.Url!.AbsolutePath);
    }
}
