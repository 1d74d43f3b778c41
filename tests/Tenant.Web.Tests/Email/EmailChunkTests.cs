using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using Schoolplein.Platform.Email;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Tenancy;
using Schoolplein.Tenant.Web.Tests.Tenancy;
using Xunit;

namespace Schoolplein.Tenant.Web.Tests.Email;

/// <summary>
/// A batch's mails go a chunk at a time (one claim, one read, each marked sent after its own send).
/// These drive <see cref="EmailRowDelivery.DeliverManyAsync"/> directly with a session that records
/// the sends, on rows written without a job (so no background worker takes them first).
/// </summary>
public sealed class EmailChunkTests(TwoSchoolsApp app) : IClassFixture<TwoSchoolsApp>
{
    [Fact]
    public async Task EachMailOfAChunkIsMarkedSentAndAChunkRunAgainSendsNothing()
    {
        var ids = await RowsAsync("klaar", 5);
        var session = new RecordingSession();
        var result = await DeliverAsync(ids, session, app.Time);
        Assert.False(result.Failed);
        Assert.Empty(result.Untried);
        Assert.Equal(ids.Select(To("klaar")), session.Sent);
        Assert.Equal(["Sent"], await StatusesAsync(ids));

        var again = new RecordingSession();
        await DeliverAsync(ids, again, app.Time);
        Assert.Empty(again.Sent);
    }

    [Fact]
    public async Task RowsWhoseLeaseWouldEndBeforeTheirTurnAreGivenBackUntriedNotSentLate()
    {
        var ids = await RowsAsync("traag", 5);
        // A slow server: each send takes 20 s. The lease (60 s) minus the send timeout (30 s) leaves
        // room to start sends at 0 s and 20 s; the third would start at 40 s and could end after the lease.
        var clock = new FakeTimeProvider(app.Now);
        var session = new RecordingSession(onSend: () => clock.Advance(TimeSpan.FromSeconds(20)));
        var result = await DeliverAsync(ids, session, clock);
        Assert.False(result.Failed);
        Assert.Equal(ids.Take(2).Select(To("traag")), session.Sent);
        Assert.Equal(ids.Skip(2), result.Untried);
        Assert.Equal(["Sent"], await StatusesAsync(ids.Take(2)));
        // Given back as they were: due now, no attempt counted.
        Assert.Equal(["Pending"], await StatusesAsync(ids.Skip(2)));
        Assert.Equal(0L, await app.Database.ScalarAsync<long>(
            "SELECT count(*) FROM outbox_emails WHERE id = ANY($1) AND (attempts <> 0 OR locked_until IS NOT NULL)", ids.Skip(2).ToArray()));
    }

    [Fact]
    public async Task AStoppingWorkerSendsNoMoreAndGivesTheRestOfItsChunkBack()
    {
        var ids = await RowsAsync("stop", 6);
        using var stopping = new CancellationTokenSource();
        var session = new RecordingSession(onSend: stopping.Cancel);
        var result = await DeliverAsync(ids, session, app.Time, stopping.Token);
        Assert.Equal(ids.Take(1).Select(To("stop")), session.Sent);
        Assert.Equal(ids.Skip(1), result.Untried);
        Assert.Equal(["Sent"], await StatusesAsync(ids.Take(1)));
        Assert.Equal(["Pending"], await StatusesAsync(ids.Skip(1)));
        Assert.Equal(0L, await app.Database.ScalarAsync<long>(
            "SELECT count(*) FROM outbox_emails WHERE id = ANY($1) AND status = 'Sending'", ids.ToArray()));
    }

    [Fact]
    public async Task AFailedSendBacksThatMailOffStopsTheChunkAndLeavesTheRestDue()
    {
        var ids = await RowsAsync("stuk", 4);
        var session = new RecordingSession(failAt: 2);
        var result = await DeliverAsync(ids, session, app.Time);
        Assert.True(result.Failed);
        Assert.Equal(ids.Take(1).Select(To("stuk")), session.Sent);
        Assert.Equal(["Sent"], await StatusesAsync(ids.Take(1)));
        Assert.Equal(1, await app.Database.ScalarAsync<int>("SELECT attempts FROM outbox_emails WHERE id = $1", ids[1]));
        Assert.True(await app.Database.ScalarAsync<bool>(
            "SELECT status = 'Pending' AND next_attempt_at > $2 AND last_error IS NOT NULL FROM outbox_emails WHERE id = $1", ids[1], app.Now));
        Assert.Equal(["Pending"], await StatusesAsync(ids.Skip(2)));
        Assert.Equal(0L, await app.Database.ScalarAsync<long>(
            "SELECT count(*) FROM outbox_emails WHERE id = ANY($1) AND (attempts <> 0 OR next_attempt_at IS NOT NULL)", ids.Skip(2).ToArray()));
    }

    [Fact]
    public async Task AChunkClaimsOnlyItsOwnSchoolsRows()
    {
        var ids = await RowsAsync("ander", 2);
        var session = new RecordingSession();
        // The same ids from the other school's scope: row-level security hides them, nothing is claimed or sent.
        var result = await app.InSchoolAsync(app.B.Id, scope => Delivery(scope, app.Time).DeliverManyAsync(session, ids, CancellationToken.None));
        Assert.False(result.Failed);
        Assert.Empty(session.Sent);
        Assert.Equal(["Pending"], await StatusesAsync(ids));
    }

    private static Func<Guid, int, string> To(string prefix) => (_, i) => $"{prefix}{i}@ouders.test";

    private Task<EmailRowDelivery.ChunkResult> DeliverAsync(
        IReadOnlyList<Guid> ids, IEmailSession session, TimeProvider clock, CancellationToken ct = default) =>
        app.InSchoolAsync(app.A.Id, scope => Delivery(scope, clock).DeliverManyAsync(session, ids, ct));

    private static EmailRowDelivery Delivery(TenantScope scope, TimeProvider clock) => new(
        scope.Get<SchoolpleinDb>(), scope.Get<OutboxDeliveries>(), scope.Get<TenantContext>(), scope.Get<IOptions<EmailOptions>>(),
        clock, NullLogger<DeliverEmailJob>.Instance);

    /// <summary>Rows of school A in id order (as a batch reads them), written without a batch or job.</summary>
    private async Task<List<Guid>> RowsAsync(string prefix, int count)
    {
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var id = Guid.CreateVersion7();
            await app.Database.ExecuteAsync(
                "INSERT INTO outbox_emails (id, tenant_id, kind, to_address, subject, html_body, text_body, status, attempts, created_at) " +
                "VALUES ($1, $2, 'test.chunk', $3, 'Onderwerp', '<p>x</p>', 'x', 'Pending', 0, $4)",
                id, app.A.Id, $"{prefix}{i}@ouders.test", app.Now);
            ids.Add(id);
        }
        return [.. await app.Database.ScalarAsync<Guid[]>("SELECT array_agg(id ORDER BY id) FROM outbox_emails WHERE id = ANY($1)", ids.ToArray())];
    }

    private async Task<List<string>> StatusesAsync(IEnumerable<Guid> ids) =>
        [.. await app.Database.ScalarAsync<string[]>("SELECT array_agg(DISTINCT status) FROM outbox_emails WHERE id = ANY($1)", ids.ToArray())];

    private sealed class RecordingSession(Action? onSend = null, int failAt = 0) : IEmailSession
    {
        public List<string> Sent { get; } = [];
        private int _calls;

        public Task SendAsync(MimeMessage message, CancellationToken ct)
        {
            if (++_calls == failAt)
            {
                throw new IOException("connection reset");
            }
            Sent.Add(message.To.Mailboxes.Single().Address);
            onSend?.Invoke();
            return Task.CompletedTask;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
