using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Schoolplein.Platform.Persistence;

namespace Schoolplein.Platform.Forms;

/// <summary>
/// One rendered form that was sent (see <see cref="FormSubmissionFilter"/>): claimed before its
/// handler runs, completed with the address the handler sent the browser to. A row without
/// <see cref="RedirectTo"/> is a handler still running. Rows are removed after a day.
/// </summary>
public sealed class FormSubmission : ITenantOwned
{
    public Guid TenantId { get; set; }
    /// <summary>The random key the form carried (<see cref="FormKeys.FieldName"/>).</summary>
    public required string Key { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    /// <summary>Where the first submit led (a redirect target, or the page itself when it answered in place).</summary>
    public string? RedirectTo { get; set; }
}

internal sealed class FormSubmissionConfiguration : IEntityTypeConfiguration<FormSubmission>
{
    public void Configure(EntityTypeBuilder<FormSubmission> b)
    {
        b.ToTable("form_submissions");
        b.HasKey(s => new { s.TenantId, s.Key });
        b.Property(s => s.Key).HasMaxLength(FormKeys.MaxLength);
        b.Property(s => s.RedirectTo).HasMaxLength(FormKeys.MaxRedirectLength);
        // The cheap clean-up on claim deletes this school's old rows through this index.
        b.HasIndex(s => new { s.TenantId, s.CreatedAt });
    }
}
