using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Options;
using Schoolplein.Platform.Blobs;
using Schoolplein.Platform.Images;
using Schoolplein.Testing;
using SkiaSharp;
using Xunit;
using Xunit.Abstractions;

namespace Schoolplein.Platform.Tests.Images;

public sealed class ImagePipelineTests(ITestOutputHelper output)
{
    private static readonly ImageVariantSpec Large = new("large", 1600, 1600);
    private static readonly ImageVariantSpec Thumb = new("thumb", 128, 128, ImageFit.Cover);

    private static ImagePipeline Pipeline(long? maxBytes = null, long? maxPixels = null)
    {
        var defaults = new ImageOptions();
        return new(Options.Create(new ImageOptions { MaxInputBytes = maxBytes ?? defaults.MaxInputBytes, MaxPixels = maxPixels ?? defaults.MaxPixels }));
    }

    [Fact]
    public void TheTestPhotoReallyCarriesExifWithGps()
    {
        var photo = TestImages.WithExif(TestImages.Quadrants(120, 80), orientation: 6);
        Assert.Contains((byte)0xE1, TestImages.JpegMarkers(photo));
        Assert.True(TestImages.Contains(photo, TestImages.LatitudeSecondsBytes()));
        using var codec = SKCodec.Create(new MemoryStream(photo));
        Assert.Equal(SKEncodedOrigin.RightTop, codec.EncodedOrigin);
    }

    [Fact]
    public void ExifAndGpsAreGoneFromEveryVariantAndOrientationIsApplied()
    {
        var photo = TestImages.WithExif(TestImages.Quadrants(120, 80), orientation: 6);
        var result = Pipeline().Process(photo, [Large, Thumb]);
        Assert.True(result.Succeeded, result.Problem?.ToString());
        foreach (var variant in result.Variants)
        {
            Assert.Equal("image/jpeg", variant.ContentType);
            Assert.DoesNotContain((byte)0xE1, TestImages.JpegMarkers(variant.Content));
            Assert.False(TestImages.Contains(variant.Content, "Exif"u8));
            Assert.False(TestImages.Contains(variant.Content, System.Text.Encoding.ASCII.GetBytes(TestImages.CameraMake)));
            Assert.False(TestImages.Contains(variant.Content, TestImages.LatitudeSecondsBytes()));
        }
        var large = result["large"];
        Assert.Equal((80, 120), (large.Width, large.Height));
        // Rotated 90° clockwise: the left column (red over blue) became the top row (blue, red).
        Assert.Equal(["blue", "red", "yellow", "green"], TestImages.QuadrantColors(large.Content));
    }

    [Theory]
    [InlineData(1, "red", "green", "blue", "yellow")]
    [InlineData(2, "green", "red", "yellow", "blue")]
    [InlineData(3, "yellow", "blue", "green", "red")]
    [InlineData(4, "blue", "yellow", "red", "green")]
    [InlineData(5, "red", "blue", "green", "yellow")]
    [InlineData(6, "blue", "red", "yellow", "green")]
    [InlineData(7, "yellow", "green", "blue", "red")]
    [InlineData(8, "green", "yellow", "red", "blue")]
    public void EveryExifOrientationIsTurnedUpright(ushort orientation, string topLeft, string topRight, string bottomLeft, string bottomRight)
    {
        var photo = TestImages.WithExif(TestImages.Quadrants(120, 80), orientation, gps: false);
        var large = Pipeline().Process(photo, [Large])["large"];
        var swapped = orientation >= 5;
        Assert.Equal(swapped ? (80, 120) : (120, 80), (large.Width, large.Height));
        Assert.Equal([topLeft, topRight, bottomLeft, bottomRight], TestImages.QuadrantColors(large.Content));
    }

    [Fact]
    public void VariantsAreResizedWithinTheirBoxAndNeverEnlarged()
    {
        var photo = TestImages.Quadrants(2000, 1000);
        var result = Pipeline().Process(photo, [new ImageVariantSpec("large", 1600, 1600), Thumb, new ImageVariantSpec("big", 4000, 4000)]);
        Assert.Equal((1600, 800), (result["large"].Width, result["large"].Height));
        Assert.Equal((128, 128), (result["thumb"].Width, result["thumb"].Height));
        Assert.Equal((2000, 1000), (result["big"].Width, result["big"].Height));
        // The square crop keeps the middle: its left half is red/blue, its right half green/yellow.
        Assert.Equal(["red", "green", "blue", "yellow"], TestImages.QuadrantColors(result["thumb"].Content));
    }

    [Fact]
    public void PngAndWebPAreDecodedAndWebPCanBeWritten()
    {
        foreach (var format in new[] { SKEncodedImageFormat.Png, SKEncodedImageFormat.Webp })
        {
            var result = Pipeline().Process(TestImages.Quadrants(64, 64, format), [new ImageVariantSpec("w", 32, 32, Format: ImageOutputFormat.WebP)]);
            Assert.True(result.Succeeded, $"{format}: {result.Problem}");
            Assert.Equal("image/webp", result["w"].ContentType);
            Assert.Equal(FileKind.WebP, FileSniffer.Sniff(result["w"].Content));
            Assert.Equal(["red", "green", "blue", "yellow"], TestImages.QuadrantColors(result["w"].Content));
        }
    }

    [Fact]
    public void ANonImageIsRefused()
    {
        Assert.Equal(ImageProblem.NotAnImage, Pipeline().Process("Dit is geen foto maar een tekst."u8.ToArray(), [Large]).Problem);
        Assert.Equal(ImageProblem.NotAnImage, Pipeline().Process("%PDF-1.7\n%âãÏÓ\n1 0 obj"u8.ToArray(), [Large]).Problem);
        Assert.Equal(ImageProblem.Empty, Pipeline().Process([], [Large]).Problem);
    }

    [Fact]
    public void AJpegHeaderFollowedByGarbageIsRefusedAsDamaged()
    {
        var fake = new byte[2000];
        new Random(1).NextBytes(fake);
        fake[0] = 0xFF;
        fake[1] = 0xD8;
        fake[2] = 0xFF;
        Assert.Equal(ImageProblem.Damaged, Pipeline().Process(fake, [Large]).Problem);
        var truncated = TestImages.Photo(400, 300)[..1500];
        Assert.Equal(ImageProblem.Damaged, Pipeline().Process(truncated, [Large]).Problem);
    }

    [Fact]
    public void HeicIsRefusedWithItsOwnMessageBecauseThisSkiaSharpCannotDecodeIt()
    {
        // A real HEIC made by libheif. If a future SkiaSharp decodes HEIF, this test tells us to
        // drop the HEIC message: the pipeline then accepts HEIC without any other change.
        using var codec = SKCodec.Create(new MemoryStream(TestImages.Heic()));
        Assert.Null(codec);
        Assert.Equal(ImageProblem.HeicNotSupported, Pipeline().Process(TestImages.Heic(), [Large]).Problem);
    }

    [Fact]
    public void GifIsRefusedAsUnsupported()
    {
        var gif = "GIF89a"u8.ToArray().Concat(new byte[40]).ToArray();
        Assert.Equal(ImageProblem.UnsupportedFormat, Pipeline().Process(gif, [Large]).Problem);
    }

    [Fact]
    public void TooManyBytesAndTooManyPixelsAreRefusedBeforeDecoding()
    {
        var photo = TestImages.Quadrants(300, 200);
        Assert.Equal(ImageProblem.TooLarge, Pipeline(maxBytes: photo.Length - 1).Process(photo, [Large]).Problem);
        Assert.True(Pipeline(maxBytes: photo.Length).Process(photo, [Large]).Succeeded);
        Assert.Equal(ImageProblem.TooManyPixels, Pipeline(maxPixels: 300 * 200 - 1).Process(photo, [Large]).Problem);
    }

    [Fact]
    public async Task AStreamLongerThanTheCapIsRefusedWithoutReadingItAll()
    {
        var stream = new CountingStream(long.MaxValue);
        var result = await Pipeline(maxBytes: 1024 * 1024).ProcessAsync(stream, [Large]);
        Assert.Equal(ImageProblem.TooLarge, result.Problem);
        Assert.True(stream.BytesRead < 2 * 1024 * 1024);
    }

    [Fact]
    public void ATwelveMegapixelPhoneJpegBecomesSmallVariantsQuickly()
    {
        var photo = TestImages.WithExif(TestImages.Photo(4000, 3000), orientation: 6);
        var pipeline = Pipeline();
        pipeline.Process(photo, [Large, Thumb]); // warm-up (native library load)
        var clock = Stopwatch.StartNew();
        var result = pipeline.Process(photo, [Large, Thumb]);
        clock.Stop();
        output.WriteLine($"input {photo.Length / 1024} KiB 4000x3000 -> large {result["large"].Content.Length / 1024} KiB " +
            $"{result["large"].Width}x{result["large"].Height}, thumb {result["thumb"].Content.Length / 1024} KiB, {clock.ElapsedMilliseconds} ms");
        Assert.Equal((1200, 1600), (result["large"].Width, result["large"].Height));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"{clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void ThePixelLimitIsFiftyMegapixels()
    {
        // The stricter of the two former pipelines: more than any phone camera, far less than a bomb.
        Assert.Equal(50_000_000, new ImageOptions().MaxPixels);
    }

    [Fact]
    public void ExifOrientationIsAppliedAndEveryMetadataBlockIsDropped()
    {
        var input = TestFiles.JpegWithExif(400, 200, orientation: 6);
        Assert.Contains(TestFiles.ExifMarker, Encoding.ASCII.GetString(input));

        var output = Pipeline().Process(input, [Large])["large"];

        Assert.Equal((200, 400), (output.Width, output.Height));
        var text = Encoding.ASCII.GetString(output.Content);
        Assert.DoesNotContain(TestFiles.ExifMarker, text);
        Assert.DoesNotContain("Exif", text);
        using var decoded = SKBitmap.Decode(output.Content);
        Assert.Equal(200, decoded.Width);
        // Rotated 90° clockwise: the red left half of the original is now the top half.
        Assert.True(decoded.GetPixel(100, 50).Red > 200, "top should be red");
        Assert.True(decoded.GetPixel(100, 350).Blue > 200, "bottom should be blue");
    }

    [Theory]
    [InlineData(3, 400, 200)]
    [InlineData(8, 200, 400)]
    [InlineData(2, 400, 200)]
    public void EveryOrientationYieldsTheRightShape(ushort orientation, int width, int height)
    {
        var output = Pipeline().Process(TestFiles.JpegWithExif(400, 200, orientation), [Large])["large"];
        Assert.Equal((width, height), (output.Width, output.Height));
    }

    [Fact]
    public void LargePhotosAreScaledDownAndSmallOnesAreNotEnlarged()
    {
        var big = Pipeline().Process(TestFiles.Jpeg(3000, 1500), [Large])["large"];
        Assert.Equal((1600, 800), (big.Width, big.Height));
        var small = Pipeline().Process(TestFiles.Png(64, 32), [Large])["large"];
        Assert.Equal((64, 32), (small.Width, small.Height));
        Assert.Equal("image/jpeg", small.ContentType);
    }

    [Fact]
    public void BytesThatAreNotAnImageAreRefusedWhateverTheirName()
    {
        Assert.Equal(ImageProblem.NotAnImage, Pipeline().Process(TestFiles.Pdf(), [Large]).Problem);
        Assert.Equal(ImageProblem.NotAnImage, Pipeline().Process("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"u8.ToArray(), [Large]).Problem);
        Assert.Equal(ImageProblem.Damaged, Pipeline().Process([0xFF, 0xD8, 0xFF, 0x00], [Large]).Problem);
    }

    private sealed class CountingStream(long length) : Stream
    {
        public long BytesRead { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Fill(buffer, (byte)0xAB, offset, count);
            BytesRead += count;
            return count;
        }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
