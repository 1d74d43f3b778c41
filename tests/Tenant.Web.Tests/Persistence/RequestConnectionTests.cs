using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Persistence;
using Schoolplein.Testing;
using Xunit;

namespace Schoolplein.Tenant.Web.Tests.Persistence;

/// <summary>Counts the database connections the school app opens, per school host.</summary>
public sealed class ConnectionCountingApp : SchoolApp
{
    public OpenCounter Opens { get; } = new();

    protected override void ConfigureTestServices(IServiceCollection services) =>
        services.ConfigureDbContext<SchoolpleinDb>(options => options.AddInterceptors(Opens));

    public sealed class OpenCounter : DbConnectionInterceptor
    {
        private int _opens;

        public int Count => Volatile.Read(ref _opens);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _opens);
            return Task.CompletedTask;
        }

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Interlocked.Increment(ref _opens);
    }
}

public sealed class RequestConnectionTests(ConnectionCountingApp app) : IClassFixture<ConnectionCountingApp>
{
    [Fact]
    public async Task APageOfASchoolRunsAllItsQueriesOverOneConnectionAndLivenessNeedsNone()
    {
        var school = await app.CreateSchoolAsync("eenlijn");
        var group = await school.AddGroupAsync("Groep 4");
        var parent = await school.AddUserAsync("ouder@eenlijn.test", Roles.Parent);
        var child = await school.AddPupilAsync(group, "Sam", "Jansen");
        await school.LinkGuardianAsync(child, parent);
        using var client = await app.SignedInAsync("eenlijn", "ouder@eenlijn.test");

        var before = app.Opens.Count;
        using (var home = await client.GetAsync("/"))
        {
            home.EnsureSuccessStatusCode();
        }
        // Several queries (menu, banners, bell, timeline), one connection.
        Assert.Equal(1, app.Opens.Count - before);

        before = app.Opens.Count;
        using (var live = await client.GetAsync("/health/live"))
        {
            live.EnsureSuccessStatusCode();
        }
        Assert.Equal(0, app.Opens.Count - before);
    }
}
