using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Schoolplein.Platform.Persistence;

namespace Schoolplein.Platform.Blobs;

/// <summary>Bytes with their content type, as stored.</summary>
public sealed record BlobContent(Guid Id, string ContentType, long Size, byte[] Content);

/// <summary>
/// Where photos, attachments and other files of the current school live. Callers check who
/// may see a blob before asking for it: the store only keeps schools apart.
/// </summary>
public interface IBlobStore
{
    /// <summary>
    /// Stores bytes under a new id. The PostgreSQL store adds them to the caller's unit of
    /// work, so they are committed (or not) with the caller's SaveChanges.
    /// </summary>
    Task<Guid> PutAsync(string contentType, byte[] content, CancellationToken ct = default);

    Task<BlobContent?> GetAsync(Guid id, CancellationToken ct = default);

    /// <summary>Removes a blob; like <see cref="PutAsync"/> it takes effect with the caller's SaveChanges.</summary>
    Task DeleteAsync(Guid id, CancellationToken ct = default);
}

/// <summary>A stored blob of the PostgreSQL store (school-owned, row-level security).</summary>
public sealed class Blob : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required byte[] Content { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class BlobConfiguration : IEntityTypeConfiguration<Blob>
{
    public void Configure(EntityTypeBuilder<Blob> b)
    {
        b.ToTable("blobs");
        b.Property(x => x.ContentType).HasMaxLength(100);
    }
}

/// <summary>The default store: works with any number of web instances and needs no extra service.</summary>
public sealed class PostgresBlobStore(SchoolpleinDb db, TimeProvider time) : IBlobStore
{
    public Task<Guid> PutAsync(string contentType, byte[] content, CancellationToken ct = default)
    {
        var blob = new Blob { ContentType = contentType, Size = content.LongLength, Content = content, CreatedAt = time.GetUtcNow() };
        db.Set<Blob>().Add(blob);
        return Task.FromResult(blob.Id);
    }

    public Task<BlobContent?> GetAsync(Guid id, CancellationToken ct = default) =>
        db.Set<Blob>().AsNoTracking()
            .Where(b => b.Id == id)
            .Select(b => new BlobContent(b.Id, b.ContentType, b.Size, b.Content))
            .FirstOrDefaultAsync(ct);

    public async Task DeleteAsync(Guid id, CancellationToken ct = default)
    {
        var tracked = db.ChangeTracker.Entries<Blob>().FirstOrDefault(e => e.Entity.Id == id)?.Entity;
        if (tracked is not null)
        {
            db.Remove(tracked);
            return;
        }
        // Attach a stub so the delete joins the caller's unit of work without loading the bytes.
        var exists = await db.Set<Blob>().AnyAsync(b => b.Id == id, ct);
        if (exists)
        {
            var stub = new Blob { Id = id, TenantId = db.CurrentTenantId, ContentType = "", Content = [] };
            db.Set<Blob>().Attach(stub);
            db.Remove(stub);
        }
    }
}

public static class BlobRegistration
{
    public static IServiceCollection AddBlobs(this IServiceCollection services)
    {
        services.TryAddScoped<IBlobStore, PostgresBlobStore>();
        services.AddScoped<PendingUploads>();
        return services;
    }
}
