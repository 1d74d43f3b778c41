using System.Net;
using Schoolplein.Testing;
using Xunit;

namespace Schoolplein.Tenant.Web.Tests.Conferences;

/// <summary>
/// A conference round opening is a burst: every parent of a group books in the same minute. With
/// a small connection pool (four, standing in for the 50 of production under 200 parents) every
/// request must still get an answer a parent can act on: booked, or "that time is taken" — never
/// an error page, and never two bookings on one slot.
/// </summary>
public sealed class BookingBurstTests(BookingBurstTests.SmallPoolApp app) : IClassFixture<BookingBurstTests.SmallPoolApp>
{
    public sealed class SmallPoolApp : ConferenceApp
    {
        protected override void Configure(IDictionary<string, string?> settings)
        {
            // Four connections; a request that cannot get one within three seconds fails (Npgsql's Timeout).
            settings["ConnectionStrings:Schoolplein"] = new Npgsql.NpgsqlConnectionStringBuilder(
                Database.Server.ConnectionString(Database.Name, PostgresServer.Roles.AppRole, maxPool: 4)) { Timeout = 3 }.ConnectionString;
        }
    }

    [Fact]
    public async Task TwentyFourParentsBookingSixSlotsAtOnceAllGetAnAnswerAndEachSlotIsBookedOnce()
    {
        var round = await app.RoundAsync(app.A, app.Admin, [app.G34], $"Burst {Guid.NewGuid():N}");
        await app.WindowAsync(app.A, round, app.Joyce, app.Day(12), 19, 20);
        var slots = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            slots.Add(await app.SlotAsync(round, app.Joyce, i));
        }
        var parents = new List<(HttpClient Client, Guid Child)>();
        for (var i = 0; i < 24; i++)
        {
            var email = $"burst-{i}-{Guid.NewGuid():N}@zee.test";
            var child = await app.ChildAsync(app.A, app.G34, $"Kind{i}", email);
            parents.Add((await app.SignedInAsync("zee", email), child));
        }

        var answers = await Task.WhenAll(parents.Select(async (p, i) =>
        {
            using var response = await ConferenceApp.BookAsync(p.Client, p.Child, slots[i % slots.Count]);
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Equal(6, answers.Count(a => a.Body.Contains("Geboekt!", StringComparison.Ordinal)));
        foreach (var slot in slots)
        {
            Assert.Equal(1L, await app.BookingsAsync(slot));
        }
        foreach (var (client, _) in parents)
        {
            client.Dispose();
        }
    }
}
