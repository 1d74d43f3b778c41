using System.Collections.Concurrent;
using Npgsql;
using Schoolplein.Platform.Persistence;

namespace Schoolplein.Testing;

/// <summary>
/// A throwaway PostgreSQL cluster, started once per test process from the machine's
/// binaries (temporary folder, free port, no durability), with the production roles.
/// Each template (a migrated database) is built once; each test class gets a clone.
/// Set SCHOOLPLEIN_TEST_PG to a superuser connection string to use an existing server.
/// </summary>
public sealed class PostgresServer
{
    public const string OwnerRole = "schoolplein_owner";
    public static readonly DatabaseOptions Roles = new();

    private static readonly Lazy<Task<PostgresServer>> Shared = new(StartAsync);
    private readonly ConcurrentDictionary<string, Lazy<Task>> _templates = new();
    private readonly SemaphoreSlim _cloneLock = new(1, 1);
    private readonly string _superuser;
    private readonly string? _rolePassword;
    private int _counter;

    private PostgresServer(string superuser, string? rolePassword)
    {
        _superuser = superuser;
        _rolePassword = rolePassword;
    }

    public static Task<PostgresServer> SharedAsync() => Shared.Value;

    public string SuperuserConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(_superuser) { Database = database, Pooling = false }.ConnectionString;

    public string ConnectionString(string database, string role, int? maxPool = null)
    {
        var builder = new NpgsqlConnectionStringBuilder(_superuser) { Database = database, Username = role, Password = _rolePassword };
        if (maxPool is { } max)
        {
            builder.MaxPoolSize = max;
        }
        return builder.ConnectionString;
    }

    /// <summary>Builds the named template once per process with <paramref name="migrate"/> (given the owner connection string).</summary>
    public Task EnsureTemplateAsync(string name, Func<string, Task> migrate) =>
        _templates.GetOrAdd(name, n => new Lazy<Task>(() => BuildTemplateAsync(n, migrate))).Value;

    public async Task<TestDatabase> CreateDatabaseAsync(string template)
    {
        var name = $"t_{Environment.ProcessId}_{Interlocked.Increment(ref _counter)}_{Guid.NewGuid():N}"[..40];
        await _cloneLock.WaitAsync();
        try
        {
            await ExecuteAsync("postgres", $"CREATE DATABASE \"{name}\" TEMPLATE \"tpl_{template}\" OWNER {OwnerRole}");
        }
        finally
        {
            _cloneLock.Release();
        }
        return new TestDatabase(this, name);
    }

    /// <summary>An empty database with the schema owner set, no migrations (for readiness tests).</summary>
    public async Task<TestDatabase> CreateEmptyDatabaseAsync()
    {
        var name = $"e_{Guid.NewGuid():N}";
        await ExecuteAsync("postgres", $"CREATE DATABASE \"{name}\" OWNER {OwnerRole}");
        await ExecuteAsync(name, $"ALTER SCHEMA public OWNER TO {OwnerRole}");
        return new TestDatabase(this, name);
    }

    public async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(SuperuserConnectionString(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task BuildTemplateAsync(string name, Func<string, Task> migrate)
    {
        var database = $"tpl_{name}";
        await ExecuteAsync("postgres", $"DROP DATABASE IF EXISTS \"{database}\"");
        await ExecuteAsync("postgres", $"CREATE DATABASE \"{database}\" OWNER {OwnerRole}");
        await ExecuteAsync(database, $"ALTER SCHEMA public OWNER TO {OwnerRole}");
        var owner = ConnectionString(database, OwnerRole);
        await migrate(owner);
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync("postgres", $"ALTER DATABASE \"{database}\" WITH IS_TEMPLATE true ALLOW_CONNECTIONS false");
    }

    private async Task ProvisionRolesAsync()
    {
        var password = _rolePassword is null ? "" : $" PASSWORD '{_rolePassword.Replace("'", "''")}'";
        await ExecuteAsync("postgres", $"""
            DO $$ BEGIN
              IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{OwnerRole}') THEN
                CREATE ROLE {OwnerRole} LOGIN{password}; END IF;
              IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{Roles.AppRole}') THEN
                CREATE ROLE {Roles.AppRole} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS{password}; END IF;
              IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{Roles.BackofficeRole}') THEN
                CREATE ROLE {Roles.BackofficeRole} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE BYPASSRLS{password}; END IF;
            END $$;
            """);
    }

    private static async Task<PostgresServer> StartAsync()
    {
        var external = Environment.GetEnvironmentVariable("SCHOOLPLEIN_TEST_PG");
        PostgresServer server;
        if (!string.IsNullOrEmpty(external))
        {
            server = new PostgresServer(external, Environment.GetEnvironmentVariable("SCHOOLPLEIN_TEST_PG_ROLE_PASSWORD"));
        }
        else
        {
            var port = ProcessRunner.FreePort();
            var cluster = await LocalCluster.StartAsync(port);
            server = new PostgresServer($"Host=127.0.0.1;Port={port};Username=postgres;Timeout=30;Command Timeout=120", null);
            AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Stop();
        }
        await server.ProvisionRolesAsync();
        return server;
    }

    /// <summary>initdb + pg_ctl as the postgres OS user when running as root (initdb refuses root).</summary>
    private sealed class LocalCluster(string bin, string directory)
    {
        public static async Task<LocalCluster> StartAsync(int port)
        {
            var bin = Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault() ?? throw new InvalidOperationException("PostgreSQL binaries not found: apt-get install -y postgresql");
            var directory = Path.Combine(Path.GetTempPath(), $"schoolplein-pg-{Environment.ProcessId}-{Guid.NewGuid():N}"[..48]);
            var cluster = new LocalCluster(bin, directory);
            var ctl = Path.Combine(bin, "pg_ctl");
            var stop = ProcessRunner.IsRoot ? $"runuser -u postgres -- {ctl}" : ctl;
            Watchdog.AfterExit($"{stop} -D {directory} -m immediate stop >/dev/null 2>&1; rm -rf {directory}");
            await cluster.RunAsync("initdb", ["-D", directory, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"]);
            await cluster.RunAsync("pg_ctl", ["-D", directory, "-l", Path.Combine(directory, "server.log"), "-w", "-t", "60", "start", "-o",
                $"-p {port} -k {directory} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off " +
                "-c max_connections=500 -c shared_buffers=256MB"]);
            return cluster;
        }

        public void Stop()
        {
            try
            {
                RunAsync("pg_ctl", ["-D", directory, "-m", "immediate", "stop"]).GetAwaiter().GetResult();
                Directory.Delete(directory, recursive: true);
            }
            catch (InvalidOperationException)
            {
                // Best effort at process exit.
            }
            catch (IOException)
            {
            }
        }

        private Task<string> RunAsync(string tool, IEnumerable<string> args)
        {
            var path = Path.Combine(bin, tool);
            return ProcessRunner.IsRoot
                ? ProcessRunner.RunAsync("runuser", ["-u", "postgres", "--", path, .. args], "/tmp")
                : ProcessRunner.RunAsync(path, args, "/tmp");
        }
    }
}

public sealed class TestDatabase(PostgresServer server, string name)
{
    public string Name => name;
    public PostgresServer Server => server;
    public string AppConnectionString => server.ConnectionString(name, PostgresServer.Roles.AppRole);
    public string BackofficeConnectionString => server.ConnectionString(name, PostgresServer.Roles.BackofficeRole);
    public string OwnerConnectionString => server.ConnectionString(name, PostgresServer.OwnerRole);
    public string SuperuserConnectionString => server.SuperuserConnectionString(name);

    public async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(SuperuserConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var p in parameters)
        {
            command.Parameters.AddWithValue(p);
        }
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async Task ExecuteAsync(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(SuperuserConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var p in parameters)
        {
            command.Parameters.AddWithValue(p);
        }
        await command.ExecuteNonQueryAsync();
    }
}
