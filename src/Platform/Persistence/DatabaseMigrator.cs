using Hangfire.PostgreSql;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Schoolplein.Platform.Tenancy;

namespace Schoolplein.Platform.Persistence;

/// <summary>
/// The migrate step: runs as the owner role, applies EF migrations, installs the Hangfire
/// schema and grants the runtime roles what they need. Production runs it as its own
/// deploy step; development and tests call it before starting the apps.
/// </summary>
public static class DatabaseMigrator
{
    public const string HangfireSchema = "hangfire";

    /// <summary>Catalogue tables the school app may read but never write.</summary>
    private static readonly string[] ReadOnlyForApp = ["tenants", "__EFMigrationsHistory"];

    /// <summary>
    /// The catalogue columns school admins change under Beheer (Schools/SchoolBranding). Granted
    /// after the revoke above (a table-level revoke also drops column grants); the row-level policy
    /// of the migration SchoolBrandingByAdmins limits them to the school's own row.
    /// </summary>
    private static readonly string[] BrandingColumns = ["primary_color", "logo", "logo_content_type", "logo_updated_at", "welcome_text", "updated_at"];

    public static async Task MigrateAsync(string ownerConnectionString, DatabaseOptions roles, CancellationToken ct = default)
    {
        var options = new DbContextOptionsBuilder<SchoolpleinDb>()
            .UseSchoolpleinNpgsql(ownerConnectionString)
            .Options;
        await using (var db = new SchoolpleinDb(options, new TenantContext()))
        {
            await OlderSchemaException.ThrowIfUnknownAsync(db, ct);
            await db.Database.MigrateAsync(ct);
        }

        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync(ct);
        PostgreSqlObjectsInstaller.Install(connection, HangfireSchema);
        await using var grants = connection.CreateCommand();
        grants.CommandText = GrantSql(roles);
        await grants.ExecuteNonQueryAsync(ct);
    }

    public static string GrantSql(DatabaseOptions roles)
    {
        var app = Quote(roles.AppRole);
        var backoffice = Quote(roles.BackofficeRole);
        var revokes = string.Join("\n", ReadOnlyForApp.Select(t => $"REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON public.{Quote(t)} FROM {app};"));
        return $"""
            GRANT USAGE ON SCHEMA public, {HangfireSchema} TO {app}, {backoffice};
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public, {HangfireSchema} TO {app}, {backoffice};
            GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public, {HangfireSchema} TO {app}, {backoffice};
            {revokes}
            GRANT UPDATE ({string.Join(", ", BrandingColumns)}) ON public.tenants TO {app};
            """;
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";
}
