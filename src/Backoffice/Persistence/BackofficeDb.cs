using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Schoolplein.Platform.Persistence;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Schoolplein.Backoffice.Persistence;

/// <summary>
/// Vendor staff: their own user store with no school, in the <c>backoffice</c> schema that
/// only the backoffice role may use (the school app's role has no access to it).
/// </summary>
public sealed class BackofficeDb(DbContextOptions<BackofficeDb> options)
    : IdentityDbContext<BackofficeUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    public const string Schema = "backoffice";

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Audit.AuditEntry> AuditEntries => Set<Audit.AuditEntry>();
    public DbSet<Billing.StripeEventRecord> StripeEvents => Set<Billing.StripeEventRecord>();
    public DbSet<Forms.BackofficeFormSubmission> FormSubmissions => Set<Forms.BackofficeFormSubmission>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasDefaultSchema(Schema);
        builder.Entity<BackofficeUser>().ToTable("users");
        builder.Entity<IdentityRole<Guid>>().ToTable("roles");
        builder.Entity<IdentityUserRole<Guid>>().ToTable("user_roles");
        builder.Entity<IdentityUserClaim<Guid>>().ToTable("user_claims");
        builder.Entity<IdentityUserLogin<Guid>>().ToTable("user_logins");
        builder.Entity<IdentityUserToken<Guid>>().ToTable("user_tokens");
        builder.Entity<IdentityRoleClaim<Guid>>().ToTable("role_claims");
        builder.Entity<DataProtectionKey>().ToTable("data_protection_keys");
        builder.ApplyConfigurationsFromAssembly(typeof(BackofficeDb).Assembly, t => t.Namespace?.StartsWith("Schoolplein.Backoffice", StringComparison.Ordinal) == true);
        builder.Entity<IdentityRole<Guid>>().HasData(BackofficeRoles.All.Select(r => new IdentityRole<Guid>
        {
            Id = r.Id,
            Name = r.Name,
            NormalizedName = r.Name.ToUpperInvariant(),
            ConcurrencyStamp = r.Id.ToString(),
        }));
    }

    public static DbContextOptionsBuilder<BackofficeDb> Configure(DbContextOptionsBuilder<BackofficeDb> options, string connectionString)
    {
        options.UseNpgsql(connectionString, o => o.MigrationsHistoryTable("__EFMigrationsHistory", Schema))
            .UseSnakeCaseNamingConvention();
        // Append-only tables (the audit log) get their triggers from the model; no row-level
        // security here: the backoffice reads across schools by design.
        options.ReplaceService<IMigrationsSqlGenerator, AppendOnlyMigrationsSqlGenerator>();
        options.ReplaceService<IRelationalAnnotationProvider, SchoolpleinAnnotationProvider>();
        return options;
    }
}

public sealed class BackofficeUser : IdentityUser<Guid>
{
    public BackofficeUser()
    {
        Id = Guid.CreateVersion7();
        SecurityStamp = Guid.NewGuid().ToString("N");
    }

    public string DisplayName { get; set; } = "";
}

public static class BackofficeRoles
{
    public const string Support = "Support";
    public const string Onboarding = "Onboarding";
    public const string Finance = "Finance";
    public const string Admin = "Admin";

    public static readonly IReadOnlyList<(Guid Id, string Name)> All =
    [
        (new Guid("0191f000-0000-7000-8000-0000000000b1"), Support),
        (new Guid("0191f000-0000-7000-8000-0000000000b2"), Onboarding),
        (new Guid("0191f000-0000-7000-8000-0000000000b3"), Finance),
        (new Guid("0191f000-0000-7000-8000-0000000000b4"), Admin),
    ];
}

internal sealed class BackofficeDbDesignFactory : IDesignTimeDbContextFactory<BackofficeDb>
{
    public BackofficeDb CreateDbContext(string[] args) =>
        new(BackofficeDb.Configure(new DbContextOptionsBuilder<BackofficeDb>(),
            "Host=127.0.0.1;Port=5433;Database=schoolplein;Username=schoolplein_owner").Options);
}
