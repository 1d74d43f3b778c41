using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Schoolplein.Platform.Tenancy;

/// <summary>
/// Evicts catalogue cache entries when the backoffice announces a change with
/// <c>NOTIFY tenant_catalog_changed, '{id}'</c>. Reconnects after a lost connection.
/// </summary>
public sealed partial class TenantChangeListener(
    NpgsqlDataSource dataSource, TenantCatalog catalog, ILogger<TenantChangeListener> logger) : BackgroundService
{
    public const string Channel = "tenant_catalog_changed";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, e) =>
                {
                    if (Guid.TryParse(e.Payload, out var id))
                    {
                        catalog.Invalidate(id, null);
                    }
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or InvalidOperationException)
            {
                LogListenFailed(logger, ex.GetType().Name);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Announces a catalogue change to every instance (call after the change is committed).</summary>
    public static async Task NotifyAsync(NpgsqlDataSource dataSource, Guid tenantId, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand("SELECT pg_notify($1, $2)");
        cmd.Parameters.AddWithValue(Channel);
        cmd.Parameters.AddWithValue(tenantId.ToString());
        await cmd.ExecuteNonQueryAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tenant catalogue listener lost its connection ({Error}); retrying")]
    private static partial void LogListenFailed(ILogger logger, string error);
}
