using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Schoolplein.Platform.Tenancy;

namespace Schoolplein.Platform.Persistence;

/// <summary>
/// Stamps the scope's school on added tenant-owned entities and refuses to save any
/// tenant-owned change that belongs to another school, or any at all without a school.
/// ExecuteUpdate/ExecuteDelete and raw SQL bypass this: row-level security is the backstop.
/// </summary>
public sealed class TenantSaveInterceptor(TenantContext tenant) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Check(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Check(DbContext? context)
    {
        if (context is null)
        {
            return;
        }
        foreach (var entry in context.ChangeTracker.Entries<ITenantOwned>())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached)
            {
                continue;
            }
            if (tenant.Id is not { } current)
            {
                throw new TenantIsolationException(
                    $"Cannot save {entry.Metadata.ClrType.Name}: no school is set for this scope.");
            }
            var property = entry.Property(e => e.TenantId);
            if (entry.State == EntityState.Added)
            {
                if (entry.Entity.TenantId == Guid.Empty)
                {
                    entry.Entity.TenantId = current;
                }
                else if (entry.Entity.TenantId != current)
                {
                    throw new TenantIsolationException(
                        $"Cannot add {entry.Metadata.ClrType.Name} of another school.");
                }
                continue;
            }
            if (property.OriginalValue != current || property.CurrentValue != current)
            {
                throw new TenantIsolationException(
                    $"Cannot {(entry.State == EntityState.Deleted ? "delete" : "change")} {entry.Metadata.ClrType.Name} of another school.");
            }
        }
    }
}
