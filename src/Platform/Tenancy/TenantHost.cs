namespace Schoolplein.Platform.Tenancy;

public enum HostKind
{
    /// <summary>Not this deployment's host, or a name that cannot be a school.</summary>
    Unknown,
    /// <summary>The bare base domain: the product's neutral pages.</summary>
    Platform,
    /// <summary><c>{slug}.{BaseDomain}</c> with a well-formed slug (the school may still not exist).</summary>
    School,
}

public readonly record struct HostMatch(HostKind Kind, string? Slug)
{
    public static readonly HostMatch Unknown = new(HostKind.Unknown, null);
}

/// <summary>
/// Parses the Host header against the configured base domain. The host is the only
/// source of truth for the tenant: never a header, query string, cookie or claim.
/// </summary>
public static class TenantHost
{
    private const int MaxHostLength = 253;

    public static HostMatch Parse(string? host, string baseDomain)
    {
        if (string.IsNullOrWhiteSpace(host) || host.Length > MaxHostLength + 6)
        {
            return HostMatch.Unknown;
        }
        var name = StripPort(host.Trim());
        if (name is null)
        {
            return HostMatch.Unknown;
        }
        name = name.TrimEnd('.').ToLowerInvariant();
        var domain = baseDomain.Trim().TrimEnd('.').ToLowerInvariant();
        if (name.Length == 0 || name.Length > MaxHostLength || domain.Length == 0)
        {
            return HostMatch.Unknown;
        }
        if (name == domain)
        {
            return new HostMatch(HostKind.Platform, null);
        }
        var suffix = "." + domain;
        if (!name.EndsWith(suffix, StringComparison.Ordinal))
        {
            return HostMatch.Unknown;
        }
        var label = name[..^suffix.Length];
        // One label only: x.regenboog.example.nl is not a school.
        if (label.Contains('.') || !SlugRules.IsValid(label))
        {
            return HostMatch.Unknown;
        }
        return new HostMatch(HostKind.School, label);
    }

    private static string? StripPort(string host)
    {
        if (host.StartsWith('['))
        {
            // IPv6 literal: never a school.
            return null;
        }
        var colon = host.LastIndexOf(':');
        if (colon < 0)
        {
            return host;
        }
        var port = host[(colon + 1)..];
        if (port.Length == 0 || port.Length > 5 || !port.All(char.IsAsciiDigit))
        {
            return null;
        }
        return host[..colon];
    }
}
