namespace Schoolplein.Platform.Persistence;

/// <summary>
/// Marks every entity that belongs to one school, child tables included. Such entities
/// get the named "Tenant" query filter, are stamped and checked on save, and their
/// table gets row-level security in its migration (any table with a <c>tenant_id</c> column).
/// </summary>
public interface ITenantOwned
{
    Guid TenantId { get; set; }
}

/// <summary>Soft-deleted rows are hidden by the named "SoftDelete" filter, which is separate from "Tenant".</summary>
public interface ISoftDeletable
{
    DateTimeOffset? DeletedAt { get; set; }
}

public static class QueryFilters
{
    public const string Tenant = "Tenant";
    public const string SoftDelete = "SoftDelete";
}

public sealed class TenantIsolationException(string message) : InvalidOperationException(message);
