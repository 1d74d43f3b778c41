using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Npgsql;
using Schoolplein.Platform.Modules;
using Schoolplein.Platform.Persistence;

namespace Schoolplein.Platform.Tenancy;

public sealed record NewSchool(
    string Slug,
    string Name,
    string? PrimaryColor = null,
    string Locale = "nl-NL",
    string TimeZone = "Europe/Amsterdam",
    string? Address = null,
    string? Phone = null,
    string? ContactEmail = null,
    IReadOnlyList<string>? Modules = null,
    TenantStatus Status = TenantStatus.Onboarding);

public sealed record CatalogError(string Field, string Message);

public sealed record CatalogResult(Guid? Id, IReadOnlyList<CatalogError> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Writes the tenant catalogue (backoffice only: the school app's role may not). Refuses
/// invalid and reserved slugs with a clear message, and announces every change so all
/// instances drop their cached copy.
/// </summary>
public sealed class SchoolRegistry(SchoolpleinDb db, NpgsqlDataSource dataSource, TenantCatalog catalog, TimeProvider time, IStringLocalizer<CatalogText> text)
{
    public static readonly IReadOnlyList<string> Locales = ["nl-NL", "en-GB"];

    public async Task<CatalogResult> CreateAsync(NewSchool school, CancellationToken ct = default)
    {
        var slug = school.Slug?.Trim() ?? "";
        var errors = Validate(school with { Slug = slug });
        if (errors.Count == 0 && await db.Tenants.AnyAsync(t => t.Slug == slug, ct))
        {
            errors.Add(new CatalogError(nameof(NewSchool.Slug), text["SlugTaken", slug]));
        }
        if (errors.Count > 0)
        {
            return new CatalogResult(null, errors);
        }
        var now = time.GetUtcNow();
        var tenant = new Tenant
        {
            Slug = slug,
            Name = school.Name.Trim(),
            Status = school.Status,
            PrimaryColor = school.PrimaryColor ?? BrandColor.Default,
            Locale = school.Locale,
            TimeZone = school.TimeZone,
            Address = school.Address?.Trim(),
            Phone = school.Phone?.Trim(),
            ContactEmail = school.ContactEmail?.Trim(),
            Modules = [.. school.Modules ?? SchoolModules.All],
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Tenants.Add(tenant);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.Entry(tenant).State = EntityState.Detached;
            return new CatalogResult(null, [new CatalogError(nameof(NewSchool.Slug), text["SlugTaken", slug])]);
        }
        await AnnounceAsync(tenant.Id, slug, ct);
        return new CatalogResult(tenant.Id, []);
    }

    public async Task<bool> SetStatusAsync(Guid id, TenantStatus status, CancellationToken ct = default)
    {
        var tenant = await db.Tenants.SingleOrDefaultAsync(t => t.Id == id, ct);
        if (tenant is null)
        {
            return false;
        }
        tenant.Status = status;
        tenant.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await AnnounceAsync(id, tenant.Slug, ct);
        return true;
    }

    private List<CatalogError> Validate(NewSchool school)
    {
        var errors = new List<CatalogError>();
        if (SlugRules.Check(school.Slug) is { } problem)
        {
            errors.Add(new CatalogError(nameof(NewSchool.Slug), problem switch
            {
                SlugProblem.Empty => text["SlugEmpty"],
                SlugProblem.Length => text["SlugLength", SlugRules.MinLength, SlugRules.MaxLength],
                SlugProblem.Characters => text["SlugCharacters"],
                SlugProblem.Punycode => text["SlugPunycode"],
                SlugProblem.Reserved => text["SlugReserved", school.Slug],
                _ => text["SlugTaken", school.Slug],
            }));
        }
        if (string.IsNullOrWhiteSpace(school.Name) || school.Name.Trim().Length > 200)
        {
            errors.Add(new CatalogError(nameof(NewSchool.Name), text["NameRequired"]));
        }
        if (school.PrimaryColor is not null && !BrandColor.IsValid(school.PrimaryColor))
        {
            errors.Add(new CatalogError(nameof(NewSchool.PrimaryColor), text["ColorInvalid"]));
        }
        if (!Locales.Contains(school.Locale))
        {
            errors.Add(new CatalogError(nameof(NewSchool.Locale), text["LocaleInvalid"]));
        }
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(school.TimeZone, out _))
        {
            errors.Add(new CatalogError(nameof(NewSchool.TimeZone), text["TimeZoneInvalid"]));
        }
        if (school.Modules?.FirstOrDefault(m => !SchoolModules.IsKnown(m)) is { } unknown)
        {
            errors.Add(new CatalogError(nameof(NewSchool.Modules), text["ModuleUnknown", unknown]));
        }
        return errors;
    }

    private async Task AnnounceAsync(Guid id, string slug, CancellationToken ct)
    {
        catalog.Invalidate(id, slug);
        await TenantChangeListener.NotifyAsync(dataSource, id, ct);
    }
}

/// <summary>Resource anchor for catalogue messages.</summary>
public sealed class CatalogText;
