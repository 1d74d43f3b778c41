using SkiaSharp;

namespace Schoolplein.Platform.Images;

/// <summary>An image as stored: re-encoded (so no EXIF, GPS or other metadata survives), upright and resized.</summary>
public sealed record ProcessedImage(byte[] Content, string ContentType, int Width, int Height);

/// <summary>
/// The one image pipeline (profile photos, post photos, app icons). It decodes by content, never
/// by file name or the browser's content type; refuses anything that is not a JPEG, PNG, WebP or
/// GIF, or whose pixel count would be a decompression bomb; turns the picture upright from its
/// EXIF orientation; and re-encodes, which drops every metadata block (EXIF, GPS, XMP, ICC comments).
/// </summary>
public static class ImageProcessor
{
    /// <summary>50 megapixels: more than any phone camera, far less than a crafted bomb.</summary>
    public const long MaxPixels = 50_000_000;

    private static readonly SKEncodedImageFormat[] Accepted =
        [SKEncodedImageFormat.Jpeg, SKEncodedImageFormat.Png, SKEncodedImageFormat.Webp, SKEncodedImageFormat.Gif];

    /// <summary>Whether the bytes are an image this pipeline accepts (checked by content).</summary>
    public static bool IsImage(byte[] content)
    {
        using var data = SKData.CreateCopy(content);
        using var codec = SKCodec.Create(data);
        return codec is not null && Accepted.Contains(codec.EncodedFormat)
            && (long)codec.Info.Width * codec.Info.Height is > 0 and <= MaxPixels;
    }

    /// <summary>
    /// Decodes, turns upright and scales so the longest side is at most <paramref name="maxSide"/>
    /// (never enlarges), then encodes as JPEG on a white background. Null when the bytes are not an accepted image.
    /// </summary>
    public static ProcessedImage? ToJpeg(byte[] content, int maxSide, int quality = 82)
    {
        using var upright = DecodeUpright(content);
        if (upright is null)
        {
            return null;
        }
        var (width, height) = Fit(upright.Width, upright.Height, maxSide);
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using (var image = SKImage.FromBitmap(upright))
        {
            canvas.DrawImage(image, new SKRect(0, 0, width, height), new SKSamplingOptions(SKCubicResampler.Mitchell));
        }
        using var snapshot = surface.Snapshot();
        using var encoded = snapshot.Encode(SKEncodedImageFormat.Jpeg, quality);
        return new ProcessedImage(encoded.ToArray(), "image/jpeg", width, height);
    }

    /// <summary>
    /// A square PNG of <paramref name="side"/> pixels with the picture centred on <paramref name="background"/>
    /// (app icons). Null when the bytes are not an accepted image.
    /// </summary>
    public static byte[]? ToSquarePng(byte[] content, int side, SKColor background, float padding = 0.1f)
    {
        using var upright = DecodeUpright(content);
        if (upright is null)
        {
            return null;
        }
        var inner = (int)(side * (1 - 2 * padding));
        var (width, height) = Fit(upright.Width, upright.Height, inner, allowEnlarge: true);
        using var surface = SKSurface.Create(new SKImageInfo(side, side, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(background);
        using (var image = SKImage.FromBitmap(upright))
        {
            var left = (side - width) / 2f;
            var top = (side - height) / 2f;
            canvas.DrawImage(image, new SKRect(left, top, left + width, top + height), new SKSamplingOptions(SKCubicResampler.Mitchell));
        }
        using var snapshot = surface.Snapshot();
        using var encoded = snapshot.Encode(SKEncodedImageFormat.Png, 100);
        return encoded.ToArray();
    }

    private static SKBitmap? DecodeUpright(byte[] content)
    {
        using var data = SKData.CreateCopy(content);
        using var codec = SKCodec.Create(data);
        if (codec is null || !Accepted.Contains(codec.EncodedFormat))
        {
            return null;
        }
        var info = codec.Info;
        if (info.Width <= 0 || info.Height <= 0 || (long)info.Width * info.Height > MaxPixels)
        {
            return null;
        }
        var decoded = new SKBitmap(new SKImageInfo(info.Width, info.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var result = codec.GetPixels(decoded.Info, decoded.GetPixels());
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
        {
            decoded.Dispose();
            return null;
        }
        var origin = codec.EncodedOrigin;
        if (origin is SKEncodedOrigin.TopLeft or SKEncodedOrigin.Default)
        {
            return decoded;
        }
        using (decoded)
        {
            return Orient(decoded, origin);
        }
    }

    /// <summary>Applies the EXIF orientation, so the stored picture is upright without any metadata.</summary>
    internal static SKBitmap Orient(SKBitmap source, SKEncodedOrigin origin)
    {
        var swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var width = swap ? source.Height : source.Width;
        var height = swap ? source.Width : source.Height;
        var result = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(result);
        float w = source.Width, h = source.Height;
        switch (origin)
        {
            case SKEncodedOrigin.TopRight: // mirrored horizontally
                canvas.Scale(-1, 1, width / 2f, 0);
                break;
            case SKEncodedOrigin.BottomRight: // rotated 180
                canvas.RotateDegrees(180, width / 2f, height / 2f);
                break;
            case SKEncodedOrigin.BottomLeft: // mirrored vertically
                canvas.Scale(1, -1, 0, height / 2f);
                break;
            case SKEncodedOrigin.LeftTop: // mirrored along the top-left diagonal
                canvas.Concat(new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1));
                break;
            case SKEncodedOrigin.RightTop: // rotated 90 clockwise
                canvas.Translate(width, 0);
                canvas.RotateDegrees(90);
                break;
            case SKEncodedOrigin.RightBottom: // mirrored along the other diagonal
                canvas.Concat(new SKMatrix(0, -1, width, -1, 0, height, 0, 0, 1));
                break;
            case SKEncodedOrigin.LeftBottom: // rotated 90 counter-clockwise
                canvas.Translate(0, height);
                canvas.RotateDegrees(-90);
                break;
        }
        using var image = SKImage.FromBitmap(source);
        canvas.DrawImage(image, new SKRect(0, 0, w, h), new SKSamplingOptions(SKFilterMode.Nearest));
        return result;
    }

    private static (int Width, int Height) Fit(int width, int height, int maxSide, bool allowEnlarge = false)
    {
        var longest = Math.Max(width, height);
        if (longest <= maxSide && !allowEnlarge)
        {
            return (width, height);
        }
        var scale = (double)maxSide / longest;
        return (Math.Max(1, (int)Math.Round(width * scale)), Math.Max(1, (int)Math.Round(height * scale)));
    }
}
