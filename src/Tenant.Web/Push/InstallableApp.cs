using Microsoft.Extensions.Caching.Memory;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SkiaSharp;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Tenancy;

namespace Schoolplein.Tenant.Web.Push;

/// <summary>
/// The installable app (PWA): a web app manifest per school (its name, colour and icon) and
/// the icons, drawn from the school's logo or, without one, the school's initial on its
/// colour. The service worker itself is the static /sw.js (scope: the whole school site).
/// </summary>
public static class InstallableApp
{
    private static readonly int[] Sizes = [192, 512];

    public static IEndpointRouteBuilder MapInstallableApp(this IEndpointRouteBuilder app)
    {
        app.MapGet("/manifest.webmanifest", (TenantContext tenant, IStringLocalizer<PushText> text, HttpContext http) =>
        {
            var school = tenant.Required;
            var color = BrandColor.IsValid(school.PrimaryColor) ? school.PrimaryColor : BrandColor.Default;
            var version = Version(school);
            var manifest = new
            {
                id = "/",
                name = school.Name,
                short_name = school.Name.Length <= 12 ? school.Name : school.Name[..12].TrimEnd(),
                description = text["ManifestDescription", school.Name].Value,
                lang = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName,
                start_url = "/",
                scope = "/",
                display = "standalone",
                theme_color = color,
                background_color = "#ffffff",
                icons = Sizes.Select(size => new { src = $"/app/icon-{size}.png?v={version}", sizes = $"{size}x{size}", type = "image/png", purpose = "any" }).ToArray(),
            };
            http.Response.Headers.CacheControl = "no-cache";
            return Results.Json(manifest, contentType: "application/manifest+json");
        }).AllowAnonymous();

        app.MapGet("/app/icon-{size:int}.png", async (int size, TenantContext tenant, SchoolpleinDb db, IMemoryCache cache, HttpContext http, CancellationToken ct) =>
        {
            if (!Sizes.Contains(size))
            {
                return Results.NotFound();
            }
            var school = tenant.Required;
            // Keyed by school, size, logo version and colour: a new logo or colour is a new key.
            var key = $"app-icon:{school.Id:N}:{size}:{Version(school)}";
            if (!cache.TryGetValue(key, out byte[]? png) || png is null)
            {
                var logo = school.LogoUpdatedAt is null ? null : await db.Tenants.AsNoTracking()
                    .Where(t => t.Id == school.Id).Select(t => t.Logo).FirstOrDefaultAsync(ct);
                png = Draw(size, school, logo);
                cache.Set(key, png, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromHours(1) });
            }
            http.Response.Headers.CacheControl = "public, max-age=86400";
            return Results.File(png, "image/png");
        }).AllowAnonymous();
        return app;
    }

    private static string Version(TenantInfo school) =>
        $"{school.LogoUpdatedAt?.ToUnixTimeSeconds() ?? 0}-{school.PrimaryColor.TrimStart('#')}";

    private static byte[] Draw(int size, TenantInfo school, byte[]? logo)
    {
        var color = BrandColor.IsValid(school.PrimaryColor) ? school.PrimaryColor : BrandColor.Default;
        using var surface = SKSurface.Create(new SKImageInfo(size, size));
        var canvas = surface.Canvas;
        canvas.Clear(SKColor.Parse(color));
        using var bitmap = logo is null ? null : SKBitmap.Decode(logo);
        if (bitmap is not null)
        {
            // The logo on a white plate inside the maskable safe zone (80 %).
            using var plate = new SKPaint { Color = SKColors.White, IsAntialias = true };
            var inset = size * 0.1f;
            canvas.DrawRoundRect(new SKRect(inset, inset, size - inset, size - inset), size * 0.08f, size * 0.08f, plate);
            var box = size * 0.64f;
            var scale = Math.Min(box / bitmap.Width, box / bitmap.Height);
            var w = bitmap.Width * scale;
            var h = bitmap.Height * scale;
            using var image = SKImage.FromBitmap(bitmap);
            canvas.DrawImage(image, new SKRect((size - w) / 2, (size - h) / 2, (size + w) / 2, (size + h) / 2), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        }
        else
        {
            using var stream = Schoolplein.Platform.Pdf.PdfFonts.OpenFace("LiberationSans-Bold");
            using var typeface = stream is null ? SKTypeface.Default : SKTypeface.FromStream(stream);
            using var font = new SKFont(typeface, size * 0.55f);
            using var paint = new SKPaint { Color = SKColor.Parse(BrandColor.TextOn(color)), IsAntialias = true };
            var initial = school.Name.Trim().Length > 0 ? char.ToUpperInvariant(school.Name.Trim()[0]).ToString() : "S";
            font.MeasureText(initial, out var bounds, paint);
            canvas.DrawText(initial, size / 2f - bounds.MidX, size / 2f - bounds.MidY, SKTextAlign.Left, font, paint);
        }
        using var snapshot = surface.Snapshot();
        using var data = snapshot.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
