using Schoolplein.Platform.Notifications;
using Schoolplein.Platform.Persistence;
using Schoolplein.Testing;
using Xunit;

namespace Schoolplein.Tenant.Web.Tests.Notifications;

/// <summary>
/// The app with its own smtp4dev (kept in a database file, so what arrived before a stop is still
/// counted after the restart) behind <see cref="TcpCutProxy"/>, quick retries and plenty of attempts.
/// </summary>
public sealed class SmtpOutageApp : SchoolApp
{
    private readonly string _mailDatabase = Path.Combine(Path.GetTempPath(), $"schoolplein-smtp-outage-{Guid.NewGuid():N}.db");

    public Smtp4devServer OwnMail { get; private set; } = null!;
    public TcpCutProxy Network { get; private set; } = null!;
    public SchoolHandle School { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        OwnMail = await Smtp4devServer.StartAsync(database: _mailDatabase);
        Network = new TcpCutProxy(OwnMail.SmtpPort);
        Network.Open();
        await base.InitializeAsync();
        School = await CreateSchoolAsync("storing", "Basisschool De Storing");
    }

    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["Email:Port"] = Network.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Email:MaxAttempts"] = "50";
        settings["Outbox:BatchSize"] = "100";
        settings["Outbox:RetryDelaysSeconds:0"] = "1";
        settings["Outbox:RetryDelaysSeconds:1"] = "2";
        settings["Outbox:RetryDelaysSeconds:2"] = "3";
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Network.DisposeAsync();
        OwnMail.Stop();
        File.Delete(_mailDatabase);
    }
}

public sealed class SmtpOutageTests(SmtpOutageApp app) : IClassFixture<SmtpOutageApp>
{
    [Fact]
    public async Task WhenSmtpStopsDuringAnUrgentSendToFiveHundredParentsEveryParentGetsExactlyOneMailAfterItIsBack()
    {
        var parents = await app.School.AddParentsAsync("spoed", 500, "storing.test");
        await app.InSchoolAsync(app.School.Id, async scope =>
        {
            await scope.Get<Notifier>().NotifyAsync(parents, new NotificationContent(
                "test.outage", typeof(TestNotificationText), "Title", ["de directie"], "Body", ["De directie"], "/meldingen", Urgent: true));
            await scope.Get<SchoolpleinDb>().SaveChangesAsync();
        });

        // The server goes down as soon as the first mails are out: connections drop, new ones are refused.
        await Until(async () => await SentAsync() >= 1, "the first mails are sent", 30, pollMilliseconds: 10);
        await app.Network.CutAsync(TimeSpan.FromSeconds(1));
        var sentBeforeStop = await SentAsync();
        await Until(async () => await app.Database.ScalarAsync<long>(
            "SELECT count(*) FROM outbox_emails WHERE kind = 'notification.test.outage' AND last_error IS NOT NULL") > 0, "a failure is recorded", 20);
        Assert.True(await SentAsync() < 500, "the server stopped in the middle of the send");

        // smtp4dev itself is stopped once it has stored what it accepted, and started again later.
        await Until(async () => (await app.OwnMail.CountByRecipientAsync()).Keys.Count(k => k.EndsWith("@storing.test", StringComparison.Ordinal)) >= sentBeforeStop,
            "smtp4dev has stored what it accepted", 20);
        await app.OwnMail.StopGracefullyAsync();
        await Task.Delay(TimeSpan.FromSeconds(2)); // the outage lasts a while (minutes in real life)
        await app.OwnMail.StartProcessAsync();
        app.Network.Open();
        await Until(async () => await SentAsync() == 500, "all 500 are sent", 60);

        var counts = await app.OwnMail.CountByRecipientAsync();
        var wrong = Enumerable.Range(1, 500)
            .Select(n => (Address: $"spoed-{n}@storing.test", Count: counts.GetValueOrDefault($"spoed-{n}@storing.test")))
            .Where(r => r.Count != 1).ToList();
        Assert.True(wrong.Count == 0, $"{sentBeforeStop} sent before the stop; not exactly one mail: " + string.Join(", ", wrong.Take(10)));
        Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM outbox_emails WHERE status = 'Dead'"));
        Assert.True(await app.Database.ScalarAsync<long>(
            "SELECT count(*) FROM outbox_emails WHERE kind = 'notification.test.outage' AND attempts > 1") > 0, "some mails needed a retry");
    }

    private Task<long> SentAsync() => app.Database.ScalarAsync<long>(
        "SELECT count(*) FROM outbox_emails WHERE kind = 'notification.test.outage' AND status = 'Sent'");

    private static async Task Until(Func<Task<bool>> condition, string what, int seconds, int pollMilliseconds = 100)
    {
        var deadline = Deadline.In(seconds);
        while (!await condition())
        {
            Assert.True(!deadline.Passed, $"Timed out waiting until {what}");
            await Task.Delay(pollMilliseconds);
        }
    }
}

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
        // smtp4dev answers 250 before it has stored a message (it stores from a queue): the last mails marked sent
        // may not be readable yet. Wait until every parent's mail is there, then count the copies.
        var counts = await app.Mail.CountByRecipientAsync();
        await Until(async () => (counts = await app.Mail.CountByRecipientAsync()).Keys.Count(k => k.EndsWith("@omval.test", StringComparison.Ordinal)) >= 600,
            "smtp4dev has stored a mail for every parent", 30);
        var wrong = Enumerable.Range(1, 600)
            .Select(n => (Address: $"omval-{n}@omval.test", Count: counts.GetValueOrDefault($"omval-{n}@omval.test")))
            .Where(r => r.Count != 1).ToList();
        Assert.True(wrong.Count == 0, $"{afterStop} sent by the first worker; not exactly one mail: " + string.Join(", ", wrong.Take(10)));
    }

    private Task<long> SentAsync() => app.Database.ScalarAsync<long>(
        "SELECT count(*) FROM outbox_emails WHERE kind = 'notification.test.kill' AND status = 'Sent'");

    private static async Task Until(Func<Task<bool>> condition, string what, int seconds, int pollMilliseconds = 100)
    {
        var deadline = Deadline.In(seconds);
        while (!await condition())
        {
            Assert.True(!deadline.Passed, $"Timed out waiting until {what}");
            await Task.Delay(pollMilliseconds);
        }
    }
}
