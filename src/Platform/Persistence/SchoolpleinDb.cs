using System.Linq.Expressions;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;
using Schoolplein.Platform.Consent;
using Schoolplein.Platform.Email;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Notifications;
using Schoolplein.Platform.Roster;
using Schoolplein.Platform.Tenancy;

namespace Schoolplein.Platform.Persistence;

/// <summary>
/// The one database of the school side. Every <see cref="ITenantOwned"/> entity is
/// filtered on <see cref="CurrentTenantId"/>, a member of this instance (never a captured
/// local: the model is cached and would freeze the first tenant). No pooling and no
/// compiled model while the filters depend on the tenant.
/// </summary>
public sealed class SchoolpleinDb(DbContextOptions<SchoolpleinDb> options, TenantContext tenant)
    : IdentityDbContext<AppUser, AppRole, Guid, AppUserClaim, AppUserRole, AppUserLogin, AppRoleClaim, AppUserToken>(options),
      IDataProtectionKeyContext
{
    public Guid CurrentTenantId => tenant.Id ?? Guid.Empty;

    public DbSet<Tenant> Tenants => Set<Tenant>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Group> Groups => Set<Group>();
    public DbSet<Pupil> Pupils => Set<Pupil>();
    public DbSet<GroupTeacher> GroupTeachers => Set<GroupTeacher>();
    public DbSet<Guardianship> Guardianships => Set<Guardianship>();
    public DbSet<OutboxEmail> OutboxEmails => Set<OutboxEmail>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<ConsentCategory> ConsentCategories => Set<ConsentCategory>();
    public DbSet<ConsentRecord> ConsentRecords => Set<ConsentRecord>();
    public DbSet<ConsentReconfirmation> ConsentReconfirmations => Set<ConsentReconfirmation>();
    public DbSet<ConsentConfirmation> ConsentConfirmations => Set<ConsentConfirmation>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Foreign-key indexes are added by ApplyTenantConventions with tenant_id leading.
        configurationBuilder.Conventions.Remove<ForeignKeyIndexConvention>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // GIN indexes that lead with tenant_id (full-text search of posts) need btree_gin for the uuid column.
        builder.HasPostgresExtension("btree_gin");
        builder.ApplyConfigurationsFromAssembly(typeof(SchoolpleinDb).Assembly);
        builder.Entity<DataProtectionKey>().ToTable("data_protection_keys");
        ApplyTenantConventions(builder);
    }

    private void ApplyTenantConventions(ModelBuilder builder)
    {
        foreach (var entityType in builder.Model.GetEntityTypes().ToList())
        {
            if (entityType.BaseType is not null || entityType.IsOwned())
            {
                continue;
            }
            var clr = entityType.ClrType;
            var e = Expression.Parameter(clr, "e");
            if (typeof(ITenantOwned).IsAssignableFrom(clr))
            {
                var sameTenant = Expression.Equal(
                    Expression.Property(e, nameof(ITenantOwned.TenantId)),
                    Expression.Property(Expression.Constant(this), nameof(CurrentTenantId)));
                builder.Entity(clr).HasQueryFilter(QueryFilters.Tenant, Expression.Lambda(sameTenant, e));
                LeadIndexesWithTenant(entityType);
            }
            else
            {
                AddForeignKeyIndexes(entityType);
            }
            if (typeof(ISoftDeletable).IsAssignableFrom(clr))
            {
                var notDeleted = Expression.Equal(
                    Expression.Property(e, nameof(ISoftDeletable.DeletedAt)),
                    Expression.Constant(null, typeof(DateTimeOffset?)));
                builder.Entity(clr).HasQueryFilter(QueryFilters.SoftDelete, Expression.Lambda(notDeleted, e));
            }
        }
    }

    /// <summary>
    /// tenant_id leads every index of a tenant-owned table: it keeps one PostgreSQL fast
    /// for thousands of schools and is what a database distributed by tenant_id needs.
    /// </summary>
    private static void LeadIndexesWithTenant(IMutableEntityType entityType)
    {
        var tenantId = entityType.FindProperty(nameof(ITenantOwned.TenantId))!;
        foreach (var index in entityType.GetDeclaredIndexes().ToList())
        {
            if (index.Properties[0] == tenantId)
            {
                continue;
            }
            var properties = new List<IMutableProperty> { tenantId };
            properties.AddRange(index.Properties);
            var unique = index.IsUnique;
            var filter = index.GetFilter();
            var name = index.Name;
            // Provider settings such as the index method (GIN for full-text search) stay with the index.
            var annotations = index.GetAnnotations().Where(a => a.Name.StartsWith("Npgsql:", StringComparison.Ordinal)).Select(a => (a.Name, a.Value)).ToList();
            entityType.RemoveIndex(index);
            var replacement = name is null ? entityType.AddIndex(properties) : entityType.AddIndex(properties, name);
            replacement.IsUnique = unique;
            if (filter is not null)
            {
                replacement.SetFilter(filter);
            }
            foreach (var (annotation, value) in annotations)
            {
                replacement.SetAnnotation(annotation, value);
            }
        }
        foreach (var fk in entityType.GetDeclaredForeignKeys())
        {
            var wanted = new List<IMutableProperty> { tenantId };
            wanted.AddRange(fk.Properties.Where(p => p != tenantId));
            var covered = entityType.GetIndexes().Concat<IReadOnlyIndex>([])
                .Any(i => StartsWith(i.Properties, wanted)) || StartsWith(entityType.FindPrimaryKey()!.Properties, wanted);
            if (!covered)
            {
                entityType.AddIndex(wanted);
            }
        }
    }

    private static void AddForeignKeyIndexes(IMutableEntityType entityType)
    {
        foreach (var fk in entityType.GetDeclaredForeignKeys())
        {
            var covered = entityType.GetIndexes().Any(i => StartsWith(i.Properties, fk.Properties))
                || StartsWith(entityType.FindPrimaryKey()?.Properties ?? [], fk.Properties);
            if (!covered)
            {
                entityType.AddIndex(fk.Properties);
            }
        }
    }

    private static bool StartsWith(IReadOnlyList<IReadOnlyProperty> properties, IReadOnlyList<IReadOnlyProperty> prefix) =>
        properties.Count >= prefix.Count && prefix.Select((p, i) => properties[i] == p).All(x => x);
}
