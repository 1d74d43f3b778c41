using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Schoolplein.Platform.Blobs;
using Schoolplein.Platform.Persistence;

namespace Schoolplein.Platform.Calendar;

/// <summary>A file with an event (letter, packing list); the bytes live in the blob store.</summary>
public sealed class CalendarAttachment : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid EventId { get; set; }
    public Guid BlobId { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class CalendarAttachmentConfiguration : IEntityTypeConfiguration<CalendarAttachment>
{
    public void Configure(EntityTypeBuilder<CalendarAttachment> b)
    {
        b.ToTable("calendar_attachments");
        b.Property(a => a.FileName).HasMaxLength(200);
        b.Property(a => a.ContentType).HasMaxLength(100);
        b.HasOne<CalendarEvent>().WithMany().HasForeignKey(a => a.EventId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Blob>().WithMany().HasForeignKey(a => a.BlobId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>Which files may be attached: PDF, PNG or JPEG, checked on the bytes (<see cref="Uploads.SniffDocumentOrPhoto"/>).</summary>
public static class AttachmentRules
{
    public const long MaxBytes = 10 * 1024 * 1024;
}
