using System.Net;
using Hangfire;
using Hangfire.Client;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Schoolplein.Platform.Email;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Timeline;
using Schoolplein.Testing;
using Xunit;

using Schoolplein.Tenant.Web.Tests.Timeline;

namespace Schoolplein.Tenant.Web.Tests.Jobs;

/// <summary>
/// Hangfire's client with a switch that makes every enqueue and schedule fail (storage down), and a
/// gate that holds every enqueue until it opens (storage slow).
/// </summary>
public sealed class FaultyJobClient(IBackgroundJobClient inner) : IBackgroundJobClient
{
    public volatile bool Failing;
    public readonly ManualResetEventSlim Gate = new(true);
    private int _created;

    /// <summary>Jobs created through this client (enqueued or scheduled).</summary>
    public int Created => Volatile.Read(ref _created);

    public string Create(Job job, IState state)
    {
        Gate.Wait(TimeSpan.FromMinutes(1));
        if (Failing)
        {
            throw new InvalidOperationException("injected: job storage unavailable");
        }
        var id = inner.Create(job, state);
        Interlocked.Increment(ref _created);
        return id;
    }

    public bool ChangeState(string jobId, IState state, string expectedState) => inner.ChangeState(jobId, state, expectedState);
}

/// <summary>School "vlinder" on a controllable clock, with a job client that can be made to fail.</summary>
public sealed class AfterCommitApp : SchoolApp
{
    public FakeTimeProvider Clock { get; } = new(DefaultStart);
    public FaultyJobClient Jobs { get; private set; } = null!;
    public SchoolHandle School { get; private set; } = null!;
    public Guid Group { get; private set; }
    public Guid ParentId { get; private set; }

    public const string Teacher = "juf@vlinder.test";
    public const string Parent = "ouder@vlinder.test";

    protected override TimeProvider CreateClock() => Clock;

    protected override void ConfigureTestServices(IServiceCollection services) =>
        services.AddSingleton<IBackgroundJobClient>(sp => Jobs = new FaultyJobClient(new BackgroundJobClient(
            sp.GetRequiredService<JobStorage>(), sp.GetRequiredService<IBackgroundJobFactory>(), sp.GetRequiredService<IBackgroundJobStateChanger>())));

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        School = await CreateSchoolAsync("vlinder", "Basisschool De Vlinder");
        Group = await School.AddGroupAsync("Groep 3");
        var pupil = await School.AddPupilAsync(Group, "Sem", "Vlinder");
        ParentId = await School.AddUserAsync(Parent, Roles.Parent);
        await School.LinkGuardianAsync(pupil, ParentId);
        await School.AddTeacherAsync(Group, await School.AddUserAsync(Teacher, Roles.Teacher));
        _ = Services.GetRequiredService<IBackgroundJobClient>();
    }
}

/// <summary>A change that committed answers success even when its after-commit job cannot be started.</summary>
public sealed class AfterCommitFailureTests(AfterCommitApp app) : IClassFixture<AfterCommitApp>
{
    [Fact]
    public async Task APostWhoseMailCannotBeEnqueuedIsSavedAndAnsweredAsSuccessAndItsMailWaitsForTheSweep()
    {
        using var teacher = await app.SignedInAsync("vlinder", AfterCommitApp.Teacher);
        app.Jobs.Failing = true;
        try
        {
            using var response = await TimelineApp.PublishAsync(teacher, "Gymles verplaatst", "De gymles is nu op woensdag.", [app.Group]);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            // The enqueue runs after the answer (OutboxDispatchQueue): keep the storage down until it has been tried.
            await Eventually.UntilAsync(() => app.Logs.Events.Any(e => e.RenderMessage().Contains("could not be enqueued after commit", StringComparison.Ordinal)),
                "the failed enqueue");
        }
        finally
        {
            app.Jobs.Failing = false;
        }
        var post = await app.Database.ScalarAsync<Guid>("SELECT id FROM posts WHERE title = 'Gymles verplaatst'");
        // The mail is committed with the post, pending and in a batch, for the outbox sweep.
        Assert.Equal(1L, await app.Database.ScalarAsync<long>(
            "SELECT count(*) FROM outbox_emails e JOIN notifications n ON n.id = e.notification_id " +
            "WHERE n.source_id = $1 AND n.user_id = $2 AND e.status = 'Pending' AND e.batch_id IS NOT NULL", post, app.ParentId));
        Assert.Contains(app.Logs.Events, e => e.RenderMessage().Contains("could not be enqueued after commit", StringComparison.Ordinal));
    }

    [Fact]
    public async Task APostIsAnsweredWithoutWaitingForTheJobStorageAndItsMailJobIsEnqueuedAfterwards()
    {
        using var teacher = await app.SignedInAsync("vlinder", AfterCommitApp.Teacher);
        var before = app.Jobs.Created;
        app.Jobs.Gate.Reset();
        try
        {
            // Job storage that hangs must not hold the request: on the request thread every post (and
            // every booking of a burst) would block a thread-pool thread for as long as the storage.
            var publish = TimelineApp.PublishAsync(teacher, "Zwemles", "De zwemles begint om 9 uur.", [app.Group]);
            await Eventually.UntilAsync(() => publish.IsCompleted, "the answer while the job storage hangs", seconds: 15);
            using var response = await publish;
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(before, app.Jobs.Created);
        }
        finally
        {
            app.Jobs.Gate.Set();
        }
        await Eventually.UntilAsync(() => app.Jobs.Created > before, "the delivery job enqueued once the storage answers");
    }

    [Fact]
    public async Task AnUrgentMessageWhoseEscalationCannotBeScheduledIsSentAndTheSweepEscalatesItWhenDue()
    {
        using var teacher = await app.SignedInAsync("vlinder", AfterCommitApp.Teacher);
        app.Jobs.Failing = true;
        Guid post;
        try
        {
            using var response = await TimelineApp.PublishAsync(teacher, "Spoed: school dicht", "Kom je kind om 12.00 uur ophalen.", [app.Group],
                urgent: true, comments: false, likes: false);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            post = Guid.Parse(response.Headers.Location!.ToString().Split('/')[2]);
        }
        finally
        {
            app.Jobs.Failing = false;
        }
        var monitor = app.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        Assert.DoesNotContain(monitor.ScheduledJobs(0, 1000), j => j.Value.Job?.Type == typeof(UrgentEscalationJob) && j.Value.Job.Args.Contains(post));

        // Not yet due: the sweep leaves it.
        await SweepAsync();
        Assert.Equal(0, await StageAsync(post));

        // The school's escalation time (60 minutes) and the sweep's grace have passed: the parent,
        // who has not opened it, gets the second urgent notification, once, however often the sweep runs.
        app.Clock.Advance(TimeSpan.FromMinutes(60) + UrgentEscalationSweepJob.Grace + TimeSpan.FromMinutes(1));
        await SweepAsync();
        await SweepAsync();
        Assert.Equal(UrgentEscalationJob.Escalated, await StageAsync(post));
        Assert.Equal(1L, await app.Database.ScalarAsync<long>(
            "SELECT count(*) FROM notifications WHERE source_id = $1 AND kind = $2 AND user_id = $3",
            post, TimelineNotifications.UrgentEscalationKind, app.ParentId));
    }

    private Task SweepAsync() =>
        app.InSchoolAsync(app.School.Id, scope => scope.Get<UrgentEscalationSweepJob>().RunAsync(app.School.Id, CancellationToken.None));

    private Task<int> StageAsync(Guid post) =>
        app.Database.ScalarAsync<int>("SELECT escalation_stage FROM posts WHERE id = $1", post);
}
