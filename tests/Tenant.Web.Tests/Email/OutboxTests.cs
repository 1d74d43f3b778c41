using Hangfire;
using Microsoft.EntityFrameworkCore;
using Schoolplein.Platform.Email;
using Schoolplein.Platform.Persistence;
using Schoolplein.Tenant.Web.Tests.Tenancy;
using Schoolplein.Testing;
using Xunit;

namespace Schoolplein.Tenant.Web.Tests.Email;

public sealed class OutboxTests(TwoSchoolsApp app) : IClassFixture<TwoSchoolsApp>
{
    private Task<Guid> QueueAsync(Guid school, string to, bool rollback = false) =>
        app.InSchoolAsync(school, async scope =>
        {
            var db = scope.Get<SchoolpleinDb>();
            var composer = scope.Get<SchoolEmailComposer>();
            await using var tx = await db.Database.BeginTransactionAsync();
            db.Groups.Add(new Schoolplein.Platform.Roster.Group { Name = "Met mail " + to, SchoolYear = "2026-2027" });
            var email = scope.Get<EmailOutbox>().Add(composer.Compose("test.welcome", to, "Eva", "Welkom", "Welkom bij de school",
                ["Dit is de eerste regel.", "<script>alert(1)</script>"], new EmailAction("Open het portaal", new Uri("http://alfa.localhost/"))));
            await db.SaveChangesAsync();
            if (rollback)
            {
                await tx.RollbackAsync();
            }
            else
            {
                await tx.CommitAsync();
            }
            return email.Id;
        });

    [Fact]
    public async Task MailWrittenWithAChangeIsDeliveredBrandedThroughSmtp()
    {
        var id = await QueueAsync(app.A.Id, "welkom@ouders.test");
        var mail = await app.Mail.WaitForMessageAsync("welkom@ouders.test");
        Assert.Equal("Welkom", mail.Subject);
        Assert.Equal(app.A.Name, mail.From.Mailboxes.Single().Name);
        Assert.Contains(app.A.Name, mail.HtmlBody);
        Assert.Contains("#0B6E5F", mail.HtmlBody);
        Assert.Contains("&lt;script&gt;", mail.HtmlBody);
        Assert.DoesNotContain("<script>", mail.HtmlBody);
        Assert.Contains("Dit is de eerste regel.", mail.TextBody);
        Assert.Contains("http://alfa.localhost/", mail.TextBody);
        Assert.Equal($"{id:N}@schoolplein", mail.MessageId);
        await WaitForStatusAsync(id, "Sent");
    }

    [Fact]
    public async Task RolledBackChangesLeaveNoMailBehind()
    {
        var id = await QueueAsync(app.A.Id, "teruggedraaid@ouders.test", rollback: true);
        Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM outbox_emails WHERE id = $1", id));
        await QueueAsync(app.A.Id, "daarna@ouders.test");
        await app.Mail.WaitForMessageAsync("daarna@ouders.test");
        Assert.Empty(await app.Mail.MessagesToAsync("teruggedraaid@ouders.test"));
    }

    [Fact]
    public async Task ASentMailIsNotSentAgainWhenItsJobRunsTwice()
    {
        var id = await QueueAsync(app.B.Id, "eenmaal@ouders.test");
        await app.Mail.WaitForMessageAsync("eenmaal@ouders.test");
        await WaitForStatusAsync(id, "Sent");
        var again = app.Services.GetRequiredService<IBackgroundJobClient>()
            .Enqueue<DeliverEmailJob>(j => j.RunAsync(app.B.Id, id, CancellationToken.None));
        Assert.Equal("Succeeded", await app.WaitForJobAsync(again));
        Assert.Single(await app.Mail.MessagesToAsync("eenmaal@ouders.test"));
    }

    [Fact]
    public async Task TheSweeperPicksUpMailWhoseJobWasLost()
    {
        // A row committed without its job (the process died in between), ten minutes old by the app's clock.
        var id = Guid.CreateVersion7();
        await app.Database.ExecuteAsync(
            "INSERT INTO outbox_emails (id, tenant_id, kind, to_address, subject, html_body, text_body, status, attempts, created_at) " +
            "VALUES ($1, $2, 'test.lost', 'verloren@ouders.test', 'Verloren', '<p>x</p>', 'x', 'Pending', 0, $3)",
            id, app.A.Id, app.Now.AddMinutes(-10));
        var sweep = app.Services.GetRequiredService<IBackgroundJobClient>()
            .Enqueue<OutboxSweepJob>(j => j.RunAsync(app.A.Id, CancellationToken.None));
        await app.WaitForJobAsync(sweep);
        await app.Mail.WaitForMessageAsync("verloren@ouders.test");
        await WaitForStatusAsync(id, "Sent");
    }

    [Fact]
    public async Task ManyMailsOfOneChangeAreEachDeliveredOnceInBatches()
    {
        // 30 mails of one school in one save: one batch (up to Outbox:BatchSize rows), one job, one connection.
        var ids = await app.InSchoolAsync(app.A.Id, async scope =>
        {
            var db = scope.Get<SchoolpleinDb>();
            var outbox = scope.Get<EmailOutbox>();
            var added = Enumerable.Range(0, 30)
                .Select(i => outbox.Add(new EmailMessage("test.batch", $"batch{i}@ouders.test", null, $"Batch {i}", "<p>x</p>", "x")).Id)
                .ToList();
            await db.SaveChangesAsync();
            return added;
        });
        for (var i = 0; i < 30; i++)
        {
            var mail = await app.Mail.WaitForMessageAsync($"batch{i}@ouders.test");
            Assert.Equal($"Batch {i}", mail.Subject);
        }
        foreach (var id in ids)
        {
            await WaitForStatusAsync(id, "Sent");
        }
        // One batch job carried them (not 30 single jobs).
        var batch = await app.Database.ScalarAsync<Guid>("SELECT batch_id FROM outbox_emails WHERE id = $1", ids[0]);
        Assert.Equal(1L, await app.Database.ScalarAsync<long>(
            "SELECT count(DISTINCT batch_id) FROM outbox_emails WHERE id = ANY($1)", ids.ToArray()));
        Assert.Equal(1L, await app.Database.ScalarAsync<long>(
            "SELECT count(*) FROM hangfire.job WHERE invocationdata::text LIKE '%RunBatchAsync%' AND arguments::text LIKE '%' || $1 || '%'",
            batch.ToString()));
        // A batch that runs again sends nothing twice.
        var again = app.Services.GetRequiredService<IBackgroundJobClient>()
            .Enqueue<DeliverEmailJob>(j => j.RunBatchAsync(app.A.Id, batch, CancellationToken.None));
        Assert.Equal("Succeeded", await app.WaitForJobAsync(again));
        Assert.Single(await app.Mail.MessagesToAsync("batch0@ouders.test"));
        Assert.Single(await app.Mail.MessagesToAsync("batch29@ouders.test"));
    }

    private async Task WaitForStatusAsync(Guid id, string status)
    {
        var deadline = Deadline.In(20);
        while (await app.Database.ScalarAsync<string>("SELECT status FROM outbox_emails WHERE id = $1", id) != status)
        {
            Assert.True(!deadline.Passed, $"e-mail {id} did not reach {status}");
            await Task.Delay(100);
        }
    }
}

/// <summary>An app whose SMTP server is down (nothing listens on the port) and gives up after two attempts.</summary>
public sealed class SmtpDownApp : TwoSchoolsApp
{
    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["Email:Port"] = ProcessPort.Closed().ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Email:MaxAttempts"] = "2";
    }
}

internal static class ProcessPort
{
    public static int Closed()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

public sealed class SmtpDownTests(SmtpDownApp app) : IClassFixture<SmtpDownApp>
{
    [Fact]
    public async Task WhenSmtpIsDownTheMailStaysInTheOutboxRecordsItsFailuresAndEndsDead()
    {
        var id = await app.InSchoolAsync(app.A.Id, async scope =>
        {
            var db = scope.Get<SchoolpleinDb>();
            var email = scope.Get<EmailOutbox>().Add(new EmailMessage("test.down", "niemand@ouders.test", null, "Onderwerp", "<p>x</p>", "x"));
            await db.SaveChangesAsync();
            return email.Id;
        });
        var deadline = Deadline.In(60);
        string status;
        while ((status = await app.Database.ScalarAsync<string>("SELECT status FROM outbox_emails WHERE id = $1", id)) != "Dead")
        {
            Assert.True(!deadline.Passed, $"still {status}");
            await Task.Delay(200);
        }
        Assert.Equal(2, await app.Database.ScalarAsync<int>("SELECT attempts FROM outbox_emails WHERE id = $1", id));
        var error = await app.Database.ScalarAsync<string>("SELECT last_error FROM outbox_emails WHERE id = $1", id);
        Assert.DoesNotContain("@", error);
        Assert.DoesNotContain(app.Logs.Events, e => e.RenderMessage().Contains("niemand@ouders.test", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WhenSmtpIsDownEveryMailOfABatchRecordsItsFailuresAndEndsDead()
    {
        var ids = await app.InSchoolAsync(app.A.Id, async scope =>
        {
            var db = scope.Get<SchoolpleinDb>();
            var outbox = scope.Get<EmailOutbox>();
            var added = Enumerable.Range(0, 3)
                .Select(i => outbox.Add(new EmailMessage("test.down", $"niemand{i}@ouders.test", null, "Onderwerp", "<p>x</p>", "x")).Id)
                .ToList();
            await db.SaveChangesAsync();
            return added;
        });
        var deadline = Deadline.In(60);
        foreach (var id in ids)
        {
            string status;
            while ((status = await app.Database.ScalarAsync<string>("SELECT status FROM outbox_emails WHERE id = $1", id)) != "Dead")
            {
                Assert.True(!deadline.Passed, $"still {status}");
                await Task.Delay(200);
            }
            Assert.Equal(2, await app.Database.ScalarAsync<int>("SELECT attempts FROM outbox_emails WHERE id = $1", id));
        }
    }
}
