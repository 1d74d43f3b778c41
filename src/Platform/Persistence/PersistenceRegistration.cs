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
        services.AddSingleton(_ => new NpgsqlDataSourceBuilder(connectionString).Build());
        services.AddScoped<TenantContext>();
        services.AddScoped<IInterceptor, TenantSaveInterceptor>();
        services.AddScoped<IInterceptor, TenantConnectionInterceptor>();
        services.AddDbContext<SchoolpleinDb>((sp, options) => options
            .UseSchoolpleinNpgsql(sp.GetRequiredService<NpgsqlDataSource>())
            .AddInterceptors(sp.GetServices<IInterceptor>()));
        return builder;
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
