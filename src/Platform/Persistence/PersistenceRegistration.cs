using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Schoolplein.Platform.Tenancy;

namespace Schoolplein.Platform.Persistence;

public static class PersistenceRegistration
{
    public const string ConnectionName = "Schoolplein";
    public const string OwnerConnectionName = "SchoolpleinOwner";

    /// <summary>
    /// Registers <see cref="SchoolpleinDb"/> on the runtime connection (the app role, or
    /// the backoffice role in the backoffice) with the tenant interceptors. Interceptors
    /// registered as scoped <see cref="IInterceptor"/> by features are added too.
    /// </summary>
    public static IHostApplicationBuilder AddPersistence(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{ConnectionName} is not configured.");
        var services = builder.Services;
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(_ => new NpgsqlDataSourceBuilder(WithAutoPrepare(connectionString)).Build());
        services.AddScoped<TenantContext>();
        services.AddScoped<IInterceptor, TenantSaveInterceptor>();
        services.AddScoped<IInterceptor, TenantConnectionInterceptor>();
        services.AddDbContext<SchoolpleinDb>((sp, options) => options
            .UseSchoolpleinNpgsql(sp.GetRequiredService<NpgsqlDataSource>())
            .AddInterceptors(sp.GetServices<IInterceptor>()));
        return builder;
    }

    /// <summary>
    /// Server-side prepared statements for the statements a pooled connection runs again and again, unless the
    /// connection string says otherwise. The bench's CPU profile of the parent timeline put PostgreSQL at twice the
    /// app's CPU while executing took ~2 ms of ~10 ms per page: the rest was parsing and planning EF's statements
    /// (with their row-level-security policies) afresh on every request. A prepared statement is planned once per
    /// connection. Safe with row-level security: the policies read the tenant setting when the statement runs, not
    /// when it is planned, and Npgsql's reset of a connection with prepared statements still ends with RESET ALL,
    /// which clears the tenant setting as DISCARD ALL did. 64 per connection holds the statements of the busy pages (the
    /// timeline runs ~15) and bounds PostgreSQL's memory for plans (connections × 64); the least recently used makes room.
    /// </summary>
    public static string WithAutoPrepare(string connectionString)
    {
        // NpgsqlConnectionStringBuilder.ContainsKey answers whether a keyword exists, not whether it was given: ask the plain parser.
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (given.ContainsKey("Max Auto Prepare") || given.ContainsKey("MaxAutoPrepare"))
        {
            return connectionString;
        }
        return new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 64 }.ConnectionString;
    }

    public static DbContextOptionsBuilder<SchoolpleinDb> UseSchoolpleinNpgsql(
        this DbContextOptionsBuilder<SchoolpleinDb> options, string connectionString)
    {
        options.UseNpgsql(connectionString, Npgsql);
        return Common(options);
    }

    public static DbContextOptionsBuilder UseSchoolpleinNpgsql(this DbContextOptionsBuilder options, NpgsqlDataSource dataSource)
    {
        options.UseNpgsql(dataSource, Npgsql);
        return Common(options);
    }

    private static void Npgsql(Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure.NpgsqlDbContextOptionsBuilder npgsql) =>
        npgsql.MigrationsAssembly(typeof(SchoolpleinDb).Assembly.GetName().Name);

    private static T Common<T>(T options) where T : DbContextOptionsBuilder
    {
        options.UseSnakeCaseNamingConvention();
        options.ReplaceService<IMigrationsSqlGenerator, SchoolpleinMigrationsSqlGenerator>();
        options.ReplaceService<IRelationalAnnotationProvider, SchoolpleinAnnotationProvider>();
        return options;
    }
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a database.</summary>
internal sealed class SchoolpleinDbDesignFactory : IDesignTimeDbContextFactory<SchoolpleinDb>
{
    public SchoolpleinDb CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SchoolpleinDb>()
            .UseSchoolpleinNpgsql("Host=127.0.0.1;Port=5433;Database=schoolplein;Username=schoolplein_owner")
            .Options;
        return new SchoolpleinDb(options, new TenantContext());
    }
}
