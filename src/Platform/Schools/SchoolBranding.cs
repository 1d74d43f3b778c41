using Microsoft.EntityFrameworkCore;
using Npgsql;
using Schoolplein.Platform.Blobs;
using Schoolplein.Platform.Images;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Tenancy;

namespace Schoolplein.Platform.Schools;

/// <summary>What a school admin (or vendor staff) changes about the school's look in one save.</summary>
/// <param name="PrimaryColor">"#RRGGBB" that white text reads well on.</param>
/// <param name="WelcomeText">Plain text; blank removes it.</param>
/// <param name="NewLogo">The uploaded file's bytes, or null to keep the logo as it is.</param>
/// <param name="RemoveLogo">Drop the current logo (ignored when a new one comes along).</param>
public sealed record BrandingChange(string? PrimaryColor, string? WelcomeText, byte[]? NewLogo = null, bool RemoveLogo = false);

/// <summary>A logo that passed the checks, re-encoded by the image pipeline.</summary>
public sealed record PreparedLogo(byte[] Content, string ContentType);

/// <summary>
/// The one way a school's look is written: brand colour (with the contrast rule of
/// <see cref="BrandColor"/>), logo (size cap, <see cref="FileSniffer"/>, then re-encoded by
/// <see cref="ImagePipeline"/>, so no metadata or crafted bytes reach parents) and welcome text.
/// Used by school admins in the school app for their own school and by vendor staff in the
/// backoffice. Refusals are keys of <see cref="CatalogText"/>; nothing is saved when refused.
/// Every change drops the cached catalogue entry on all instances.
/// </summary>
public sealed class SchoolBranding(SchoolpleinDb db, ImagePipeline images, TenantCatalog catalog, NpgsqlDataSource dataSource, TimeProvider time)
{
    public const int MaxLogoBytes = 512 * 1024;
    public const int MaxWelcomeLength = 500;

    /// <summary>Logos are shown at most 64 px high (letters: 3 cm); 512 px keeps them sharp on any screen.</summary>
    private static readonly ImageVariantSpec LogoSpec = new("logo", 512, 512, ImageFit.Inside, ImageOutputFormat.Png);

    /// <summary>What the upload really is (PNG, JPEG or WebP by magic bytes, never by name or content type; SVG can carry script).</summary>
    public static string? LogoType(ReadOnlySpan<byte> content) =>
        FileSniffer.Sniff(content) is (FileKind.Png or FileKind.Jpeg or FileKind.WebP) and var kind
            ? FileSniffer.ContentTypeOf(kind)
            : null;

    /// <summary>Checks an uploaded logo and re-encodes it as PNG (transparency kept, EXIF and the rest dropped).</summary>
    public Outcome<PreparedLogo> PrepareLogo(byte[] content) => PrepareLogo(images, content);

    internal static Outcome<PreparedLogo> PrepareLogo(ImagePipeline images, byte[] content)
    {
        if (content.Length == 0 || content.Length > MaxLogoBytes)
        {
            return new Problem("LogoSize", MaxLogoBytes / 1024) { Field = nameof(Tenant.Logo) };
        }
        if (LogoType(content) is null)
        {
            return new Problem("LogoType") { Field = nameof(Tenant.Logo) };
        }
        var result = images.Process(content, [LogoSpec]);
        if (!result.Succeeded)
        {
            return new Problem("LogoUnreadable") { Field = nameof(Tenant.Logo) };
        }
        var logo = result["logo"];
        return Outcome<PreparedLogo>.Done(new PreparedLogo(logo.Content, logo.ContentType));
    }

    /// <summary>The refusals for a colour and welcome text, each at its field.</summary>
    public static IReadOnlyList<Problem> Check(string? primaryColor, string? welcomeText)
    {
        var problems = new List<Problem>();
        if (BrandColor.Check(primaryColor?.Trim()) is { } color)
        {
            problems.Add(color.On(nameof(Tenant.PrimaryColor)));
        }
        var welcome = Normalize(welcomeText);
        if (welcome?.Length > MaxWelcomeLength)
        {
            problems.Add(new Problem("WelcomeTooLong", MaxWelcomeLength, welcome.Length) { Field = nameof(Tenant.WelcomeText) });
        }
        return problems;
    }

    /// <summary>Colour, welcome text and logo in one save: all of it, or (refused) none of it.</summary>
    public async Task<Outcome> ChangeAsync(Guid schoolId, BrandingChange change, CancellationToken ct = default)
    {
        var problems = Check(change.PrimaryColor, change.WelcomeText).ToList();
        PreparedLogo? logo = null;
        if (change.NewLogo is { Length: > 0 })
        {
            var prepared = PrepareLogo(change.NewLogo);
            problems.AddRange(prepared.Problems);
            logo = prepared.Value;
        }
        if (problems.Count > 0)
        {
            return Outcome.Refused(problems);
        }
        if (await FindAsync(schoolId, ct) is not { } tenant)
        {
            return Outcome.Refused([new Problem("SchoolUnknown") { Field = "Id" }]);
        }
        var now = time.GetUtcNow();
        tenant.PrimaryColor = change.PrimaryColor!.Trim().ToUpperInvariant();
        tenant.WelcomeText = Normalize(change.WelcomeText);
        if (logo is not null)
        {
            Apply(tenant, logo, now);
        }
        else if (change.RemoveLogo)
        {
            tenant.Logo = null;
            tenant.LogoContentType = null;
            tenant.LogoUpdatedAt = null;
        }
        tenant.UpdatedAt = now;
        await SaveAsync(tenant, ct);
        return Outcome.Done;
    }

    /// <summary>Replaces the logo only (the backoffice's logo form and onboarding).</summary>
    public async Task<Outcome> SetLogoAsync(Guid schoolId, byte[] content, CancellationToken ct = default)
    {
        var prepared = PrepareLogo(content);
        if (!prepared.Succeeded)
        {
            return Outcome.Refused(prepared.Problems);
        }
        if (await FindAsync(schoolId, ct) is not { } tenant)
        {
            return Outcome.Refused([new Problem("SchoolUnknown") { Field = "Id" }]);
        }
        var now = time.GetUtcNow();
        Apply(tenant, prepared.Value!, now);
        tenant.UpdatedAt = now;
        await SaveAsync(tenant, ct);
        return Outcome.Done;
    }

    /// <summary>Line endings made "\n", surrounding blanks dropped; blank is no text at all.</summary>
    public static string? Normalize(string? text)
    {
        var normalized = text?.Replace("\r\n", "\n").Replace('\r', '\n').Trim();
        return string.IsNullOrEmpty(normalized) ? null : normalized;
    }

    private async Task<Tenant?> FindAsync(Guid schoolId, CancellationToken ct)
    {
        // In the school app the id is the host's school and nothing else: a school admin of A never
        // reaches B's row, whatever id a caller passes (row-level security refuses it a second time).
        if (db.CurrentTenantId != Guid.Empty && db.CurrentTenantId != schoolId)
        {
            return null;
        }
        return await db.Tenants.SingleOrDefaultAsync(t => t.Id == schoolId, ct);
    }

    private static void Apply(Tenant tenant, PreparedLogo logo, DateTimeOffset now)
    {
        tenant.Logo = logo.Content;
        tenant.LogoContentType = logo.ContentType;
        tenant.LogoUpdatedAt = now;
    }

    private async Task SaveAsync(Tenant tenant, CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        catalog.Invalidate(tenant.Id, tenant.Slug);
        await TenantChangeListener.NotifyAsync(dataSource, tenant.Id, ct);
    }
}
