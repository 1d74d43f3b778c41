namespace Schoolplein.Tenant.Web.Shared;

/// <summary>A notice at the top of every page until the user acts on it (e.g. "confirm your consent choices").</summary>
public sealed record PageBanner(string Text, string LinkPath, string LinkText);

/// <summary>A feature that may show a <see cref="PageBanner"/> to the signed-in user; keep it to one indexed query.</summary>
public interface IPageBannerSource
{
    Task<PageBanner?> GetAsync(CancellationToken ct);
}
