using System.Text.RegularExpressions;

namespace Schoolplein.Platform.Tenancy;

/// <summary>What a school's subdomain may be (TENANCY.md section 1).</summary>
public static partial class SlugRules
{
    public const int MinLength = 3;
    public const int MaxLength = 40;

    public static readonly IReadOnlySet<string> Reserved = new HashSet<string>(StringComparer.Ordinal)
    {
        "www", "admin", "backoffice", "api", "app", "static", "cdn", "mail", "smtp", "imap",
        "status", "help", "support", "docs", "auth", "login", "billing", "assets", "media",
        "origin", "test",
    };

    /// <summary>Returns null when the slug is acceptable, otherwise the reason as a resource key of <see cref="SlugProblem"/>.</summary>
    public static SlugProblem? Check(string? slug)
    {
        if (string.IsNullOrEmpty(slug))
        {
            return SlugProblem.Empty;
        }
        if (slug.Length < MinLength || slug.Length > MaxLength)
        {
            return SlugProblem.Length;
        }
        if (!Pattern().IsMatch(slug))
        {
            return SlugProblem.Characters;
        }
        if (slug.StartsWith("xn--", StringComparison.Ordinal))
        {
            return SlugProblem.Punycode;
        }
        if (Reserved.Contains(slug))
        {
            return SlugProblem.Reserved;
        }
        return null;
    }

    public static bool IsValid(string? slug) => Check(slug) is null;

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}

public enum SlugProblem
{
    Empty,
    Length,
    Characters,
    Punycode,
    Reserved,
    Taken,
}
