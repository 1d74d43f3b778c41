using Schoolplein.Platform.Blobs;
using Schoolplein.Platform.Schools;
using Schoolplein.Platform.Tenancy;
using Schoolplein.Testing;
using SkiaSharp;
using Xunit;

namespace Schoolplein.Platform.Tests.Blobs;

public sealed class FileSnifferTests
{
    [Fact]
    public void TheKindIsTakenFromTheBytesNotFromAName()
    {
        Assert.Equal(FileKind.Jpeg, FileSniffer.Sniff(TestImages.Quadrants(8, 8)));
        Assert.Equal(FileKind.Png, FileSniffer.Sniff(TestImages.Quadrants(8, 8, SKEncodedImageFormat.Png)));
        Assert.Equal(FileKind.WebP, FileSniffer.Sniff(TestImages.Quadrants(8, 8, SKEncodedImageFormat.Webp)));
        Assert.Equal(FileKind.Heic, FileSniffer.Sniff(TestImages.Heic()));
        Assert.Equal(FileKind.Gif, FileSniffer.Sniff("GIF89a\x01\x00\x01\x00"u8));
        Assert.Equal(FileKind.Pdf, FileSniffer.Sniff("%PDF-1.7\n"u8));
        Assert.Equal(FileKind.Zip, FileSniffer.Sniff([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00]));
        Assert.Equal(FileKind.OleCompound, FileSniffer.Sniff([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0x00]));
        Assert.Equal(FileKind.Unknown, FileSniffer.Sniff("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"u8));
        Assert.Equal(FileKind.Unknown, FileSniffer.Sniff([]));
        Assert.Equal(FileKind.Unknown, FileSniffer.Sniff([0xFF, 0xD8]));
    }

    [Fact]
    public void EachFeatureAcceptsItsOwnKindsFromTheOneSniffer()
    {
        var jpeg = TestImages.Quadrants(8, 8);
        var webp = TestImages.Quadrants(8, 8, SKEncodedImageFormat.Webp);
        var pdf = "%PDF-1.7\n"u8.ToArray();

        // Proof files (leave, questions, calendar attachments): PDF, PNG, JPEG.
        Assert.Equal("image/jpeg", Uploads.SniffDocumentOrPhoto(jpeg));
        Assert.Equal("application/pdf", Uploads.SniffDocumentOrPhoto(pdf));
        Assert.Null(Uploads.SniffDocumentOrPhoto(webp));

        // School logos: PNG, JPEG, WebP; never a PDF.
        Assert.Equal("image/webp", SchoolBranding.LogoType(webp));
        Assert.Equal("image/jpeg", SchoolBranding.LogoType(jpeg));
        Assert.Null(SchoolBranding.LogoType(pdf));
    }
}
