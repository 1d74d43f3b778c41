using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Roster;
using Schoolplein.Platform.Schools;

namespace Schoolplein.Platform.Questions;

/// <summary>
/// A short conversation a guardian starts about one child. It reaches every teacher of the
/// child's current group (and the school's admins when the school wants that); the guardian
/// who started it is the only parent in it.
/// </summary>
public sealed class Conversation : ITenantOwned
{
    public const int SubjectMaxLength = 120;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid PupilId { get; set; }
    public Guid StartedById { get; set; }
    public required string Subject { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset LastMessageAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public Guid? ClosedById { get; set; }

    public Pupil? Pupil { get; set; }
    public AppUser? StartedBy { get; set; }
    public List<ConversationMessage> Messages { get; set; } = [];
    public List<ConversationRead> Reads { get; set; } = [];
}

public sealed class ConversationMessage : ITenantOwned
{
    public const int BodyMaxLength = 2000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid ConversationId { get; set; }
    public Guid AuthorId { get; set; }
    public required string Body { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public Guid? AttachmentBlobId { get; set; }
    public string? AttachmentName { get; set; }
    public long? AttachmentSize { get; set; }

    public AppUser? Author { get; set; }
}

/// <summary>Until when a participant has read a conversation; later messages of others are unread.</summary>
public sealed class ConversationRead : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid ConversationId { get; set; }
    public Guid UserId { get; set; }
    public DateTimeOffset ReadAt { get; set; }
}

/// <summary>The school's settings for questions (one row; absent = defaults).</summary>
public sealed class QuestionSettings : ITenantSettings
{
    public const int IntroMaxLength = 1000;
    public static readonly TimeOnly DefaultOfficeStart = new(8, 0);
    public static readonly TimeOnly DefaultOfficeEnd = new(16, 30);

    public Guid TenantId { get; set; }
    /// <summary>The school's own words on the question page (e.g. "urgent? call us"); null: the standard text.</summary>
    public string? Intro { get; set; }
    /// <summary>Admins see and answer every conversation too.</summary>
    public bool IncludeAdmins { get; set; }
    /// <summary>Office hours on school days; null when the school sets none.</summary>
    public TimeOnly? OfficeStart { get; set; } = DefaultOfficeStart;
    public TimeOnly? OfficeEnd { get; set; } = DefaultOfficeEnd;
    public DateTimeOffset UpdatedAt { get; set; }

    public IEnumerable<Problem> Validate()
    {
        if (Intro?.Length > IntroMaxLength)
        {
            yield return new Problem("Error_IntroTooLong", IntroMaxLength);
        }
        // Both or neither, and the office closes after it opens.
        if (OfficeStart is null != OfficeEnd is null || OfficeEnd <= OfficeStart)
        {
            yield return new Problem("Error_OfficeHours");
        }
    }
}

internal sealed class ConversationConfiguration : IEntityTypeConfiguration<Conversation>
{
    public void Configure(EntityTypeBuilder<Conversation> b)
    {
        b.ToTable("conversations");
        b.Property(c => c.Subject).HasMaxLength(Conversation.SubjectMaxLength);
        b.HasOne(c => c.Pupil).WithMany().HasForeignKey(c => c.PupilId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(c => c.StartedBy).WithMany().HasForeignKey(c => c.StartedById).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(c => new { c.PupilId, c.LastMessageAt });
        b.HasIndex(c => new { c.StartedById, c.LastMessageAt });
    }
}

internal sealed class ConversationMessageConfiguration : IEntityTypeConfiguration<ConversationMessage>
{
    public void Configure(EntityTypeBuilder<ConversationMessage> b)
    {
        b.ToTable("conversation_messages");
        b.Property(m => m.Body).HasMaxLength(ConversationMessage.BodyMaxLength);
        b.Property(m => m.AttachmentName).HasMaxLength(200);
        b.HasOne<Conversation>().WithMany(c => c.Messages).HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(m => m.Author).WithMany().HasForeignKey(m => m.AuthorId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(m => new { m.ConversationId, m.CreatedAt });
    }
}

internal sealed class ConversationReadConfiguration : IEntityTypeConfiguration<ConversationRead>
{
    public void Configure(EntityTypeBuilder<ConversationRead> b)
    {
        b.ToTable("conversation_reads");
        b.HasKey(r => new { r.TenantId, r.ConversationId, r.UserId });
        b.HasOne<Conversation>().WithMany(c => c.Reads).HasForeignKey(r => r.ConversationId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class QuestionSettingsConfiguration : IEntityTypeConfiguration<QuestionSettings>
{
    public void Configure(EntityTypeBuilder<QuestionSettings> b)
    {
        b.ToTable("question_settings");
        b.HasKey(s => s.TenantId);
        b.Property(s => s.TenantId).ValueGeneratedNever();
        b.Property(s => s.Intro).HasMaxLength(QuestionSettings.IntroMaxLength);
    }
}
