using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Tenancy;

namespace Schoolplein.Tenant.Web.Tenancy;

/// <summary>
/// Opens the one connection a school's page uses for its whole request, so its queries share it
/// instead of each taking one from the pool (every return to the pool runs Npgsql's reset, every
/// open sets app.tenant_id again). Health and metrics never touch the database this way.
/// <para>
/// A database that restarts refuses connections for a few seconds and breaks the pooled ones: the
/// page drops the stale connections and waits (up to <see cref="DatabaseOptions.ConnectWaitSeconds"/>)
/// instead of answering 500. When the database stays away, or every pooled connection stays busy
/// for the pool's Timeout (a burst larger than the pool), the answer is 503 with Retry-After and a
/// page saying to try again in a moment — the request changed nothing.
/// </para>
/// </summary>
public sealed class RequestConnectionMiddleware(
    RequestDelegate next, NeutralPages pages, NpgsqlDataSource dataSource, IOptions<DatabaseOptions> options,
    ILogger<RequestConnectionMiddleware> logger)
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(1);

    public async Task InvokeAsync(HttpContext context, TenantContext tenant, SchoolpleinDb db)
    {
        if (tenant.Id is not null
            && context.GetEndpoint() is not null
            && !context.Request.Path.StartsWithSegments("/health")
            && !context.Request.Path.StartsWithSegments("/metrics")
            && !await OpenAsync(db, context.RequestAborted))
        {
            await pages.WriteBusyAsync(context);
            return;
        }
        await next(context);
    }

    private async Task<bool> OpenAsync(SchoolpleinDb db, CancellationToken ct)
    {
        var waited = Stopwatch.StartNew();
        var limit = TimeSpan.FromSeconds(options.Value.ConnectWaitSeconds);
        var pause = FirstPause;
        while (true)
        {
            try
            {
                await db.Database.OpenConnectionAsync(ct);
                return true;
            }
            catch (NpgsqlException ex) when (ex.InnerException is TimeoutException)
            {
                // Npgsql's Timeout passed: the pool stayed exhausted, or the server did not answer at all.
                logger.LogWarning("No database connection within the pool's timeout; answering 503");
                return false;
            }
            catch (Exception ex) when (!ct.IsCancellationRequested && IsUnreachable(ex))
            {
                await CloseQuietlyAsync(db);
                // A restart breaks every pooled connection: drop them so the next try opens a fresh one.
                dataSource.Clear();
                if (waited.Elapsed + pause > limit)
                {
                    logger.LogWarning("The database did not accept connections for {Seconds:0.0} s; answering 503", waited.Elapsed.TotalSeconds);
                    return false;
                }
                await Task.Delay(pause, ct);
                pause = pause * 2 < LongestPause ? pause * 2 : LongestPause;
            }
        }
    }

    // Refused, reset or "starting up / shutting down": the server is (re)starting. Anything else
    // (a wrong password, a missing database) is a configuration error and stays a 500.
    private static bool IsUnreachable(Exception ex) => ex switch
    {
        PostgresException pg => pg.SqlState is PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.AdminShutdown
            or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.TooManyConnections,
        NpgsqlException npgsql => npgsql.InnerException is System.Net.Sockets.SocketException or IOException
            || npgsql.IsTransient,
        InvalidOperationException { InnerException: { } inner } => IsUnreachable(inner),
        _ => false,
    };

    private static async Task CloseQuietlyAsync(SchoolpleinDb db)
    {
        try
        {
            await db.Database.CloseConnectionAsync();
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            // It is broken already; the next open starts afresh.
        }
    }
}
