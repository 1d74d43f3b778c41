using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Schoolplein.Platform.Blobs;
using SkiaSharp;

namespace Schoolplein.Platform.Images;

public sealed class ImageOptions
{
    public const string SectionName = "Images";

    /// <summary>Largest upload the pipeline reads (a phone photo is 2–8 MB).</summary>
    [Range(1024, 200 * 1024 * 1024)]
    public long MaxInputBytes { get; set; } = 15 * 1024 * 1024;

    /// <summary>
    /// Largest source image in pixels (width × height), against decompression bombs: 50 megapixels
    /// is more than any phone camera (a 48 MP sensor fits) and far less than a crafted bomb.
    /// </summary>
    [Range(1, 1_000_000_000)]
    public long MaxPixels { get; set; } = 50_000_000;
}

public enum ImageOutputFormat
{
    Jpeg,
    WebP,
    /// <summary>Lossless with transparency: school logos (PDF letters can embed PNG, not WebP).</summary>
    Png,
}

/// <summary>Inside: keep the whole picture within the box. Cover: fill the box, cropping the middle (avatars).</summary>
public enum ImageFit
{
    Inside,
    Cover,
}

/// <summary>One output size, e.g. ("thumb", 128, 128, Cover) or ("large", 1600, 1600).</summary>
public sealed record ImageVariantSpec(
    string Name, int MaxWidth, int MaxHeight, ImageFit Fit = ImageFit.Inside, ImageOutputFormat Format = ImageOutputFormat.Jpeg, int Quality = 82);

public sealed record ImageVariant(string Name, int Width, int Height, string ContentType, byte[] Content);

/// <summary>Why an upload was refused; <see cref="ImageProblems"/> turns it into a problem to show.</summary>
public enum ImageProblem
{
    Empty,
    TooLarge,
    NotAnImage,
    UnsupportedFormat,
    HeicNotSupported,
    TooManyPixels,
    Damaged,
}

public sealed record ImageResult(ImageProblem? Problem, IReadOnlyList<ImageVariant> Variants)
{
    public bool Succeeded => Problem is null;

    public ImageVariant this[string name] => Variants.Single(v => v.Name == name);

    public static ImageResult Failed(ImageProblem problem) => new(problem, []);
}

/// <summary>
/// The one way uploaded pictures enter Schoolplein (profile photos, post photos, held photos of a
/// draft, demo pictures): the bytes are identified by their content (<see cref="FileSniffer"/>), decoded (JPEG, PNG, WebP; HEIC only when this platform's
/// decoder can), turned upright by their EXIF orientation, and re-encoded from pixels into
/// the requested variants. Re-encoding writes no metadata at all, so EXIF, GPS, XMP, IPTC
/// and comments are gone; output is untagged sRGB. Thread-safe and stateless apart from options.
/// </summary>
public sealed class ImagePipeline(IOptions<ImageOptions> options)
{
    private static readonly SKSamplingOptions Sampling = new(SKCubicResampler.Mitchell);

    public ImageOptions Options => options.Value;

    /// <summary>Reads at most <see cref="ImageOptions.MaxInputBytes"/> (plus one, to notice more) from the stream.</summary>
    public async Task<ImageResult> ProcessAsync(Stream input, IReadOnlyList<ImageVariantSpec> variants, CancellationToken ct = default)
    {
        var limit = options.Value.MaxInputBytes;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await input.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > limit)
            {
                return ImageResult.Failed(ImageProblem.TooLarge);
            }
        }
        return Process(buffer.ToArray(), variants);
    }

    public ImageResult Process(byte[] input, IReadOnlyList<ImageVariantSpec> variants)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (variants.Count == 0)
        {
            throw new ArgumentException("At least one variant is needed.", nameof(variants));
        }
        if (input.Length == 0)
        {
            return ImageResult.Failed(ImageProblem.Empty);
        }
        if (input.LongLength > options.Value.MaxInputBytes)
        {
            return ImageResult.Failed(ImageProblem.TooLarge);
        }
        var kind = FileSniffer.Sniff(input);
        switch (kind)
        {
            case FileKind.Gif:
                // Animated pictures would lose their animation; a still GIF is rare enough to ask for a photo.
                return ImageResult.Failed(ImageProblem.UnsupportedFormat);
            case not (FileKind.Jpeg or FileKind.Png or FileKind.WebP or FileKind.Heic):
                return ImageResult.Failed(ImageProblem.NotAnImage);
        }

        using var data = SKData.CreateCopy(input);
        using var codec = SKCodec.Create(data);
        if (codec is null)
        {
            return ImageResult.Failed(kind == FileKind.Heic ? ImageProblem.HeicNotSupported : ImageProblem.Damaged);
        }
        if (!Matches(kind, codec.EncodedFormat))
        {
            return ImageResult.Failed(ImageProblem.NotAnImage);
        }
        var info = codec.Info;
        if (info.Width <= 0 || info.Height <= 0)
        {
            return ImageResult.Failed(ImageProblem.Damaged);
        }
        if ((long)info.Width * info.Height > options.Value.MaxPixels)
        {
            return ImageResult.Failed(ImageProblem.TooManyPixels);
        }

        var origin = codec.EncodedOrigin;
        var swaps = SwapsAxes(origin);
        var uprightWidth = swaps ? info.Height : info.Width;
        var uprightHeight = swaps ? info.Width : info.Height;

        using var decoded = Decode(codec, NeededScale(uprightWidth, uprightHeight, variants));
        if (decoded is null)
        {
            return ImageResult.Failed(ImageProblem.Damaged);
        }
        using var upright = Orient(decoded, origin);
        using var source = SKImage.FromBitmap(upright);

        var results = new List<ImageVariant>(variants.Count);
        foreach (var spec in variants)
        {
            results.Add(Render(source, spec));
        }
        return new ImageResult(null, results);
    }

    private static bool Matches(FileKind kind, SKEncodedImageFormat format) => kind switch
    {
        FileKind.Jpeg => format == SKEncodedImageFormat.Jpeg,
        FileKind.Png => format == SKEncodedImageFormat.Png,
        FileKind.WebP => format == SKEncodedImageFormat.Webp,
        FileKind.Heic => format == SKEncodedImageFormat.Heif,
        _ => false,
    };

    private static bool SwapsAxes(SKEncodedOrigin origin) =>
        origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;

    /// <summary>The largest scale any variant needs (at most 1): the decoder may then skip most pixels (JPEG decodes at 1/2, 1/4, 1/8).</summary>
    private static float NeededScale(int width, int height, IReadOnlyList<ImageVariantSpec> variants)
    {
        var scale = 0f;
        foreach (var v in variants)
        {
            var sx = (float)v.MaxWidth / width;
            var sy = (float)v.MaxHeight / height;
            scale = Math.Max(scale, v.Fit == ImageFit.Cover ? Math.Max(sx, sy) : Math.Min(sx, sy));
        }
        return Math.Min(1f, scale);
    }

    private static SKBitmap? Decode(SKCodec codec, float scale)
    {
        var full = codec.Info;
        var size = scale < 1f ? codec.GetScaledDimensions(scale) : new SKSizeI(full.Width, full.Height);
        // A codec that cannot scale down that far returns a smaller size than asked for: take the full image then.
        if (size.Width < Math.Floor(full.Width * scale) || size.Height < Math.Floor(full.Height * scale) || size.Width <= 0 || size.Height <= 0)
        {
            size = new SKSizeI(full.Width, full.Height);
        }
        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul, SKColorSpace.CreateSrgb());
        var bitmap = new SKBitmap(info);
        var result = codec.GetPixels(info, bitmap.GetPixels());
        if (result is SKCodecResult.Success)
        {
            return bitmap;
        }
        bitmap.Dispose();
        return null;
    }

    /// <summary>Draws the decoded pixels upright according to the EXIF orientation (1–8).</summary>
    private static SKBitmap Orient(SKBitmap source, SKEncodedOrigin origin)
    {
        var w = source.Width;
        var h = source.Height;
        var swaps = SwapsAxes(origin);
        var result = new SKBitmap(new SKImageInfo(swaps ? h : w, swaps ? w : h, source.ColorType, source.AlphaType, source.ColorSpace));
        using var canvas = new SKCanvas(result);
        canvas.Clear(SKColors.Transparent);
        switch (origin)
        {
            case SKEncodedOrigin.TopRight: // 2: mirrored horizontally
                canvas.Translate(w, 0);
                canvas.Scale(-1, 1);
                break;
            case SKEncodedOrigin.BottomRight: // 3: rotated 180°
                canvas.Translate(w, h);
                canvas.RotateDegrees(180);
                break;
            case SKEncodedOrigin.BottomLeft: // 4: mirrored vertically
                canvas.Translate(0, h);
                canvas.Scale(1, -1);
                break;
            case SKEncodedOrigin.LeftTop: // 5: transposed
                canvas.RotateDegrees(90);
                canvas.Scale(1, -1);
                break;
            case SKEncodedOrigin.RightTop: // 6: rotate 90° clockwise to display
                canvas.Translate(h, 0);
                canvas.RotateDegrees(90);
                break;
            case SKEncodedOrigin.RightBottom: // 7: transverse
                canvas.Translate(h, w);
                canvas.RotateDegrees(90);
                canvas.Scale(-1, 1);
                break;
            case SKEncodedOrigin.LeftBottom: // 8: rotate 90° counter-clockwise to display
                canvas.Translate(0, w);
                canvas.RotateDegrees(-90);
                break;
        }
        using (var image = SKImage.FromBitmap(source))
        {
            canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest), null);
        }
        canvas.Flush();
        return result;
    }

    private static ImageVariant Render(SKImage source, ImageVariantSpec spec)
    {
        var (srcRect, width, height) = Layout(source.Width, source.Height, spec);
        // Untagged output surface: pixels are already sRGB, and no ICC profile is written.
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var bitmap = new SKBitmap(info);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(spec.Format == ImageOutputFormat.Jpeg ? SKColors.White : SKColors.Transparent);
            canvas.DrawImage(source, srcRect, new SKRect(0, 0, width, height), Sampling, null);
            canvas.Flush();
        }
        using var pixmap = bitmap.PeekPixels() ?? throw new InvalidOperationException("The bitmap has no pixels.");
        using var encoded = spec.Format switch
        {
            ImageOutputFormat.Jpeg => pixmap.Encode(new SKJpegEncoderOptions(spec.Quality, SKJpegEncoderDownsample.Downsample420, SKJpegEncoderAlphaOption.Ignore)),
            ImageOutputFormat.Png => pixmap.Encode(SKPngEncoderOptions.Default),
            _ => pixmap.Encode(new SKWebpEncoderOptions(SKWebpEncoderCompression.Lossy, spec.Quality)),
        };
        if (encoded is null)
        {
            throw new InvalidOperationException($"The {spec.Format} encoder failed.");
        }
        var contentType = spec.Format switch
        {
            ImageOutputFormat.Jpeg => "image/jpeg",
            ImageOutputFormat.Png => "image/png",
            _ => "image/webp",
        };
        return new ImageVariant(spec.Name, width, height, contentType, encoded.ToArray());
    }

    /// <summary>Source rectangle and output size for a variant; never enlarges.</summary>
    internal static (SKRect Source, int Width, int Height) Layout(int sourceWidth, int sourceHeight, ImageVariantSpec spec)
    {
        if (spec.Fit == ImageFit.Cover)
        {
            var targetAspect = (double)spec.MaxWidth / spec.MaxHeight;
            double cropW = sourceWidth, cropH = sourceHeight;
            if ((double)sourceWidth / sourceHeight > targetAspect)
            {
                cropW = sourceHeight * targetAspect;
            }
            else
            {
                cropH = sourceWidth / targetAspect;
            }
            var left = (sourceWidth - cropW) / 2;
            var top = (sourceHeight - cropH) / 2;
            var scale = Math.Min(1, Math.Min(spec.MaxWidth / cropW, spec.MaxHeight / cropH));
            return (new SKRect((float)left, (float)top, (float)(left + cropW), (float)(top + cropH)),
                Math.Max(1, (int)Math.Round(cropW * scale)), Math.Max(1, (int)Math.Round(cropH * scale)));
        }
        var fit = Math.Min(1, Math.Min((double)spec.MaxWidth / sourceWidth, (double)spec.MaxHeight / sourceHeight));
        return (new SKRect(0, 0, sourceWidth, sourceHeight),
            Math.Max(1, (int)Math.Round(sourceWidth * fit)), Math.Max(1, (int)Math.Round(sourceHeight * fit)));
    }
}
