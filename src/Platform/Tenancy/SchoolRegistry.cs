using Microsoft.EntityFrameworkCore;
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
    TenantStatus Status = TenantStatus.Onboarding,
    string Plan = SchoolPlans.Standard);

/// <summary>The editable profile of an existing school (the slug never changes: links and letters carry it).</summary>
public sealed record SchoolProfile(
    string Name,
    string PrimaryColor,
    string Locale,
    string TimeZone,
    string? Address,
    string? Phone,
    string? ContactEmail,
    string Plan);

/// <summary>
/// Writes the tenant catalogue (backoffice only: the school app's role may not). Refuses
/// invalid and reserved slugs with problems keyed in <see cref="CatalogText"/> (the backoffice
/// translates them), and announces every change so all instances drop their cached copy.
/// </summary>
public sealed partial class SchoolRegistry(SchoolpleinDb db, NpgsqlDataSource dataSource, TenantCatalog catalog, TimeProvider time)
{
    public static readonly IReadOnlyList<string> Locales = ["nl-NL", "en-GB"];

    /// <summary>The refusals <see cref="CreateAsync"/> would give, without creating anything.</summary>
    public async Task<IReadOnlyList<Problem>> ValidateAsync(NewSchool school, CancellationToken ct = default)
    {
        var slug = school.Slug?.Trim() ?? "";
        var errors = Validate(school with { Slug = slug });
        if (errors.Count == 0 && await db.Tenants.AnyAsync(t => t.Slug == slug, ct))
        {
            errors.Add(new Problem("SlugTaken", slug) { Field = nameof(NewSchool.Slug) });
        }
        return errors;
    }

    public async Task<Outcome<Guid>> CreateAsync(NewSchool school, CancellationToken ct = default)
    {
        var slug = school.Slug?.Trim() ?? "";
        var errors = Validate(school with { Slug = slug });
        if (errors.Count == 0 && await db.Tenants.AnyAsync(t => t.Slug == slug, ct))
        {
            errors.Add(new Problem("SlugTaken", slug) { Field = nameof(NewSchool.Slug) });
        }
        if (errors.Count > 0)
        {
            return Outcome<Guid>.Refused(errors);
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
            Address = Blank(school.Address),
            Phone = Blank(school.Phone),
            ContactEmail = Blank(school.ContactEmail),
            Modules = [.. school.Modules ?? SchoolModules.All],
            Plan = school.Plan,
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
            return new Problem("SlugTaken", slug) { Field = nameof(NewSchool.Slug) };
        }
        await AnnounceAsync(tenant.Id, slug, ct);
        return Outcome<Guid>.Done(tenant.Id);
    }

    /// <summary>onboarding → active → suspended ⇄ active → archived; archived is final.</summary>
    public static bool CanMove(TenantStatus from, TenantStatus to) => (from, to) switch
    {
        (TenantStatus.Onboarding, TenantStatus.Active) => true,
        (TenantStatus.Onboarding, TenantStatus.Archived) => true,
        (TenantStatus.Active, TenantStatus.Suspended) => true,
        (TenantStatus.Active, TenantStatus.Archived) => true,
        (TenantStatus.Suspended, TenantStatus.Active) => true,
        (TenantStatus.Suspended, TenantStatus.Archived) => true,
        _ => false,
    };

    /// <summary>Moves the school to <paramref name="status"/> when the transition is allowed; returns the previous status.</summary>
    public async Task<(Outcome Result, TenantStatus? Previous)> SetStatusAsync(Guid id, TenantStatus status, CancellationToken ct = default)
    {
        var tenant = await db.Tenants.SingleOrDefaultAsync(t => t.Id == id, ct);
        if (tenant is null)
        {
            return (Outcome.Refused([new Problem("SchoolUnknown") { Field = "Id" }]), null);
        }
        var previous = tenant.Status;
        if (previous == status && !tenant.SuspendedForBilling)
        {
            return (Outcome.Done, previous);
        }
        if (previous != status && !CanMove(previous, status))
        {
            return (Outcome.Refused([new Problem("StatusMoveInvalid", previous, status) { Field = nameof(Tenant.Status) }]), previous);
        }
        // A status set here is staff's decision: a school they suspend (or keep suspended) is no
        // longer suspended "for billing", so a payment does not bring it back (issue 15, item 9).
        tenant.SuspendedForBilling = false;
        tenant.Status = status;
        tenant.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await AnnounceAsync(id, tenant.Slug, ct);
        return (Outcome.Done, previous);
    }

    public async Task<Outcome> UpdateProfileAsync(Guid id, SchoolProfile profile, CancellationToken ct = default)
    {
        var tenant = await db.Tenants.SingleOrDefaultAsync(t => t.Id == id, ct);
        if (tenant is null)
        {
            return Outcome.Refused([new Problem("SchoolUnknown") { Field = "Id" }]);
        }
        var errors = Validate(new NewSchool(tenant.Slug, profile.Name, profile.PrimaryColor, profile.Locale, profile.TimeZone,
            profile.Address, profile.Phone, profile.ContactEmail, null, tenant.Status, profile.Plan));
        if (errors.Count > 0)
        {
            return Outcome.Refused(errors);
        }
        tenant.Name = profile.Name.Trim();
        tenant.PrimaryColor = profile.PrimaryColor;
        tenant.Locale = profile.Locale;
        tenant.TimeZone = profile.TimeZone;
        tenant.Address = Blank(profile.Address);
        tenant.Phone = Blank(profile.Phone);
        tenant.ContactEmail = Blank(profile.ContactEmail);
        tenant.Plan = profile.Plan;
        tenant.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await AnnounceAsync(id, tenant.Slug, ct);
        return Outcome.Done;
    }

    public async Task<Outcome> SetModulesAsync(Guid id, IReadOnlyList<string> modules, CancellationToken ct = default)
    {
        if (modules.FirstOrDefault(m => !SchoolModules.IsKnown(m)) is { } unknown)
        {
            return Outcome.Refused([new Problem("ModuleUnknown", unknown) { Field = nameof(NewSchool.Modules) }]);
        }
        var tenant = await db.Tenants.SingleOrDefaultAsync(t => t.Id == id, ct);
        if (tenant is null)
        {
            return Outcome.Refused([new Problem("SchoolUnknown") { Field = "Id" }]);
        }
        tenant.Modules = [.. SchoolModules.All.Where(modules.Contains)];
        tenant.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await AnnounceAsync(id, tenant.Slug, ct);
        return Outcome.Done;
    }

    /// <summary>The go-live checklist's manual item: koppelcode letters handed out (or not yet).</summary>
    public async Task<bool> SetLettersPrintedAsync(Guid id, bool printed, CancellationToken ct = default)
    {
        var tenant = await db.Tenants.SingleOrDefaultAsync(t => t.Id == id, ct);
        if (tenant is null)
        {
            return false;
        }
        tenant.LettersPrintedAt = printed ? time.GetUtcNow() : null;
        tenant.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return true;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private List<Problem> Validate(NewSchool school)
    {
        var errors = new List<Problem>();
        if (SlugRules.Check(school.Slug) is { } problem)
        {
            errors.Add((problem switch
            {
                SlugProblem.Empty => new Problem("SlugEmpty"),
                SlugProblem.Length => new Problem("SlugLength", SlugRules.MinLength, SlugRules.MaxLength),
                SlugProblem.Characters => new Problem("SlugCharacters"),
                SlugProblem.Punycode => new Problem("SlugPunycode"),
                SlugProblem.Reserved => new Problem("SlugReserved", school.Slug),
                _ => new Problem("SlugTaken", school.Slug),
            }).On(nameof(NewSchool.Slug)));
        }
        if (string.IsNullOrWhiteSpace(school.Name) || school.Name.Trim().Length > 200)
        {
            errors.Add(new Problem("NameRequired") { Field = nameof(NewSchool.Name) });
        }
        // The one colour rule (shape and contrast with white text), as for school admins under Beheer.
        if (school.PrimaryColor is not null && BrandColor.Check(school.PrimaryColor) is { } color)
        {
            errors.Add(color.On(nameof(NewSchool.PrimaryColor)));
        }
        if (!Locales.Contains(school.Locale))
        {
            errors.Add(new Problem("LocaleInvalid") { Field = nameof(NewSchool.Locale) });
        }
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(school.TimeZone, out _))
        {
            errors.Add(new Problem("TimeZoneInvalid") { Field = nameof(NewSchool.TimeZone) });
        }
        if (!SchoolPlans.All.Contains(school.Plan))
        {
            errors.Add(new Problem("PlanInvalid") { Field = nameof(NewSchool.Plan) });
        }
        if (school.Address?.Trim().Length > 300)
        {
            errors.Add(new Problem("AddressTooLong") { Field = nameof(NewSchool.Address) });
        }
        if (!string.IsNullOrWhiteSpace(school.Phone) && !PhoneShape().IsMatch(school.Phone.Trim()))
        {
            errors.Add(new Problem("PhoneInvalid") { Field = nameof(NewSchool.Phone) });
        }
        if (!string.IsNullOrWhiteSpace(school.ContactEmail) && !EmailShape().IsMatch(school.ContactEmail.Trim()))
        {
            errors.Add(new Problem("ContactEmailInvalid") { Field = nameof(NewSchool.ContactEmail) });
        }
        if (school.Modules?.FirstOrDefault(m => !SchoolModules.IsKnown(m)) is { } unknown)
        {
            errors.Add(new Problem("ModuleUnknown", unknown) { Field = nameof(NewSchool.Modules) });
        }
        return errors;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\+?[0-9 ()\-]{6,20}$")]
    private static partial System.Text.RegularExpressions.Regex PhoneShape();

    [System.Text.RegularExpressions.GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial System.Text.RegularExpressions.Regex EmailShape();

    /// <summary>Stores the school's Stripe customer and subscription (created by the backoffice).</summary>
    public async Task<bool> SetBillingAccountAsync(Guid id, string customerId, string subscriptionId, BillingStatus status, CancellationToken ct = default)
    {
        var tenant = await db.Tenants.SingleOrDefaultAsync(t => t.Id == id, ct);
        if (tenant is null)
        {
            return false;
        }
        tenant.StripeCustomerId = customerId;
        tenant.StripeSubscriptionId = subscriptionId;
        tenant.BillingStatus = status;
        tenant.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await AnnounceAsync(id, tenant.Slug, ct);
        return true;
    }

    /// <summary>For catalogue changes made elsewhere in the backoffice (billing state): drop cached copies everywhere.</summary>
    public async Task AnnounceChangeAsync(Guid id, CancellationToken ct = default)
    {
        catalog.Invalidate(id, null);
        await TenantChangeListener.NotifyAsync(dataSource, id, ct);
    }

    private async Task AnnounceAsync(Guid id, string slug, CancellationToken ct)
    {
        catalog.Invalidate(id, slug);
        await TenantChangeListener.NotifyAsync(dataSource, id, ct);
    }
}

/// <summary>Resource anchor for catalogue messages.</summary>
public sealed class CatalogText;
