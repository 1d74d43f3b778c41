using Microsoft.Extensions.Options;
using Schoolplein.Platform.Images;
using Schoolplein.Platform.Schools;
using Schoolplein.Platform.Tenancy;
using Schoolplein.Testing;
using SkiaSharp;
using Xunit;

namespace Schoolplein.Platform.Tests.Schools;

public sealed class BrandContrastTests
{
    // Known pairs (WebAIM contrast checker, white text): the AA line runs between #767676 and #777777.
    [Theory]
    [InlineData("#767676", 4.54)]
    [InlineData("#777777", 4.48)]
    [InlineData("#000000", 21.0)]
    [InlineData("#FFFFFF", 1.0)]
    [InlineData("#0000FF", 8.59)]
    [InlineData("#FF0000", 4.0)]
    public void ContrastWithWhiteTextFollowsWcag(string color, double expected) =>
        Assert.Equal(expected, BrandColor.ContrastWithWhite(color), 2);

    [Theory]
    [InlineData("#767676", true)]
    [InlineData("#777777", false)]
    [InlineData("#0b6e5f", true)]
    [InlineData("#FFD400", false)]
    [InlineData("#FF0000", false)]
    [InlineData("red", false)]
    public void OnlyColoursThatWhiteTextReadsWellOnPass(string color, bool readable) =>
        Assert.Equal(readable, BrandColor.ReadableUnderWhiteText(color));

    [Fact]
    public void ARefusedColourSaysItsContrastRoundedDownAndTheMinimum()
    {
        var problem = BrandColor.Check("#777777");
        Assert.NotNull(problem);
        Assert.Equal("ColorContrast", problem.Key);
        // 4.48 must never read as "4,5:1" next to "minimaal 4,5:1".
        Assert.Equal([4.4m, 4.5m], problem.Args.Cast<decimal>().ToArray());
        Assert.Equal("ColorInvalid", BrandColor.Check("#77777")!.Key);
        Assert.Null(BrandColor.Check("#767676"));
    }

    [Fact]
    public void TheDefaultAndDemoColoursPass()
    {
        Assert.True(BrandColor.ReadableUnderWhiteText(BrandColor.Default));
        Assert.True(BrandColor.ReadableUnderWhiteText("#A63D12"));
    }
}

public sealed class SchoolLogoTests
{
    private static readonly ImagePipeline Images = new(Options.Create(new ImageOptions()));

    [Fact]
    public void ALogoIsReencodedAsPngWithoutItsMetadata()
    {
        var jpeg = TestImages.WithExif(TestImages.Photo(800, 600), orientation: 1, gps: true);
        var prepared = SchoolBranding.PrepareLogo(Images, jpeg);
        Assert.True(prepared.Succeeded);
        Assert.Equal("image/png", prepared.Value!.ContentType);
        using var bitmap = SKBitmap.Decode(prepared.Value.Content);
        Assert.Equal(512, bitmap.Width);
        Assert.True(jpeg.AsSpan().IndexOf("Exif"u8) >= 0);
        Assert.True(prepared.Value.Content.AsSpan().IndexOf("Exif"u8) < 0);
    }

    [Theory]
    [InlineData("pdf", "LogoType")]
    [InlineData("empty", "LogoSize")]
    [InlineData("huge", "LogoSize")]
    [InlineData("truncated", "LogoUnreadable")]
    public void BadLogosAreRefusedWithTheirReason(string kind, string key)
    {
        var png = TestImages.Quadrants(64, 64, SKEncodedImageFormat.Png);
        byte[] content = kind switch
        {
            "pdf" => "%PDF-1.7\n"u8.ToArray(),
            "empty" => [],
            "huge" => [.. png, .. new byte[SchoolBranding.MaxLogoBytes]],
            _ => png[..40],
        };
        var prepared = SchoolBranding.PrepareLogo(Images, content);
        Assert.Equal(key, Assert.Single(prepared.Problems).Key);
    }
}
