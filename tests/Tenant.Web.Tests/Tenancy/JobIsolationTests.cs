using System.Collections.Concurrent;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.FeatureManagement;
using Schoolplein.Platform.Jobs;
using Schoolplein.Platform.Modules;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Roster;
using Schoolplein.Platform.Tenancy;
using Schoolplein.Testing;
using Xunit;

namespace Schoolplein.Tenant.Web.Tests.Tenancy;

/// <summary>What a probe job saw when it ran.</summary>
public sealed record ProbeObservation(string Key, Guid? ScopeTenant, Guid ArgumentTenant, string Setting, IReadOnlyList<string> PupilNames, bool ConferencesOn, int Attempt);

/// <summary>Test jobs that record the school they ran in. Hangfire activates them through the app's activator.</summary>
public sealed class ProbeJob(TenantContext tenant, SchoolpleinDb db, IFeatureManager features)
{
    public static readonly ConcurrentDictionary<string, List<ProbeObservation>> Seen = new();
    private static readonly ConcurrentDictionary<string, int> Attempts = new();

    [AutomaticRetry(Attempts = 2, DelaysInSeconds = [1, 1])]
    public async Task RunAsync(Guid tenantId, string key, bool failFirst, CancellationToken ct)
    {
        var attempt = Attempts.AddOrUpdate(key, 1, (_, n) => n + 1);
        var setting = await db.Database.SqlQueryRaw<string>("SELECT coalesce(current_setting('app.tenant_id', true), '') AS \"Value\"").SingleAsync(ct);
        var names = await db.Pupils.IgnoreQueryFilters().OrderBy(p => p.FirstName).Select(p => p.FirstName).ToListAsync(ct);
        Seen.GetOrAdd(key, _ => []).Add(new ProbeObservation(key, tenant.Id, tenantId, setting, names,
            await features.IsEnabledAsync(SchoolModules.Conferences), attempt));
        if (failFirst && attempt == 1)
        {
            throw new InvalidOperationException("First attempt fails on purpose.");
        }
    }

    [AutomaticRetry(Attempts = 0)]
    public Task WithoutSchoolAsync(string key)
    {
        Seen.GetOrAdd(key, _ => []).Add(new ProbeObservation(key, tenant.Id, Guid.Empty, "", [], false, 1));
        return Task.CompletedTask;
    }

    [SystemJob]
    [AutomaticRetry(Attempts = 0)]
    public Task SystemWorkAsync(string key)
    {
        Seen.GetOrAdd(key, _ => []).Add(new ProbeObservation(key, tenant.Id, Guid.Empty, "", [], false, 1));
        return Task.CompletedTask;
    }

    [SystemJob]
    [AutomaticRetry(Attempts = 0)]
    public async Task SystemJobSavesSchoolDataAsync()
    {
        db.Groups.Add(new Group { Name = "Uit een systeemjob", SchoolYear = "2026-2027" });
        await db.SaveChangesAsync();
    }
}

/// <summary>Per-school recurring probe for the fan-out test.</summary>
public sealed class ProbeTenantJob(TenantContext tenant) : ITenantJob
{
    public static readonly ConcurrentBag<(Guid Argument, Guid? Scope)> Runs = [];

    public Task RunAsync(Guid tenantId, CancellationToken ct)
    {
        Runs.Add((tenantId, tenant.Id));
        return Task.CompletedTask;
    }
}

public sealed class SingleWorkerApp : TwoSchoolsApp
{
    protected override void Configure(IDictionary<string, string?> settings) => settings["Jobs:WorkerCount"] = "1";
}

/// <summary>TENANCY.md failure modes 4 (jobs), 20, 21, 22 and 23.</summary>
public sealed class JobIsolationTests(SingleWorkerApp app) : IClassFixture<SingleWorkerApp>
{
    private IBackgroundJobClient Jobs => app.Services.GetRequiredService<IBackgroundJobClient>();

    [Fact]
    public async Task AJobEnqueuedInASchoolRunsInThatSchoolAlsoAfterARetry()
    {
        var key = Guid.NewGuid().ToString();
        var id = Jobs.Enqueue<ProbeJob>(j => j.RunAsync(app.A.Id, key, true, CancellationToken.None));
        Assert.Equal("Succeeded", await app.WaitForJobAsync(id, 60, "Succeeded"));
        var runs = ProbeJob.Seen[key];
        Assert.Equal([1, 2], runs.Select(r => r.Attempt).ToArray());
        Assert.All(runs, r =>
        {
            Assert.Equal(app.A.Id, r.ScopeTenant);
            Assert.Equal(app.A.Id.ToString(), r.Setting);
            Assert.Contains("Annabel", r.PupilNames);
            Assert.DoesNotContain("Bartholomeus", r.PupilNames);
        });
    }

    [Fact]
    public async Task JobsOfTwoSchoolsBackToBackOnOneWorkerDoNotLeak()
    {
        var keys = Enumerable.Range(0, 6).Select(_ => Guid.NewGuid().ToString()).ToArray();
        var ids = keys.Select((key, i) =>
        {
            var school = i % 2 == 0 ? app.A.Id : app.B.Id;
            return Jobs.Enqueue<ProbeJob>(j => j.RunAsync(school, key, false, CancellationToken.None));
        }).ToList();
        foreach (var id in ids)
        {
            Assert.Equal("Succeeded", await app.WaitForJobAsync(id));
        }
        for (var i = 0; i < keys.Length; i++)
        {
            var run = Assert.Single(ProbeJob.Seen[keys[i]]);
            var expected = i % 2 == 0 ? app.A.Id : app.B.Id;
            Assert.Equal(expected, run.ScopeTenant);
            Assert.Equal(expected.ToString(), run.Setting);
            Assert.Equal(i % 2 == 0 ? "Annabel" : "Bartholomeus", Assert.Single(run.PupilNames, n => n is "Annabel" or "Bartholomeus"));
        }
    }

    [Fact]
    public async Task AJobWithoutASchoolFailsUnlessItIsASystemJob()
    {
        var key = Guid.NewGuid().ToString();
        var plain = Jobs.Enqueue<ProbeJob>(j => j.WithoutSchoolAsync(key));
        Assert.Equal("Failed", await app.WaitForJobAsync(plain));
        Assert.False(ProbeJob.Seen.ContainsKey(key));
        var monitor = app.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        Assert.Contains(nameof(MissingTenantException), monitor.JobDetails(plain).History[0].Data["ExceptionType"]);

        var systemKey = Guid.NewGuid().ToString();
        var system = Jobs.Enqueue<ProbeJob>(j => j.SystemWorkAsync(systemKey));
        Assert.Equal("Succeeded", await app.WaitForJobAsync(system));
        Assert.Null(Assert.Single(ProbeJob.Seen[systemKey]).ScopeTenant);
    }

    [Fact]
    public async Task SavingSchoolDataInAJobWithoutASchoolThrows()
    {
        var id = Jobs.Enqueue<ProbeJob>(j => j.SystemJobSavesSchoolDataAsync());
        Assert.Equal("Failed", await app.WaitForJobAsync(id));
        var monitor = app.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        Assert.Contains(nameof(TenantIsolationException), monitor.JobDetails(id).History[0].Data["ExceptionType"]);
        Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM groups WHERE name = 'Uit een systeemjob'"));
    }

    [Fact]
    public async Task TheRecurringFanOutEnqueuesOneJobPerServedSchool()
    {
        var suspended = await app.CreateSchoolAsync("dicht", status: TenantStatus.Suspended);
        var archived = await app.CreateSchoolAsync("weg", status: TenantStatus.Archived);
        var onboarding = await app.CreateSchoolAsync("nieuw", status: TenantStatus.Onboarding);
        var fanOut = ActivatorUtilities.CreateInstance<TenantFanOutJob<ProbeTenantJob>>(app.Services);
        var count = await fanOut.RunAsync(CancellationToken.None);
        var served = new[] { app.A.Id, app.B.Id, onboarding.Id };
        Assert.Equal(served.Length, count);
        var deadline = Deadline.In(30);
        while (served.Any(s => !ProbeTenantJob.Runs.Any(r => r.Argument == s)) && !deadline.Passed)
        {
            await Task.Delay(100);
        }
        foreach (var school in served)
        {
            var run = Assert.Single(ProbeTenantJob.Runs, r => r.Argument == school);
            Assert.Equal(school, run.Scope);
        }
        Assert.DoesNotContain(ProbeTenantJob.Runs, r => r.Argument == suspended.Id || r.Argument == archived.Id);
    }

    [Fact]
    public async Task AJobOfASchoolSuspendedBeforeItRunsDoesNotRun()
    {
        var school = await app.CreateSchoolAsync("straks-dicht");
        await app.Database.ExecuteAsync("UPDATE tenants SET status = 'Suspended' WHERE id = $1", school.Id);
        app.Services.GetRequiredService<TenantCatalog>().Invalidate(school.Id, school.Slug);
        var key = Guid.NewGuid().ToString();
        var id = Jobs.Enqueue<ProbeJob>(j => j.RunAsync(school.Id, key, false, CancellationToken.None));
        await app.WaitForJobAsync(id);
        Assert.False(ProbeJob.Seen.ContainsKey(key));
    }

    [Fact]
    public async Task AModuleOnForOneSchoolIsOffForAnotherInRequestsAndInJobs()
    {
        foreach (var (slug, email, on) in new[] { ("alfa", app.InA.ParentEmail, true), ("bravo", app.InB.ParentEmail, false) })
        {
            using var client = await app.SignedInAsync(slug, email);
            var modules = await client.GetFromJsonAsync<ModulesDto>("/api/v1/modules");
            Assert.Equal(on, modules!.Enabled.Contains(SchoolModules.Conferences));
            Assert.Contains(SchoolModules.Leave, modules.Enabled);
        }
        var keyA = Guid.NewGuid().ToString();
        var keyB = Guid.NewGuid().ToString();
        var a = Jobs.Enqueue<ProbeJob>(j => j.RunAsync(app.A.Id, keyA, false, CancellationToken.None));
        var b = Jobs.Enqueue<ProbeJob>(j => j.RunAsync(app.B.Id, keyB, false, CancellationToken.None));
        await app.WaitForJobAsync(a);
        await app.WaitForJobAsync(b);
        Assert.True(Assert.Single(ProbeJob.Seen[keyA]).ConferencesOn);
        Assert.False(Assert.Single(ProbeJob.Seen[keyB]).ConferencesOn);
    }

    private sealed record ModulesDto(List<string> Enabled);
}
