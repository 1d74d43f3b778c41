using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Schoolplein.Platform.Tenancy;

namespace Schoolplein.Platform.Persistence;

/// <summary>
/// Sets <c>app.tenant_id</c> on every connection EF opens, for row-level security. With no
/// school in the scope it sets an empty value, so no tenant-owned row matches (fails closed).
/// Npgsql resets session state when the connection returns to the pool; never disable that.
/// </summary>
public sealed class TenantConnectionInterceptor(TenantContext tenant) : DbConnectionInterceptor
{
    public const string SettingName = "app.tenant_id";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = CreateCommand(connection);
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(
        DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = CreateCommand(connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private DbCommand CreateCommand(DbConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = $"SELECT set_config('{SettingName}', @tenant, false)";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "tenant";
        parameter.Value = tenant.Id?.ToString() ?? "";
        command.Parameters.Add(parameter);
        return command;
    }
}
