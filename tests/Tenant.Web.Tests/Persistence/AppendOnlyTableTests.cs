using Microsoft.EntityFrameworkCore;
using Npgsql;
using Schoolplein.Platform.Persistence;
using Schoolplein.Tenant.Web.Tests.Tenancy;
using Xunit;

namespace Schoolplein.Tenant.Web.Tests.Persistence;

/// <summary>The migrated database refuses to rewrite an append-only history, for every role (the owner included).</summary>
public sealed class AppendOnlyTableTests(TwoSchoolsApp app) : IClassFixture<TwoSchoolsApp>
{
    [Fact]
    public async Task EveryAppendOnlyTableOfTheModelRefusesTruncateAndRowChangesEvenForTheOwner()
    {
        var tables = await app.InSchoolAsync(app.A.Id, scope => Task.FromResult(
            scope.Get<SchoolpleinDb>().Model.GetEntityTypes().Where(t => t.IsAppendOnly()).Select(t => t.GetTableName()!).Distinct().ToList()));
        Assert.NotEmpty(tables);
        await using var owner = new NpgsqlConnection(app.Database.OwnerConnectionString);
        await owner.OpenAsync();
        foreach (var table in tables)
        {
            await using var truncate = new NpgsqlCommand($"TRUNCATE {table}", owner);
            var refused = await Assert.ThrowsAsync<PostgresException>(() => truncate.ExecuteNonQueryAsync());
            Assert.Contains("append-only", refused.MessageText);
            // The row triggers: a row-level statement on an empty table fires nothing, so check the catalogue.
            await using var triggers = new NpgsqlCommand(
                "SELECT count(*) FROM pg_trigger WHERE tgrelid = $1::regclass AND tgname = $2 AND tgenabled = 'O'", owner)
            {
                Parameters = { new() { Value = table }, new() { Value = table + "_append_only" } },
            };
            Assert.Equal(1L, (long)(await triggers.ExecuteScalarAsync())!);
        }
    }
}
