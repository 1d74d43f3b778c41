using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Tenancy;
using Schoolplein.Testing;
using Xunit;

namespace Schoolplein.Tenant.Web.Tests.Tenancy;

/// <summary>TENANCY.md failure modes 7, 8 and 9: the database itself refuses to leak.</summary>
public sealed class RowLevelSecurityTests(TwoSchoolsApp app) : IClassFixture<TwoSchoolsApp>
{
    private async Task<List<string>> TenantTablesAsync()
    {
        await using var connection = new NpgsqlConnection(app.Database.SuperuserConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'tenant_id' ORDER BY 1", connection);
        var tables = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }
        return tables;
    }

    [Fact]
    public async Task RawSqlAsTheAppRoleWithoutASchoolSeesNoRowsInAnyTenantTable()
    {
        var tables = await TenantTablesAsync();
        Assert.Contains("pupils", tables);
        Assert.Contains("users", tables);
        await using var connection = new NpgsqlConnection(app.Database.AppConnectionString);
        await connection.OpenAsync();
        foreach (var table in tables)
        {
            await using var asApp = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\"", connection);
            Assert.Equal(0L, (long)(await asApp.ExecuteScalarAsync())!);
        }
        Assert.True(await app.Database.ScalarAsync<long>("SELECT count(*) FROM pupils") >= 2, "the superuser sees the data that the app role may not");

        // An insert without a school, or for a school other than the one set, fails the policy.
        await using var insert = new NpgsqlCommand(
            "INSERT INTO groups (id, tenant_id, name, school_year, sort_order, created_at) VALUES (gen_random_uuid(), $1, 'x', '2026-2027', 0, now())", connection);
        insert.Parameters.AddWithValue(app.A.Id);
        await Assert.ThrowsAsync<PostgresException>(() => insert.ExecuteNonQueryAsync());
    }

    [Fact]
    public async Task EveryTenantTableForcesRowLevelSecurityWithTheTenantPolicy()
    {
        await using var connection = new NpgsqlConnection(app.Database.SuperuserConnectionString);
        await connection.OpenAsync();
        foreach (var table in await TenantTablesAsync())
        {
            await using var command = new NpgsqlCommand(
                """
                SELECT c.relrowsecurity AND c.relforcerowsecurity
                   AND EXISTS (SELECT 1 FROM pg_policies p WHERE p.tablename = c.relname AND p.policyname = 'tenant_isolation'
                               AND p.qual LIKE '%app.tenant_id%' AND p.with_check LIKE '%app.tenant_id%')
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'public' AND c.relname = $1
                """, connection);
            command.Parameters.AddWithValue(table);
            Assert.True((bool)(await command.ExecuteScalarAsync())!, $"{table} lacks forced row-level security");
        }
    }

    [Fact]
    public async Task TheAppRoleIsNotSuperuserOwnerOrBypassRls()
    {
        var role = PostgresServer.Roles.AppRole;
        Assert.False(await app.Database.ScalarAsync<bool>("SELECT rolsuper FROM pg_roles WHERE rolname = $1", role));
        Assert.False(await app.Database.ScalarAsync<bool>("SELECT rolbypassrls FROM pg_roles WHERE rolname = $1", role));
        Assert.Equal(0L, await app.Database.ScalarAsync<long>(
            "SELECT count(*) FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner WHERE r.rolname = $1", role));
        Assert.Equal(0L, await app.Database.ScalarAsync<long>(
            "SELECT count(*) FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = $1", role));
        // The connection the app actually uses is that role.
        await using var connection = new NpgsqlConnection(app.Database.AppConnectionString);
        await connection.OpenAsync();
        await using var whoami = new NpgsqlCommand("SELECT current_user", connection);
        Assert.Equal(role, (string)(await whoami.ExecuteScalarAsync())!);
        // And the school app may read the catalogue but not change it.
        await using var write = new NpgsqlCommand("UPDATE tenants SET name = name", connection);
        await Assert.ThrowsAsync<PostgresException>(() => write.ExecuteNonQueryAsync());
    }

    [Fact]
    public async Task WithAPoolOfOneConnectionAlternatingSchoolsNeverLeakTheSetting()
    {
        // As the app builds it (with automatic server-side prepared statements), so the later rounds run prepared statements
        // and the pool's reset of a connection that holds them (RESET ALL rather than DISCARD ALL) is what is tested.
        var connectionString = PersistenceRegistration.WithAutoPrepare(
            new NpgsqlConnectionStringBuilder(app.Database.AppConnectionString) { MaxPoolSize = 1, MinPoolSize = 0 }.ConnectionString);
        var prepared = 0L;
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var catalog = app.Services.GetRequiredService<TenantCatalog>();
        var schools = new[] { await catalog.FindByIdAsync(app.A.Id), await catalog.FindByIdAsync(app.B.Id), null };
        var pids = new HashSet<int>();
        for (var i = 0; i < 30; i++)
        {
            var school = schools[i % 3];
            var tenant = new TenantContext();
            if (school is not null)
            {
                tenant.Set(school);
            }
            var options = new DbContextOptionsBuilder<SchoolpleinDb>()
                .UseSchoolpleinNpgsql(dataSource)
                .AddInterceptors(new TenantSaveInterceptor(tenant), new TenantConnectionInterceptor(tenant))
                .Options;
            await using (var db = new SchoolpleinDb((DbContextOptions<SchoolpleinDb>)options, tenant))
            {
                var names = await db.Pupils.IgnoreQueryFilters().Select(p => p.FirstName).ToListAsync();
                var expected = school is null ? [] : school.Id == app.A.Id ? new[] { "Annabel" } : ["Bartholomeus"];
                Assert.Equal(expected, names.Where(n => n is "Annabel" or "Bartholomeus").ToArray());
                Assert.Equal(school?.Id.ToString() ?? "", await db.Database.SqlQueryRaw<string>("SELECT current_setting('app.tenant_id', true) AS \"Value\"").SingleAsync());
            }
            // The same physical connection, taken without the interceptor, carries nothing over.
            await using var raw = await dataSource.OpenConnectionAsync();
            pids.Add(raw.ProcessID);
            await using var command = new NpgsqlCommand(
                "SELECT coalesce(current_setting('app.tenant_id', true), ''), (SELECT count(*) FROM pupils), (SELECT count(*) FROM pg_prepared_statements)", raw);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            Assert.Equal("", reader.GetString(0));
            Assert.Equal(0L, reader.GetInt64(1));
            prepared = Math.Max(prepared, reader.GetInt64(2));
        }
        Assert.Single(pids);
        Assert.True(prepared > 0, "the rounds ran prepared statements on the pooled connection");
    }
}
