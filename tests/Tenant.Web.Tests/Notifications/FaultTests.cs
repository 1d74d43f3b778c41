using Schoolplein.Platform.Notifications;
using Schoolplein.Platform.Persistence;
using Schoolplein.Testing;
using Xunit;

namespace Schoolplein.Tenant.Web.Tests.Notifications;

/// <summary>The app that writes notifications but runs no jobs; workers are separate instances on its database.</summary>
public sealed class NoWorkerApp : SchoolApp
{
    public SchoolHandle School { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        School = await CreateSchoolAsync("omval", "Kindcentrum Omval");
    }

    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["Jobs:RunServer"] = "false";
        settings["Outbox:BatchSize"] = "50";
    }
}

/// <summary>A worker process: the same app on the same database, running Hangfire.</summary>
public sealed class WorkerInstance(NoWorkerApp first) : SchoolApp
{
    protected override Task<TestDatabase> CreateDatabaseAsync(PostgresServer server) => Task.FromResult(first.Database);

    protected override void Configure(IDictionary<string, string?> settings) => settings["Outbox:BatchSize"] = "50";
}

public sealed class WorkerKillTests(NoWorkerApp app) : IClassFixture<NoWorkerApp>
{
    [Fact]
    public async Task WhenTheWorkerStopsMidFanOutANewWorkerSendsTheRestAndNobodyGetsASecondCopy()
    {
        var parents = await app.School.AddParentsAsync("omval", 600, "omval.test");
        await app.InSchoolAsync(app.School.Id, async scope =>
        {
            await scope.Get<Notifier>().NotifyAsync(parents, new NotificationContent(
                "test.kill", typeof(TestNotificationText), "Title", ["de directie"], "Body", ["De directie"], "/meldingen", Urgent: true));
            await scope.Get<SchoolpleinDb>().SaveChangesAsync();
        });
        Assert.Equal(0L, await SentAsync());

        var first = new WorkerInstance(app);
        await first.InitializeAsync();
        await Until(async () => await SentAsync() >= 50, "the first worker has sent some", 30, pollMilliseconds: 10);
        await first.DisposeAsync();
        var afterStop = await SentAsync();
        Assert.True(afterStop < 600, "the worker stopped in the middle of the fan-out");
        Assert.Equal(0L, await app.Database.ScalarAsync<long>(
            "SELECT count(*) FROM outbox_emails WHERE kind = 'notification.test.kill' AND status = 'Sending'"));

        await using var second = new WorkerInstance(app);
        await second.InitializeAsync();
        await Until(async () => await SentAsync() == 600, "the second worker has sent the rest", 60);

        var counts = await app.Mail.CountByRecipientAsync();
        var wrong = Enumerable.Range(1, 600)
            .Select(n => (Address: $"omval-{n}@omval.test", Count: counts.GetValueOrDefault($"omval-{n}@omval.test")))
            .Where(r => r.Count != 1).ToList();
        Assert.True(wrong.Count == 0, $"{afterStop} sent by the first worker; not exactly one mail: " + string.Join(", ", wrong.Take(10)));
    }

    private Task<long> SentAsync() => app.Database.ScalarAsync<long>(
        "SELECT count(*) FROM outbox_emails WHERE kind = 'notification.test.kill' AND status = 'Sent'");

    private static async Task Until(Func<Task<bool>> condition, string what, int seconds, int pollMilliseconds = 100)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}");
            await Task.Delay(pollMilliseconds);
        }
    }
}
