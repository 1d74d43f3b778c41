using Microsoft.AspNetCore.Identity;
using Schoolplein.Platform.Persistence;

namespace Schoolplein.Platform.Identity;

/// <summary>
/// A person's account at one school. A parent with children at two schools has one
/// account per school (each school is its own data controller), so e-mail is unique per school only.
/// </summary>
public sealed class AppUser : IdentityUser<Guid>, ITenantOwned
{
    public AppUser()
    {
        Id = Guid.CreateVersion7();
        SecurityStamp = Guid.NewGuid().ToString("N");
    }

    public const int AboutMeMaxLength = 1000;

    public Guid TenantId { get; set; }
    public string FirstName { get; set; } = "";
    public string? LastNamePrefix { get; set; }
    public string LastName { get; set; } = "";
    /// <summary>UI language: "nl" (default) or "en".</summary>
    public string Language { get; set; } = "nl";
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>How non-urgent notifications reach this user besides the in-app list (urgent ones use every channel).</summary>
    public NotificationChannels NotifyBy { get; set; } = NotificationChannels.Both;
    /// <summary>One e-mail a day with the day's non-urgent notifications instead of one mail each.</summary>
    public bool EmailDigest { get; set; }
    /// <summary>Set when the school deactivates a staff member or a parent deletes the account; signs the user out.</summary>
    public DateTimeOffset? DeactivatedAt { get; set; }
    /// <summary>
    /// Set when the person deleted their account. The row stays as a nameless tombstone (no
    /// e-mail, name, phone, password or roles) so that school records that must stay — leave
    /// decisions, consent history, absence reports, messages — keep a valid reference.
    /// </summary>
    public DateTimeOffset? DeletedAt { get; set; }
    /// <summary>"Over mij": a few lines the user writes about themself.</summary>
    public string? AboutMe { get; set; }
    /// <summary>Whether other parents of my children's groups see my phone number (teachers always do).</summary>
    public bool PhoneVisibleToParents { get; set; }
    /// <summary>The profile photo in the blob store (already resized and stripped of metadata).</summary>
    public Guid? PhotoBlobId { get; set; }
    /// <summary>The small square version of the profile photo (menus, lists).</summary>
    public Guid? PhotoThumbnailBlobId { get; set; }

    /// <summary>
    /// "Femke van 't Hof", stored by the database (a generated column with <see cref="PersonName.Sql"/>):
    /// what queries select and sort on. <see cref="DisplayName"/> is the same rule for an object in memory.
    /// </summary>
    public string FullName { get; private set; } = "";

    public string DisplayName => PersonName.Format(FirstName, LastNamePrefix, LastName);
}

[Flags]
public enum NotificationChannels
{
    None = 0,
    Email = 1,
    Push = 2,
    Both = Email | Push,
}

public sealed class AppRole : IdentityRole<Guid>
{
    public AppRole()
    {
        Id = Guid.CreateVersion7();
    }
}

public sealed class AppUserRole : IdentityUserRole<Guid>, ITenantOwned
{
    public Guid TenantId { get; set; }
}

public sealed class AppUserClaim : IdentityUserClaim<Guid>, ITenantOwned
{
    public Guid TenantId { get; set; }
}

public sealed class AppUserLogin : IdentityUserLogin<Guid>, ITenantOwned
{
    public Guid TenantId { get; set; }
}

public sealed class AppUserToken : IdentityUserToken<Guid>, ITenantOwned
{
    public Guid TenantId { get; set; }
}

public sealed class AppRoleClaim : IdentityRoleClaim<Guid>;

/// <summary>The three school roles. A teacher whose own child is at the school holds Teacher and Parent.</summary>
public static class Roles
{
    public const string Parent = "Parent";
    public const string Teacher = "Teacher";
    public const string SchoolAdmin = "SchoolAdmin";
    public const string Staff = Teacher + "," + SchoolAdmin;

    public static readonly IReadOnlyList<(Guid Id, string Name)> All =
    [
        (new Guid("0191f000-0000-7000-8000-000000000001"), Parent),
        (new Guid("0191f000-0000-7000-8000-000000000002"), Teacher),
        (new Guid("0191f000-0000-7000-8000-000000000003"), SchoolAdmin),
    ];
}

/// <summary>
/// A person's name as Dutch names need it: roepnaam, voorvoegsel and achternaam ("Femke van 't Hof").
/// The one rule for it, in C# for objects in memory and in SQL for the stored <c>full_name</c> columns
/// of users and pupils (a model test checks both agree). Queries select <c>FullName</c>; never
/// concatenate the parts by hand.
/// </summary>
public static class PersonName
{
    public static string Format(string first, string? prefix, string last) =>
        string.Join(' ', new[] { first, prefix, last }.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim()));

    /// <summary>The same rule as a PostgreSQL expression (immutable, for a stored generated column).</summary>
    public const string Sql =
        "btrim(btrim(first_name) || coalesce(' ' || nullif(btrim(last_name_prefix), ''), '') || coalesce(' ' || nullif(btrim(last_name), ''), ''))";

    /// <summary>Surname column width: EDEXML's achternaam is 1–200 characters (teachers and pupils are imported from it).</summary>
    public const int LastNameMaxLength = 200;

    /// <summary>Length of the stored name: first (100) + prefix (30) + last (200) + two spaces.</summary>
    public const int MaxLength = 100 + 30 + LastNameMaxLength + 2;
}
