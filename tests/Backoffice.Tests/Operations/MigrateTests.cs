using Schoolplein.Backoffice.Persistence;
using Schoolplein.Platform.Persistence;
using Schoolplein.Testing;
using Xunit;

namespace Schoolplein.Backoffice.Tests.Operations;

/// <summary>The migrate step on a database made by another schema: it says so and changes nothing.</summary>
public sealed class MigrateTests
{
    [Theory]
    [InlineData("public.\"__EFMigrationsHistory\"")]
    [InlineData("backoffice.\"__EFMigrationsHistory\"")]
    public async Task MigrateRefusesADatabaseWhoseHistoryHoldsAMigrationThisBuildDoesNotKnow(string history)
    {
        var server = await PostgresServer.SharedAsync();
        await BackofficeTestApp.EnsureTemplateAsync(server);
        var database = await server.CreateDatabaseAsync("backoffice");
        await database.ExecuteAsync($"INSERT INTO {history} (migration_id, product_version) VALUES ('20261101000000_OldPeople', '10.0.0')");
        var before = await database.ScalarAsync<long>("SELECT count(*) FROM information_schema.tables");

        var refused = await Assert.ThrowsAsync<OlderSchemaException>(() => BackofficeMigrator.MigrateAsync(database.OwnerConnectionString, PostgresServer.Roles));

        Assert.Equal(["20261101000000_OldPeople"], refused.Unknown);
        Assert.Contains("reset the database", refused.Message);
        Assert.Equal(before, await database.ScalarAsync<long>("SELECT count(*) FROM information_schema.tables"));
    }

    [Fact]
    public async Task MigrateOnADatabaseItMadeItselfChangesNothingAndSucceeds()
    {
        var server = await PostgresServer.SharedAsync();
        await BackofficeTestApp.EnsureTemplateAsync(server);
        var database = await server.CreateDatabaseAsync("backoffice");
        const string applied = "SELECT (SELECT count(*) FROM public.\"__EFMigrationsHistory\") + (SELECT count(*) FROM backoffice.\"__EFMigrationsHistory\")";
        var before = await database.ScalarAsync<long>(applied);

        // Not refused: every applied migration is one this build has.
        await BackofficeMigrator.MigrateAsync(database.OwnerConnectionString, PostgresServer.Roles);

        Assert.True(before > 0);
        Assert.Equal(before, await database.ScalarAsync<long>(applied));
    }
}
