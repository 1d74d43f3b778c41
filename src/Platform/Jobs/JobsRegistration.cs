using Hangfire;
using Hangfire.Client;
using Hangfire.Common;
using Microsoft.Extensions.Configuration;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Server;
using Hangfire.States;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using Schoolplein.Platform.Email;
using Schoolplein.Platform.Observability;
using Schoolplein.Platform.Persistence;

namespace Schoolplein.Platform.Jobs;

public static class JobsRegistration
{
    /// <summary>Hangfire's own connection pool (see <see cref="JobsOptions.MaxPoolSize"/>).</summary>
    public const string JobsDataSource = "jobs";

    /// <summary>
    /// Hangfire on PostgreSQL, wired through DI only: no JobStorage.Current or global
    /// filters, so two apps in one process (tests) never share storage or filters.
    /// </summary>
    public static IHostApplicationBuilder AddJobs(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        GlobalConfiguration.Configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings();

        services.AddSingleton<TenantJobFilter>();
        services.AddSingleton<JobActivator, TenantJobActivator>();
        services.AddSingleton<IJobFilterProvider>(sp => new JobFilterProviderCollection(
            GlobalJobFilters.Filters,
            new JobFilterAttributeFilterProvider(),
            new JobFilterCollection { sp.GetRequiredService<TenantJobFilter>(), new JobTracingFilter() }));
        services.AddKeyedSingleton(JobsDataSource, (sp, _) =>
        {
            var jobs = sp.GetRequiredService<IOptions<JobsOptions>>().Value;
            var connection = new NpgsqlConnectionStringBuilder(
                builder.Configuration.GetConnectionString(PersistenceRegistration.ConnectionName)
                ?? throw new InvalidOperationException($"ConnectionStrings:{PersistenceRegistration.ConnectionName} is not configured."))
            {
                MaxPoolSize = jobs.MaxPoolSize,
                ApplicationName = "schoolplein-jobs",
            };
            return new NpgsqlDataSourceBuilder(connection.ConnectionString).Build();
        });
        services.AddSingleton<JobStorage>(sp =>
        {
            var jobs = sp.GetRequiredService<IOptions<JobsOptions>>().Value;
            return new PostgreSqlStorage(
                new DataSourceConnectionFactory(sp.GetRequiredKeyedService<NpgsqlDataSource>(JobsDataSource)),
                new PostgreSqlStorageOptions
                {
                    SchemaName = DatabaseMigrator.HangfireSchema,
                    PrepareSchemaIfNecessary = false,
                    QueuePollInterval = TimeSpan.FromMilliseconds(jobs.PollIntervalMilliseconds),
                    InvisibilityTimeout = TimeSpan.FromSeconds(jobs.InvisibilityTimeoutSeconds),
                    UseSlidingInvisibilityTimeout = true,
                    DistributedLockTimeout = TimeSpan.FromMinutes(1),
                });
        });
        services.AddSingleton<IBackgroundJobFactory>(sp => new BackgroundJobFactory(sp.GetRequiredService<IJobFilterProvider>()));
        services.AddSingleton<IBackgroundJobStateChanger>(sp => new BackgroundJobStateChanger(sp.GetRequiredService<IJobFilterProvider>()));
        services.AddSingleton<IBackgroundJobPerformer>(sp => new BackgroundJobPerformer(
            sp.GetRequiredService<IJobFilterProvider>(), sp.GetRequiredService<JobActivator>()));
        services.AddSingleton<IBackgroundJobClient>(sp => new BackgroundJobClient(
            sp.GetRequiredService<JobStorage>(), sp.GetRequiredService<IBackgroundJobFactory>(), sp.GetRequiredService<IBackgroundJobStateChanger>()));
        services.AddSingleton<IRecurringJobManager>(sp => new RecurringJobManager(
            sp.GetRequiredService<JobStorage>(), sp.GetRequiredService<IBackgroundJobFactory>()));

        var settings = builder.Configuration.GetSection(JobsOptions.SectionName).Get<JobsOptions>() ?? new JobsOptions();
        if (settings.RunServer)
        {
            // The overload taking factory/performer/state changer is marked obsolete for 2.0, but it is the
            // one that keeps filters and the activator per app instead of in Hangfire's static globals.
#pragma warning disable CS0618
            services.AddSingleton<IHostedService>(sp => new BackgroundJobServerHostedService(
                sp.GetRequiredService<JobStorage>(),
                new BackgroundJobServerOptions
                {
                    WorkerCount = settings.WorkerCount,
                    SchedulePollingInterval = TimeSpan.FromMilliseconds(Math.Max(settings.PollIntervalMilliseconds, 1000)),
                    ServerCheckInterval = TimeSpan.FromMinutes(1),
                },
                [],
                sp.GetRequiredService<IBackgroundJobFactory>(),
                sp.GetRequiredService<IBackgroundJobPerformer>(),
                sp.GetRequiredService<IBackgroundJobStateChanger>(),
                sp.GetRequiredService<IHostApplicationLifetime>()));
#pragma warning restore CS0618
        }
        if (settings.RegisterRecurringJobs)
        {
            services.AddHostedService<RecurringJobsRegistrar>();
        }
        return builder;
    }
}

/// <summary>Adapts the shared NpgsqlDataSource for Hangfire.PostgreSql.</summary>
internal sealed class DataSourceConnectionFactory(NpgsqlDataSource dataSource) : IConnectionFactory
{
    public NpgsqlConnection GetOrCreateConnection() => dataSource.OpenConnection();
}

/// <summary>Registers the recurring system jobs (idempotent: AddOrUpdate by id).</summary>
internal sealed class RecurringJobsRegistrar(IRecurringJobManager recurring) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<TenantFanOutJob<Billing.BillingQuantityJob>>(
            "billing-quantity", job => job.RunAsync(CancellationToken.None), "17 3 * * *");
        recurring.AddOrUpdate<TenantFanOutJob<OutboxSweepJob>>(
            "outbox-sweep", job => job.RunAsync(CancellationToken.None), "*/5 * * * *");
        recurring.AddOrUpdate<TenantFanOutJob<Timeline.UrgentEscalationSweepJob>>(
            "urgent-escalation-sweep", job => job.RunAsync(CancellationToken.None), "*/5 * * * *");
        // 16:00 UTC is the end of the school day in Western Europe.
        recurring.AddOrUpdate<TenantFanOutJob<Notifications.DigestJob>>(
            "notification-digest", job => job.RunAsync(CancellationToken.None), "0 16 * * *");
        recurring.AddOrUpdate<TenantFanOutJob<Conferences.ConferenceReminderJob>>(
            "conference-reminders", job => job.RunAsync(CancellationToken.None), "7 * * * *");
        recurring.AddOrUpdate<TenantFanOutJob<Blobs.PendingUploadSweepJob>>(
            "pending-upload-sweep", job => job.RunAsync(CancellationToken.None), "37 * * * *");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
