using System.Text;
using Schoolplein.Platform.Images;
using Schoolplein.Testing;
using SkiaSharp;
using Xunit;

namespace Schoolplein.Platform.Tests.Timeline;

public sealed class ImageProcessorTests
{
    [Fact]
    public void ExifOrientationIsAppliedAndEveryMetadataBlockIsDropped()
    {
        var input = TestFiles.JpegWithExif(400, 200, orientation: 6);
        Assert.Contains(TestFiles.ExifMarker, Encoding.ASCII.GetString(input));

        var output = ImageProcessor.ToJpeg(input, 1600)!;

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
        var output = ImageProcessor.ToJpeg(TestFiles.JpegWithExif(400, 200, orientation), 1600)!;
        Assert.Equal((width, height), (output.Width, output.Height));
    }

    [Fact]
    public void LargePhotosAreScaledDownAndSmallOnesAreNotEnlarged()
    {
        var big = ImageProcessor.ToJpeg(TestFiles.Jpeg(3000, 1500), 1600)!;
        Assert.Equal((1600, 800), (big.Width, big.Height));
        var small = ImageProcessor.ToJpeg(TestFiles.Png(64, 32), 1600)!;
        Assert.Equal((64, 32), (small.Width, small.Height));
        Assert.Equal("image/jpeg", small.ContentType);
    }

    [Fact]
    public void BytesThatAreNotAnImageAreRefusedWhateverTheirName()
    {
        Assert.Null(ImageProcessor.ToJpeg(TestFiles.Pdf(), 1600));
        Assert.Null(ImageProcessor.ToJpeg("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"u8.ToArray(), 1600));
        Assert.False(ImageProcessor.IsImage([0xFF, 0xD8, 0xFF, 0x00]));
    }
}
