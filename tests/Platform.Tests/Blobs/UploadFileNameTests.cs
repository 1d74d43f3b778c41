using Schoolplein.Platform.Blobs;
using Xunit;

namespace Schoolplein.Platform.Tests.Blobs;

/// <summary>The one cleaner every upload's file name goes through.</summary>
public sealed class UploadFileNameTests
{
    [Theory]
    [InlineData("rapport\u202Efdp.exe", "rapportfdp.exe")]
    [InlineData("\u202Dfoto\u202C.jpg", "foto.jpg")]
    [InlineData("brief\u2066gpj\u2069.pdf", "briefgpj.pdf")]
    [InlineData("a\u200Eb\u200Fc\u061C.pdf", "abc.pdf")]
    [InlineData("x\u202A\u202B.png", "x.png")]
    [InlineData("\u202E", "bestand")]
    public void BidirectionalControlsAreStrippedFromFileNames(string name, string expected) =>
        Assert.Equal(expected, Uploads.CleanFileName(name));

    [Fact]
    public void OrdinaryNamesInOtherScriptsAreKept() =>
        Assert.Equal("صورة المدرسة.jpg", Uploads.CleanFileName("صورة المدرسة.jpg"));
}
