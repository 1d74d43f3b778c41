using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Roster;

namespace Schoolplein.Platform.Timeline;

/// <summary>
/// A news item on the timeline: for the whole school (no groups) or for one or more groups.
/// An urgent post (spoedbericht) also goes out on every channel, stays on top until opened and
/// keeps read receipts. The body is HTML that was sanitised when it was written.
/// </summary>
public sealed class Post : ITenantOwned, ISoftDeletable
{
    public const int TitleMax = 200;
    public const int BodyMax = 20_000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid AuthorId { get; set; }
    public required string Title { get; set; }
    /// <summary>Sanitised HTML (HtmlSanitizer on write); safe to render as is.</summary>
    public required string BodyHtml { get; set; }
    /// <summary>The body as plain text, for notifications and excerpts.</summary>
    public required string BodyText { get; set; }
    public bool Urgent { get; set; }
    public bool Pinned { get; set; }
    public bool AllowComments { get; set; }
    public bool AllowLikes { get; set; } = true;
    public DateTimeOffset PublishedAt { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }
    /// <summary>Urgent follow-up done so far: 0 none, 1 second push and e-mail sent, 2 phone list handed to staff.</summary>
    public int EscalationStage { get; set; }
    public DateTimeOffset? RemindedAt { get; set; }

    /// <summary>
    /// Title (weight A) and text (weight B) for full-text search in Dutch: a column PostgreSQL
    /// generates from the row, so it can never be out of date.
    /// </summary>
    public NpgsqlTypes.NpgsqlTsVector SearchVector { get; set; } = null!;

    public AppUser? Author { get; set; }
    public List<PostGroup> Groups { get; set; } = [];
    public List<PostPhoto> Photos { get; set; } = [];
    public List<PostAttachment> Attachments { get; set; } = [];
}

public sealed class PostGroup : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid PostId { get; set; }
    public Guid GroupId { get; set; }
    public Group? Group { get; set; }
}

/// <summary>A photo of a post in two sizes, both re-encoded by the image pipeline (no EXIF/GPS).</summary>
public sealed class PostPhoto : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid PostId { get; set; }
    public Guid ThumbnailBlobId { get; set; }
    public Guid LargeBlobId { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }
    public int SortOrder { get; set; }
}

/// <summary>A file with a post (PDF or office document), content checked by its bytes.</summary>
public sealed class PostAttachment : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid PostId { get; set; }
    public Guid BlobId { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public int SortOrder { get; set; }
}

public sealed class PostComment : ITenantOwned, ISoftDeletable
{
    public const int TextMax = 2000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid PostId { get; set; }
    public Guid AuthorId { get; set; }
    public required string Text { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }
    public AppUser? Author { get; set; }
}

public sealed class PostLike : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid PostId { get; set; }
    public Guid UserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// Who an urgent message was sent to, fixed when it was sent: one row per (child, guardian), so
/// the overview can say per parent and per child whether the message was read.
/// </summary>
public sealed class UrgentRecipient : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid PostId { get; set; }
    public Guid PupilId { get; set; }
    public Guid UserId { get; set; }
    public Pupil? Pupil { get; set; }
    public AppUser? User { get; set; }
}

/// <summary>
/// Proof that a guardian opened an urgent message (who, when). Append-only: a database trigger
/// rejects UPDATE and DELETE; one row per (message, user).
/// </summary>
public sealed class UrgentReadReceipt : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid PostId { get; set; }
    public Guid UserId { get; set; }
    public DateTimeOffset ReadAt { get; set; }
}

internal sealed class PostConfiguration : IEntityTypeConfiguration<Post>
{
    public void Configure(EntityTypeBuilder<Post> b)
    {
        b.ToTable("posts");
        b.Property(p => p.Title).HasMaxLength(Post.TitleMax);
        b.Property(p => p.BodyHtml).HasMaxLength(Post.BodyMax * 2);
        b.Property(p => p.BodyText).HasMaxLength(Post.BodyMax);
        b.HasOne(p => p.Author).WithMany().HasForeignKey(p => p.AuthorId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(p => p.Groups).WithOne().HasForeignKey(g => g.PostId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(p => p.Photos).WithOne().HasForeignKey(g => g.PostId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(p => p.Attachments).WithOne().HasForeignKey(g => g.PostId).OnDelete(DeleteBehavior.Cascade);
        // The timeline's keyset order: pinned first, newest first.
        b.HasIndex(p => new { p.Pinned, p.PublishedAt, p.Id }).HasFilter("deleted_at IS NULL");
        b.HasIndex(p => new { p.Urgent, p.EscalationStage }).HasFilter("urgent AND deleted_at IS NULL");
        // 'dutch' stems ("boeken" finds "boek") and drops Dutch stop words. Generated (stored) by the
        // database; the GIN index gets tenant_id in front like every index here (btree_gin).
        b.Property(p => p.SearchVector).HasComputedColumnSql(
            "setweight(to_tsvector('dutch'::regconfig, coalesce(title, '')), 'A') || setweight(to_tsvector('dutch'::regconfig, coalesce(body_text, '')), 'B')",
            stored: true);
        b.HasIndex(p => p.SearchVector).HasMethod("GIN").HasFilter("deleted_at IS NULL");
    }
}

internal sealed class PostGroupConfiguration : IEntityTypeConfiguration<PostGroup>
{
    public void Configure(EntityTypeBuilder<PostGroup> b)
    {
        b.ToTable("post_groups");
        b.HasKey(g => new { g.TenantId, g.PostId, g.GroupId });
        b.HasOne(g => g.Group).WithMany().HasForeignKey(g => g.GroupId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(g => new { g.GroupId, g.PostId });
    }
}

internal sealed class PostPhotoConfiguration : IEntityTypeConfiguration<PostPhoto>
{
    public void Configure(EntityTypeBuilder<PostPhoto> b)
    {
        b.ToTable("post_photos");
        b.HasIndex(p => new { p.PostId, p.SortOrder });
    }
}

internal sealed class PostAttachmentConfiguration : IEntityTypeConfiguration<PostAttachment>
{
    public void Configure(EntityTypeBuilder<PostAttachment> b)
    {
        b.ToTable("post_attachments");
        b.Property(a => a.FileName).HasMaxLength(200);
        b.Property(a => a.ContentType).HasMaxLength(100);
        b.HasIndex(a => new { a.PostId, a.SortOrder });
    }
}

internal sealed class PostCommentConfiguration : IEntityTypeConfiguration<PostComment>
{
    public void Configure(EntityTypeBuilder<PostComment> b)
    {
        b.ToTable("post_comments");
        b.Property(c => c.Text).HasMaxLength(PostComment.TextMax);
        b.HasOne<Post>().WithMany().HasForeignKey(c => c.PostId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(c => c.Author).WithMany().HasForeignKey(c => c.AuthorId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(c => new { c.PostId, c.CreatedAt });
    }
}

internal sealed class PostLikeConfiguration : IEntityTypeConfiguration<PostLike>
{
    public void Configure(EntityTypeBuilder<PostLike> b)
    {
        b.ToTable("post_likes");
        b.HasKey(l => new { l.TenantId, l.PostId, l.UserId });
        b.HasOne<Post>().WithMany().HasForeignKey(l => l.PostId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppUser>().WithMany().HasForeignKey(l => l.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class UrgentRecipientConfiguration : IEntityTypeConfiguration<UrgentRecipient>
{
    public void Configure(EntityTypeBuilder<UrgentRecipient> b)
    {
        b.ToTable("urgent_recipients");
        b.HasKey(r => new { r.TenantId, r.PostId, r.PupilId, r.UserId });
        b.HasOne<Post>().WithMany().HasForeignKey(r => r.PostId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(r => r.Pupil).WithMany().HasForeignKey(r => r.PupilId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(r => r.User).WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(r => new { r.UserId, r.PostId });
    }
}

internal sealed class UrgentReadReceiptConfiguration : IEntityTypeConfiguration<UrgentReadReceipt>
{
    public void Configure(EntityTypeBuilder<UrgentReadReceipt> b)
    {
        b.ToTable("urgent_read_receipts");
        b.IsAppendOnly();
        b.HasOne<Post>().WithMany().HasForeignKey(r => r.PostId).OnDelete(DeleteBehavior.Restrict);
        // No foreign key to the user: the proof outlives a deleted account.
        b.HasIndex(r => new { r.PostId, r.UserId }).IsUnique();
    }
}
