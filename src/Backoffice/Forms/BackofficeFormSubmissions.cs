using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Schoolplein.Backoffice.Persistence;
using Schoolplein.Platform.Forms;

namespace Schoolplein.Backoffice.Forms;

/// <summary>A sent backoffice form (<see cref="FormSubmissionFilter"/>); vendor staff have no school, so no tenant.</summary>
public sealed class BackofficeFormSubmission
{
    public required string Key { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public string? RedirectTo { get; set; }
}

internal sealed class BackofficeFormSubmissionConfiguration : IEntityTypeConfiguration<BackofficeFormSubmission>
{
    public void Configure(EntityTypeBuilder<BackofficeFormSubmission> b)
    {
        b.ToTable("form_submissions");
        b.HasKey(s => s.Key);
        b.Property(s => s.Key).HasMaxLength(FormKeys.MaxLength);
        b.Property(s => s.RedirectTo).HasMaxLength(FormKeys.MaxRedirectLength);
        b.HasIndex(s => s.CreatedAt);
    }
}

/// <summary>
/// The backoffice's store, in its own schema: an import start or "Ouders uitnodigen" sent twice
/// runs once. The claim is one INSERT … ON CONFLICT DO NOTHING, so two taps cannot both win.
/// </summary>
public sealed class BackofficeFormSubmissionStore(BackofficeDb db) : IFormSubmissionStore
{
    public bool IsAvailable => true;

    public async Task<bool> TryClaimAsync(string key, DateTimeOffset now, DateTimeOffset expiredBefore, CancellationToken ct)
    {
        await db.FormSubmissions.Where(s => s.CreatedAt < expiredBefore).ExecuteDeleteAsync(ct);
        var inserted = await db.Database.ExecuteSqlAsync(
            $"INSERT INTO backoffice.form_submissions (key, created_at) VALUES ({key}, {now}) ON CONFLICT DO NOTHING", ct);
        return inserted == 1;
    }

    public Task<FormSubmissionState?> FindAsync(string key, CancellationToken ct) =>
        db.FormSubmissions.AsNoTracking().Where(s => s.Key == key)
            .Select(s => new FormSubmissionState(s.CreatedAt, s.RedirectTo)).FirstOrDefaultAsync(ct);

    public Task CompleteAsync(string key, string redirectTo, DateTimeOffset now, CancellationToken ct) =>
        db.FormSubmissions.Where(s => s.Key == key)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.RedirectTo, redirectTo).SetProperty(s => s.CompletedAt, now), ct);

    public Task ReleaseAsync(string key, CancellationToken ct) =>
        db.FormSubmissions.Where(s => s.Key == key && s.RedirectTo == null).ExecuteDeleteAsync(ct);
}
