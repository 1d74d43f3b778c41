using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Schoolplein.Platform.Jobs;
using Schoolplein.Platform.Persistence;

namespace Schoolplein.Platform.Blobs;

/// <summary>
/// A file someone chose on a form that was refused (a question still to answer, a title left
/// empty), held so the re-rendered form can send it again without choosing it anew. It belongs
/// to one user of one school; the form refers to it by <see cref="Id"/> and only its owner can
/// use or see it. Held files are swept after <see cref="PendingUploads.KeptFor"/>.
/// </summary>
public sealed class PendingUpload : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid OwnerId { get; set; }
    /// <summary>What the file is for, e.g. <c>timeline.photo</c>: a held file is only taken back for the same purpose.</summary>
    public required string Purpose { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public Guid BlobId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class PendingUploadConfiguration : IEntityTypeConfiguration<PendingUpload>
{
    public void Configure(EntityTypeBuilder<PendingUpload> b)
    {
        b.ToTable("pending_uploads");
        b.Property(p => p.Purpose).HasMaxLength(40);
        b.Property(p => p.FileName).HasMaxLength(200);
        b.Property(p => p.ContentType).HasMaxLength(100);
        // No foreign key to the owner: staff accounts are never deleted, and the sweep removes every row within a day.
        b.HasIndex(p => new { p.OwnerId, p.CreatedAt });
        b.HasIndex(p => p.CreatedAt);
    }
}

/// <summary>A held file as a form shows it (no bytes).</summary>
public sealed record HeldFile(Guid Id, string Purpose, string FileName, string ContentType, long Size);

/// <summary>A file to hold: already checked and cleaned by its feature (photos re-encoded without metadata).</summary>
public sealed record FileToHold(string Purpose, string FileName, string ContentType, byte[] Content);

/// <summary>Holds, returns and sweeps <see cref="PendingUpload"/>s; the bytes live in the <see cref="IBlobStore"/>.</summary>
public sealed class PendingUploads(SchoolpleinDb db, IBlobStore blobs, TimeProvider time)
{
    /// <summary>Long enough to finish a form after a break, short enough that refused photos do not linger.</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(1);

    /// <summary>Stores the files for <paramref name="ownerId"/> and commits at once; returns them in the given order.</summary>
    public async Task<IReadOnlyList<HeldFile>> HoldAsync(Guid ownerId, IReadOnlyList<FileToHold> files, CancellationToken ct)
    {
        if (files.Count == 0)
        {
            return [];
        }
        var now = time.GetUtcNow();
        var rows = new List<PendingUpload>();
        foreach (var file in files)
        {
            var row = new PendingUpload
            {
                OwnerId = ownerId,
                Purpose = file.Purpose,
                FileName = Uploads.CleanFileName(file.FileName),
                ContentType = file.ContentType,
                Size = file.Content.LongLength,
                BlobId = await blobs.PutAsync(file.ContentType, file.Content, ct),
                CreatedAt = now,
            };
            db.Add(row);
            rows.Add(row);
        }
        await db.SaveChangesAsync(ct);
        return rows.Select(ToHeld).ToList();
    }

    /// <summary>
    /// The owner's held files among <paramref name="ids"/>, in that order. Ids of another user,
    /// another school (the tenant filter), swept or unknown files are left out without a word.
    /// </summary>
    public async Task<IReadOnlyList<HeldFile>> FindAsync(Guid ownerId, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var wanted = ids.Distinct().ToList();
        if (wanted.Count == 0)
        {
            return [];
        }
        var since = time.GetUtcNow() - KeptFor;
        var rows = await db.Set<PendingUpload>().AsNoTracking()
            .Where(p => wanted.Contains(p.Id) && p.OwnerId == ownerId && p.CreatedAt > since)
            .Select(p => new HeldFile(p.Id, p.Purpose, p.FileName, p.ContentType, p.Size))
            .ToListAsync(ct);
        return rows.OrderBy(r => wanted.IndexOf(r.Id)).ToList();
    }

    /// <summary>The bytes of one of the owner's held files, or null.</summary>
    public async Task<BlobContent?> ContentAsync(Guid ownerId, Guid id, CancellationToken ct)
    {
        var since = time.GetUtcNow() - KeptFor;
        var blobId = await db.Set<PendingUpload>().AsNoTracking()
            .Where(p => p.Id == id && p.OwnerId == ownerId && p.CreatedAt > since)
            .Select(p => (Guid?)p.BlobId)
            .FirstOrDefaultAsync(ct);
        return blobId is { } found ? await blobs.GetAsync(found, ct) : null;
    }

    /// <summary>Removes the owner's held files (once used) with their bytes, and commits.</summary>
    public async Task DiscardAsync(Guid ownerId, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var wanted = ids.Distinct().ToList();
        if (wanted.Count == 0)
        {
            return;
        }
        var rows = await db.Set<PendingUpload>().Where(p => wanted.Contains(p.Id) && p.OwnerId == ownerId).ToListAsync(ct);
        await RemoveAsync(rows, ct);
    }

    /// <summary>Removes every held file older than <see cref="KeptFor"/> in the current school; returns how many.</summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var before = time.GetUtcNow() - KeptFor;
        var rows = await db.Set<PendingUpload>().Where(p => p.CreatedAt <= before).ToListAsync(ct);
        await RemoveAsync(rows, ct);
        return rows.Count;
    }

    private async Task RemoveAsync(List<PendingUpload> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return;
        }
        foreach (var row in rows)
        {
            await blobs.DeleteAsync(row.BlobId, ct);
        }
        db.RemoveRange(rows);
        await db.SaveChangesAsync(ct);
    }

    private static HeldFile ToHeld(PendingUpload p) => new(p.Id, p.Purpose, p.FileName, p.ContentType, p.Size);
}

/// <summary>Sweeps held uploads nobody came back for; runs per school from the recurring fan-out.</summary>
public sealed class PendingUploadSweepJob(PendingUploads pending) : ITenantJob
{
    public Task RunAsync(Guid tenantId, CancellationToken ct) => pending.SweepAsync(ct);
}
