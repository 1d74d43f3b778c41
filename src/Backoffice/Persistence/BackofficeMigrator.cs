using Microsoft.EntityFrameworkCore;
using Npgsql;
using Schoolplein.Platform.Persistence;

namespace Schoolplein.Backoffice.Persistence;

/// <summary>The deploy step "migrate": the school database, Hangfire, then the backoffice schema, as the owner role.</summary>
public static class BackofficeMigrator
{
    public static async Task MigrateAsync(string ownerConnectionString, DatabaseOptions roles, CancellationToken ct = default)
    {
        await using (var db = new BackofficeDb(BackofficeDb.Configure(new DbContextOptionsBuilder<BackofficeDb>(), ownerConnectionString).Options))
        {
            // Both histories are checked before either database changes.
            await OlderSchemaException.ThrowIfUnknownAsync(db, ct);
        }
        await DatabaseMigrator.MigrateAsync(ownerConnectionString, roles, ct);
        await using (var db = new BackofficeDb(BackofficeDb.Configure(new DbContextOptionsBuilder<BackofficeDb>(), ownerConnectionString).Options))
        {
            await db.Database.MigrateAsync(ct);
        }
        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync(ct);
        await using var grants = connection.CreateCommand();
        var role = "\"" + roles.BackofficeRole.Replace("\"", "\"\"") + "\"";
        grants.CommandText = $"""
            GRANT USAGE ON SCHEMA {BackofficeDb.Schema} TO {role};
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {BackofficeDb.Schema} TO {role};
            GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA {BackofficeDb.Schema} TO {role};
            """;
        await grants.ExecuteNonQueryAsync(ct);
    }
}
