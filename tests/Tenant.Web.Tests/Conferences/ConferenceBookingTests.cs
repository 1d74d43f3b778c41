using System.Net;
using MimeKit;
using Schoolplein.Platform.Identity;
using Schoolplein.Tenant.Web.Tests.Calendar;
using Schoolplein.Testing;
using Xunit;

namespace Schoolplein.Tenant.Web.Tests.Conferences;

public sealed class ConferenceBookingTests(ConferenceApp app) : IClassFixture<ConferenceApp>
{
    private static string Unique(string name) => $"{name}-{Guid.NewGuid():N}@zee.test";

    [Fact]
    public async Task AnAdminPlansARoundAParentBooksAndGetsTheConfirmationWithAnIcsAndASecondParentCannotTakeTheSlot()
    {
        using var admin = await app.SignedInAsync("zee", "directie@zee.test");
        var day = app.Day(9);
        using var created = await CalendarApp.PostFieldsAsync(admin, "/gesprekken/rondes/nieuw", [
            new("Form.Title", "Rapportgesprekken"), new("Form.GroupIds", app.G34.ToString()), new("Form.SlotMinutes", "10"),
            new("Form.Location", "Lokaal 3/4"), new("Form.OpensDate", app.Day(-1).ToString("yyyy-MM-dd")), new("Form.OpensTime", "08:00"),
            new("Form.ClosesDate", app.Day(8).ToString("yyyy-MM-dd")), new("Form.ClosesTime", "23:59"),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var roundPath = created.Headers.Location!.ToString();
        var roundId = Guid.Parse(roundPath.Split('/').Last());
        using (var window = await CalendarApp.PostFieldsAsync(admin, $"{roundPath}?handler=AddWindow", [
            new("Window.TeacherId", app.Lisanne.ToString()), new("Window.Date", day.ToString("yyyy-MM-dd")),
            new("Window.Start", "19:00"), new("Window.End", "20:00"), new("Window.Breaks", "19:30-19:40"),
        ], roundPath))
        {
            Assert.Contains("5 tijden toegevoegd.", await window.Content.ReadAsStringAsync());
        }

        var email = Unique("boeker");
        var child = await app.ChildAsync(app.A, app.G34, "Femke", email);
        using var parent = await app.SignedInAsync("zee", email);
        var page = await parent.GetStringAsync("/gesprekken");
        Assert.Contains("Rapportgesprekken", page);
        Assert.Contains("19:00", page);
        var slot = await app.SlotAsync(roundId, app.Lisanne);
        using (var booked = await ConferenceApp.BookAsync(parent, child, slot))
        {
            Assert.Contains("Geboekt!", await booked.Content.ReadAsStringAsync());
        }
        Assert.Equal(1L, await app.BookingsAsync(slot));

        var mail = await app.Mail.WaitForMessageAsync(email);
        Assert.Contains("Femke", mail.Subject);
        Assert.Contains("bevestigd", mail.Subject);
        var attachment = Assert.Single(mail.Attachments.OfType<MimePart>());
        Assert.Equal("oudergesprek.ics", attachment.FileName);
        using var content = new MemoryStream();
        await attachment.Content!.DecodeToAsync(content);
        var ics = await IcalJs.ParseAsync(System.Text.Encoding.UTF8.GetString(content.ToArray()));
        Assert.Equal("PUBLISH", ics.Method);
        Assert.Equal(["Europe/Amsterdam"], ics.Timezones);
        var appointment = Assert.Single(ics.Events);
        Assert.Equal("Europe/Amsterdam", appointment.Tzid);
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
        var expected = new DateTimeOffset(day.ToDateTime(new TimeOnly(19, 0)), zone.GetUtcOffset(day.ToDateTime(new TimeOnly(19, 0))));
        Assert.Equal(expected, appointment.Start);
        Assert.Equal(expected.AddMinutes(10), appointment.End);
        Assert.Contains("Femke", appointment.Summary);
        Assert.Equal("Lokaal 3/4", appointment.Location);

        // A second parent trying the same slot gets a clear message and the current free slots.
        var secondEmail = Unique("tweede");
        var second = await app.ChildAsync(app.A, app.G34, "Sara", secondEmail);
        using var other = await app.SignedInAsync("zee", secondEmail);
        using var late = await ConferenceApp.BookAsync(other, second, slot);
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        var html = await late.Content.ReadAsStringAsync();
        Assert.Contains("Net te laat", html);
        Assert.Contains(await app.SlotAsync(roundId, app.Lisanne, 1) + "", html);
        Assert.DoesNotContain($"value=\"{slot}\"", html);
        Assert.Equal(1L, await app.BookingsAsync(slot));
        Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM conference_bookings WHERE pupil_id = $1", second));
    }

    [Fact]
    public async Task OfFiftyParentsBookingOneSlotAtTheSameMomentExactlyOneGetsIt()
    {
        var round = await app.RoundAsync(app.A, app.Admin, [app.G34], "Race");
        await app.WindowAsync(app.A, round, app.Joyce, app.Day(11), 18, 19);
        var slot = await app.SlotAsync(round, app.Joyce);
        const int parents = 50;
        var clients = new HttpClient[parents];
        var children = new Guid[parents];
        await Task.WhenAll(Enumerable.Range(0, parents).Select(async i =>
        {
            var email = $"race{i}@zee.test";
            children[i] = await app.ChildAsync(app.A, app.G34, $"Racer{i}", email);
            clients[i] = await app.SignedInAsync("zee", email);
        }));
        var tokens = await Task.WhenAll(clients.Select(c => Forms.AntiforgeryTokenAsync(c, "/gesprekken")));
        using var start = new SemaphoreSlim(0);
        var attempts = Enumerable.Range(0, parents).Select(async i =>
        {
            await start.WaitAsync();
            return await clients[i].PostAsync("/gesprekken?handler=Book", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = tokens[i], ["childId"] = children[i].ToString(), ["slotId"] = slot.ToString(),
            }));
        }).ToList();
        start.Release(parents);
        var responses = await Task.WhenAll(attempts);
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        Assert.Equal(1, bodies.Count(b => b.Contains("Geboekt!")));
        var losers = bodies.Where(b => !b.Contains("Geboekt!")).ToList();
        Assert.Equal(parents - 1, losers.Count);
        Assert.All(losers, b => Assert.Contains("Net te laat: iemand anders heeft dit tijdstip zojuist geboekt", b));
        var nextFree = await app.SlotAsync(round, app.Joyce, 1);
        Assert.All(losers, b => Assert.Contains(nextFree.ToString(), b));
        Assert.Equal(1L, await app.BookingsAsync(slot));
        Assert.Equal(1L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM conference_bookings WHERE round_id = $1", round));
        foreach (var c in clients)
        {
            c.Dispose();
        }
    }

    [Fact]
    public async Task BookingRulesGiveAClearMessageAndSaveNothing()
    {
        var round = await app.RoundAsync(app.A, app.Admin, [app.G34, app.G5], "Regels");
        await app.WindowAsync(app.A, round, app.Lisanne, app.Day(12), 19, 20);
        await app.WindowAsync(app.A, round, app.Kees, app.Day(12), 19, 20);
        var lisanne = await app.SlotAsync(round, app.Lisanne);
        var kees = await app.SlotAsync(round, app.Kees);
        using var parent = await app.SignedInAsync("zee", "ouder@zee.test");

        // A slot of a teacher who does not teach your child.
        using (var wrongTeacher = await ConferenceApp.BookAsync(parent, app.Noor, kees))
        {
            Assert.Contains("Deze leerkracht heeft geen gesprekken met jouw kind", await wrongTeacher.Content.ReadAsStringAsync());
        }
        // A child you are not linked to.
        using (var notMine = await ConferenceApp.BookAsync(parent, app.Yara, lisanne))
        {
            Assert.Contains("Dit kind is niet aan jouw account gekoppeld", await notMine.Content.ReadAsStringAsync());
        }
        // A slot of another school.
        using (var foreign = await ConferenceApp.BookAsync(parent, app.Noor, app.BSlot))
        {
            Assert.Contains("Dit tijdstip bestaat niet (meer)", await foreign.Content.ReadAsStringAsync());
        }
        // Outside the booking window: closed, and not yet open.
        var closed = await app.RoundAsync(app.A, app.Admin, [app.G34], "Gesloten", app.Now.AddDays(-3), app.Now.AddMinutes(-1));
        await app.WindowAsync(app.A, closed, app.Lisanne, app.Day(13), 19, 20);
        using (var late = await ConferenceApp.BookAsync(parent, app.Noor, await app.SlotAsync(closed, app.Lisanne)))
        {
            Assert.Contains("Inschrijven is gesloten", await late.Content.ReadAsStringAsync());
        }
        var future = await app.RoundAsync(app.A, app.Admin, [app.G34], "Later", app.Now.AddDays(2), app.Now.AddDays(5));
        await app.WindowAsync(app.A, future, app.Lisanne, app.Day(14), 19, 20);
        using (var early = await ConferenceApp.BookAsync(parent, app.Noor, await app.SlotAsync(future, app.Lisanne)))
        {
            Assert.Contains("Inschrijven is nog niet open", await early.Content.ReadAsStringAsync());
        }
        Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM conference_bookings WHERE round_id = ANY($1)", new[] { round, closed, future }));
        Assert.Equal(0L, await app.BookingsAsync(app.BSlot));
    }

    [Fact]
    public async Task SiblingsMayBookADayEarlyAndAreOfferedTheSlotRightAfterTheirOtherConference()
    {
        var round = await app.RoundAsync(app.A, app.Admin, [app.G34, app.G5], "Broertjes", app.Now.AddHours(12), app.Now.AddDays(5), siblingsEarly: true);
        var day = app.Day(15);
        await app.WindowAsync(app.A, round, app.Joyce, day, 19, 20);
        await app.WindowAsync(app.A, round, app.Kees, day, 19, 20);
        using var single = await app.SignedInAsync("zee", "ouder@zee.test");
        using (var tooEarly = await ConferenceApp.BookAsync(single, app.Noor, await app.SlotAsync(round, app.Joyce)))
        {
            Assert.Contains("Inschrijven is nog niet open", await tooEarly.Content.ReadAsStringAsync());
        }

        using var family = await app.SignedInAsync("zee", "gezin@zee.test");
        var joyceSecond = await app.SlotAsync(round, app.Joyce, 2); // 19:20
        using (var booked = await ConferenceApp.BookAsync(family, app.Tim, joyceSecond))
        {
            Assert.Contains("Geboekt!", await booked.Content.ReadAsStringAsync());
        }
        var page = await (await family.GetAsync("/gesprekken")).HtmlAsync();
        var suggested = page.QuerySelectorAll("button.slot.suggested").Select(b => b.GetAttribute("value")).ToList();
        Assert.Equal([(await app.SlotAsync(round, app.Kees, 1)).ToString(), (await app.SlotAsync(round, app.Kees, 3)).ToString()], suggested);
    }

    [Fact]
    public async Task AParentMovesAndCancelsTheirBookingAndGetsMailForEach()
    {
        var round = await app.RoundAsync(app.A, app.Admin, [app.G34], "Verplaatsen");
        await app.WindowAsync(app.A, round, app.Lisanne, app.Day(16), 19, 20);
        var email = Unique("verplaatser");
        var child = await app.ChildAsync(app.A, app.G34, "Mees", email);
        using var parent = await app.SignedInAsync("zee", email);
        var first = await app.SlotAsync(round, app.Lisanne, 0);
        var second = await app.SlotAsync(round, app.Lisanne, 3);
        await ConferenceApp.BookAsync(parent, child, first);
        // Moving gives up the booked time, which someone else may take: the first tap only asks.
        using (var asked = await ConferenceApp.BookAsync(parent, child, second))
        {
            var yes = await Confirmations.AssertAsksAsync(asked, "verplaatsen");
            Assert.Equal(1L, await app.BookingsAsync(first));
            Assert.Equal(0L, await app.BookingsAsync(second));
            using var moved = await parent.SubmitAsync("/gesprekken?handler=Book", yes);
            Assert.Contains("Verplaatst!", await moved.Content.ReadAsStringAsync());
        }
        Assert.Equal(0L, await app.BookingsAsync(first));
        Assert.Equal(1L, await app.BookingsAsync(second));
        Assert.Equal(1, await app.Database.ScalarAsync<int>("SELECT sequence FROM conference_bookings WHERE slot_id = $1", second));
        await app.Mail.WaitForMessageAsync(email, m => m.Subject.Contains("verplaatst"));

        var bookingId = await app.Database.ScalarAsync<Guid>("SELECT id FROM conference_bookings WHERE slot_id = $1", second);
        // Another parent cannot cancel it.
        using (var stranger = await app.SignedInAsync("zee", "yara@zee.test"))
        using (var refused = await stranger.PostFormAsync("/gesprekken?handler=Cancel", new Dictionary<string, string> { ["bookingId"] = bookingId.ToString() }, "/gesprekken"))
        {
            Assert.Contains("Deze afspraak bestaat niet (meer)", await refused.Content.ReadAsStringAsync());
        }
        Assert.Equal(1L, await app.BookingsAsync(second));
        using (var asked = await parent.PostFormAsync("/gesprekken?handler=Cancel", new Dictionary<string, string> { ["bookingId"] = bookingId.ToString() }, "/gesprekken"))
        {
            var yes = await Confirmations.AssertAsksAsync(asked, "annuleren");
            Assert.Equal(1L, await app.BookingsAsync(second));
            using var cancelled = await parent.SubmitAsync("/gesprekken?handler=Cancel", yes);
            Assert.Contains("De afspraak is geannuleerd.", await cancelled.Content.ReadAsStringAsync());
        }
        Assert.Equal(0L, await app.BookingsAsync(second));
        var cancelMail = await app.Mail.WaitForMessageAsync(email, m => m.Subject.Contains("geannuleerd"));
        using var content = new MemoryStream();
        await Assert.Single(cancelMail.Attachments.OfType<MimePart>()).Content!.DecodeToAsync(content);
        Assert.Equal("CANCEL", (await IcalJs.ParseAsync(System.Text.Encoding.UTF8.GetString(content.ToArray()))).Method);
    }

    [Fact]
    public async Task GuardiansBookOneSlotTogetherUnlessTheRoundLetsThemBookSeparately()
    {
        var mother = Unique("moeder");
        var father = Unique("vader");
        var child = await app.ChildAsync(app.A, app.G34, "Jip", mother);
        var fatherId = await app.A.AddUserAsync(father, Roles.Parent);
        await app.A.LinkGuardianAsync(child, fatherId);
        using var m = await app.SignedInAsync("zee", mother);
        using var f = await app.SignedInAsync("zee", father);

        var together = await app.RoundAsync(app.A, app.Admin, [app.G34], "Samen");
        await app.WindowAsync(app.A, together, app.Lisanne, app.Day(17), 19, 20);
        await ConferenceApp.BookAsync(m, child, await app.SlotAsync(together, app.Lisanne, 0));
        using (var fatherMoves = await ConferenceApp.BookAsync(f, child, await app.SlotAsync(together, app.Lisanne, 1), confirmed: true))
        {
            Assert.Contains("Verplaatst!", await fatherMoves.Content.ReadAsStringAsync());
        }
        Assert.Equal(1L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM conference_bookings WHERE round_id = $1", together));
        // The slot their child holds is not "taken" for the other guardian: booking it again changes nothing.
        using (var again = await ConferenceApp.BookAsync(m, child, await app.SlotAsync(together, app.Lisanne, 1)))
        {
            Assert.Contains("Geboekt!", await again.Content.ReadAsStringAsync());
        }
        Assert.Equal(1L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM conference_bookings WHERE round_id = $1", together));
        // The mother booked first: she hears about the new time too.
        await app.Mail.WaitForMessageAsync(mother, msg => msg.Subject.Contains("verplaatst"));

        var separate = await app.RoundAsync(app.A, app.Admin, [app.G34], "Apart", separate: true);
        await app.WindowAsync(app.A, separate, app.Lisanne, app.Day(18), 19, 20);
        await ConferenceApp.BookAsync(m, child, await app.SlotAsync(separate, app.Lisanne, 0));
        using (var own = await ConferenceApp.BookAsync(f, child, await app.SlotAsync(separate, app.Lisanne, 2)))
        {
            Assert.Contains("Geboekt!", await own.Content.ReadAsStringAsync());
        }
        Assert.Equal(2L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM conference_bookings WHERE round_id = $1", separate));
        // Booking separately, the mother's slot is taken for the father, though it is their child's.
        using (var mothers = await ConferenceApp.BookAsync(f, child, await app.SlotAsync(separate, app.Lisanne, 0), confirmed: true))
        {
            Assert.Contains("Net te laat", await mothers.Content.ReadAsStringAsync());
        }
        Assert.Equal(2L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM conference_bookings WHERE round_id = $1", separate));
    }

    [Fact]
    public async Task ABookedConferenceIsInTheParentsAndTheTeachersFeed()
    {
        var round = await app.RoundAsync(app.A, app.Admin, [app.G34], "Feedronde");
        await app.WindowAsync(app.A, round, app.Joyce, app.Day(19), 19, 20);
        var email = Unique("feed");
        var child = await app.ChildAsync(app.A, app.G34, "Isa", email);
        using var parent = await app.SignedInAsync("zee", email);
        await ConferenceApp.BookAsync(parent, child, await app.SlotAsync(round, app.Joyce));
        var bookingId = await app.Database.ScalarAsync<Guid>("SELECT id FROM conference_bookings WHERE pupil_id = $1", child);

        foreach (var user in new[] { email, "joyce@zee.test" })
        {
            using var client = await app.SignedInAsync("zee", user);
            using var created = await client.PostFormAsync("/agenda/abonneren?handler=Create", new Dictionary<string, string>(), "/agenda/abonneren");
            var url = new Uri((await client.GetHtmlAsync("/agenda/abonneren")).QuerySelector("#feed-url")!.GetAttribute("value")!).PathAndQuery;
            using var anonymous = app.ClientFor("zee");
            var feed = await IcalJs.ParseAsync(await anonymous.GetStringAsync(url));
            Assert.Contains(feed.Events, e => e.Uid == $"conference-{bookingId}@zee.schoolplein" && e.Summary!.Contains("Isa"));
        }
        using var other = await app.SignedInAsync("zee", "yara@zee.test");
        using var otherCreated = await other.PostFormAsync("/agenda/abonneren?handler=Create", new Dictionary<string, string>(), "/agenda/abonneren");
        var otherUrl = new Uri((await other.GetHtmlAsync("/agenda/abonneren")).QuerySelector("#feed-url")!.GetAttribute("value")!).PathAndQuery;
        using var anon = app.ClientFor("zee");
        Assert.DoesNotContain((await IcalJs.ParseAsync(await anon.GetStringAsync(otherUrl))).Events, e => e.Uid.StartsWith("conference-"));
    }
}
