using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Tenancy;
using Xunit;

namespace Schoolplein.Platform.Tests.Persistence;

/// <summary>The model-level tenancy rules, checked without a database.</summary>
public sealed class ModelConventionTests
{
    private static SchoolpleinDb NewDb() => new(
        new DbContextOptionsBuilder<SchoolpleinDb>().UseSchoolpleinNpgsql("Host=127.0.0.1;Database=none").Options,
        new TenantContext());

    private static IEnumerable<IEntityType> TenantOwned(IModel model) =>
        model.GetEntityTypes().Where(t => typeof(ITenantOwned).IsAssignableFrom(t.ClrType));

    [Fact]
    public void EveryTenantOwnedEntityHasTheNamedTenantFilter()
    {
        using var db = NewDb();
        var owned = TenantOwned(db.Model).ToList();
        Assert.Contains(owned, t => t.ClrType.Name == "Pupil");
        Assert.Contains(owned, t => t.ClrType.Name == "AppUserRole");
        foreach (var entity in owned)
        {
            Assert.Contains(entity.GetDeclaredQueryFilters(), f => f.Key == QueryFilters.Tenant);
        }
    }

    [Fact]
    public void SoftDeleteIsItsOwnNamedFilter()
    {
        using var db = NewDb();
        var group = db.Model.FindEntityType(typeof(Roster.Group))!;
        Assert.Equal([QueryFilters.SoftDelete, QueryFilters.Tenant], group.GetDeclaredQueryFilters().Select(f => f.Key!).Order().ToArray());
    }

    [Fact]
    public void TenantIdLeadsEveryIndexOfATenantOwnedTable()
    {
        using var db = NewDb();
        foreach (var entity in TenantOwned(db.Model))
        {
            foreach (var index in entity.GetIndexes())
            {
                Assert.True(index.Properties[0].Name == nameof(ITenantOwned.TenantId),
                    $"{entity.ClrType.Name} index ({string.Join(", ", index.Properties.Select(p => p.Name))}) does not lead with TenantId");
            }
        }
    }

    [Fact]
    public void ATableHasATenantColumnExactlyWhenItsEntityIsTenantOwned()
    {
        using var db = NewDb();
        foreach (var entity in db.Model.GetEntityTypes())
        {
            var hasColumn = entity.GetProperties().Any(p => p.GetColumnName() == "tenant_id");
            Assert.True(hasColumn == typeof(ITenantOwned).IsAssignableFrom(entity.ClrType),
                $"{entity.ClrType.Name}: tenant_id column {(hasColumn ? "without" : "missing for")} ITenantOwned");
        }
    }

    [Fact]
    public void TheCreateScriptForcesRowLevelSecurityOnEveryTenantTable()
    {
        using var db = NewDb();
        var script = db.Database.GenerateCreateScript();
        foreach (var table in TenantOwned(db.Model).Select(t => t.GetTableName()!).Distinct())
        {
            Assert.Contains($"ALTER TABLE {table} FORCE ROW LEVEL SECURITY;", script);
            Assert.Contains($"CREATE POLICY tenant_isolation ON {table}", script);
        }
        Assert.DoesNotContain("ALTER TABLE tenants ENABLE ROW LEVEL SECURITY", script);
    }

    [Fact]
    public void TheMigrationsMatchTheModel()
    {
        // A model change without a generated migration would ship a database that lacks it.
        using var db = NewDb();
        Assert.False(db.Database.HasPendingModelChanges(), "run: dotnet ef migrations add <Name> --project src/Platform --startup-project src/Platform --output-dir Persistence/Migrations");
    }
}
