using System.ComponentModel.DataAnnotations;

namespace Schoolplein.Platform.Tenancy;

public sealed class TenancyOptions
{
    public const string SectionName = "Tenancy";

    /// <summary>Schools live on <c>{slug}.{BaseDomain}</c>; the bare base domain serves neutral pages.</summary>
    [Required]
    public string BaseDomain { get; set; } = "localhost";

    /// <summary>Scheme and port used to build absolute links to a school (emails, letters).</summary>
    [Required]
    public string PublicScheme { get; set; } = "http";

    public int? PublicPort { get; set; } = 5000;

    [Range(1, 3600)]
    public int CatalogCacheSeconds { get; set; } = 30;

    public Uri SchoolUri(string slug, string path = "/")
    {
        var port = PublicPort is { } p && !IsDefaultPort(PublicScheme, p) ? $":{p}" : "";
        return new Uri($"{PublicScheme}://{slug}.{BaseDomain}{port}{path}");
    }

    public Uri PlatformUri(string path = "/")
    {
        var port = PublicPort is { } p && !IsDefaultPort(PublicScheme, p) ? $":{p}" : "";
        return new Uri($"{PublicScheme}://{BaseDomain}{port}{path}");
    }

    private static bool IsDefaultPort(string scheme, int port) =>
        (scheme == "http" && port == 80) || (scheme == "https" && port == 443);
}
