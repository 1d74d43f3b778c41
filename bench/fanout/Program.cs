// Fan-out benchmark: one urgent notification to N parents of one school (default 1,000) on a
// throwaway database, timed from NotifyAsync to the last mail accepted by smtp4dev, against a
// baseline of raw-inserting the same number of outbox rows. Prints one JSON line (marker "bench").
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Schoolplein.Platform.Notifications;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Timeline;
using Schoolplein.Testing;

var recipients = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
var workers = Environment.GetEnvironmentVariable("FANOUT_WORKERS") ?? "5";

await using var app = new FanoutApp(workers);
await app.InitializeAsync();
var school = await app.CreateSchoolAsync("fanout", "Kindcentrum Fan-out");
var parents = await school.AddParentsAsync("fanout", recipients, "fanout.test");

// Baseline: the outbox rows alone, written raw (one INSERT … SELECT, already 'Sent' so nothing is delivered).
var baseline = Stopwatch.StartNew();
await app.Database.ExecuteAsync(
    "INSERT INTO outbox_emails (id, tenant_id, kind, to_address, subject, html_body, text_body, status, attempts, created_at, idempotency_key) " +
    "SELECT gen_random_uuid(), $1, 'bench.baseline', 'baseline-' || n || '@fanout.test', 'Spoed', repeat('x', 3000), repeat('x', 600), 'Sent', 0, now(), 'baseline:' || n " +
    "FROM generate_series(1, $2) AS n", school.Id, recipients);
baseline.Stop();

var total = Stopwatch.StartNew();
await app.InSchoolAsync(school.Id, async scope =>
{
    await scope.Get<Notifier>().NotifyAsync(parents, new NotificationContent(
        TimelineNotifications.UrgentKind, typeof(TimelineNotificationText), "UrgentTitle", ["Schooldeur dicht"],
        "PostBodySchool", ["De directie", "De school is vandaag gesloten wegens een storing in de verwarming."], "/nieuws/bench", Urgent: true));
    await scope.Get<SchoolpleinDb>().SaveChangesAsync();
});
var written = total.Elapsed;

var deadline = DateTime.UtcNow.AddMinutes(10);
long sent;
while ((sent = await app.Database.ScalarAsync<long>(
    "SELECT count(*) FROM outbox_emails WHERE kind = 'notification.post.urgent' AND status = 'Sent'")) < recipients)
{
    if (DateTime.UtcNow > deadline)
    {
        throw new TimeoutException($"only {sent} of {recipients} sent");
    }
    await Task.Delay(50);
}
var delivered = total.Elapsed;
var batches = await app.Database.ScalarAsync<long>("SELECT count(DISTINCT batch_id) FROM outbox_emails WHERE kind = 'notification.post.urgent'");
var counts = await app.Mail.CountByRecipientAsync();
var exactlyOnce = Enumerable.Range(1, recipients).Count(n => counts.GetValueOrDefault($"fanout-{n}@fanout.test") == 1);

Console.WriteLine(JsonSerializer.Serialize(new
{
    bench = "fanout",
    recipients,
    workers = int.Parse(workers, CultureInfo.InvariantCulture),
    batches,
    baseline_insert_ms = Math.Round(baseline.Elapsed.TotalMilliseconds, 1),
    notify_write_ms = Math.Round(written.TotalMilliseconds, 1),
    write_ratio_vs_baseline = Math.Round(written.TotalMilliseconds / baseline.Elapsed.TotalMilliseconds, 2),
    delivered_ms = Math.Round(delivered.TotalMilliseconds, 1),
    delivered_ratio_vs_baseline = Math.Round(delivered.TotalMilliseconds / baseline.Elapsed.TotalMilliseconds, 2),
    mails_per_second = Math.Round(recipients / delivered.TotalSeconds, 1),
    received_exactly_once = exactlyOnce,
}));

/// <summary>The school app with production-like job settings and quiet logs.</summary>
internal sealed class FanoutApp(string workers) : SchoolApp
{
    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["Jobs:WorkerCount"] = workers;
        settings["Jobs:PollIntervalMilliseconds"] = "100";
        settings["Serilog:MinimumLevel:Default"] = "Error";
    }
}
