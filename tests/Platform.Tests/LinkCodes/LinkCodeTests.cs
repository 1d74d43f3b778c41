using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Schoolplein.Platform.LinkCodes;
using Xunit;

namespace Schoolplein.Platform.Tests.LinkCodes;

public sealed class LinkCodeTests
{
    [Fact]
    public void GeneratedCodesUseOnlyUnambiguousCharactersAndDiffer()
    {
        var codes = Enumerable.Range(0, 2000).Select(_ => LinkCodeFormat.Generate()).ToList();
        Assert.All(codes, c => Assert.Matches("^[2-9A-HJKMNP-Z]{10}$", c));
        Assert.DoesNotContain(codes, c => c.IndexOfAny(['0', 'O', '1', 'I', 'L']) >= 0);
        Assert.Equal(codes.Count, codes.Distinct().Count());
    }

    [Theory]
    [InlineData("abcde-fghjk", "ABCDEFGHJK")]
    [InlineData(" ABCDE FGHJK ", "ABCDEFGHJK")]
    [InlineData("ABCDEFGHJK", "ABCDEFGHJK")]
    [InlineData("abcde\u2013fghjk", "ABCDEFGHJK")]
    [InlineData("ABCDE-FGHJ", null)]
    [InlineData("ABCDE-FGHJKM", null)]
    [InlineData("ABCDE-FGHJ0", null)]
    [InlineData("ABCDE-FGHJI", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void InputIsAcceptedInAnyCaseWithOrWithoutDashOrSpaces(string? input, string? expected) =>
        Assert.Equal(expected, LinkCodeFormat.Normalize(input));

    [Fact]
    public void CodesAreShownInTwoGroupsOfFive() => Assert.Equal("ABCDE-FGHJK", LinkCodeFormat.Display("ABCDEFGHJK"));

    [Fact]
    public void DemoCodesAreStablePerSeed()
    {
        Assert.Equal(LinkCodeFormat.FromSeed("regenboog/R1001"), LinkCodeFormat.FromSeed("regenboog/R1001"));
        Assert.NotEqual(LinkCodeFormat.FromSeed("regenboog/R1001"), LinkCodeFormat.FromSeed("regenboog/R1002"));
        Assert.NotNull(LinkCodeFormat.Normalize(LinkCodeFormat.FromSeed("x")));
    }

    [Fact]
    public void ALetterPdfHasOnePagePerChildWithTheCodeAndTheJoinLink()
    {
        var text = new StringLocalizer<LinkCodeText>(new ResourceManagerStringLocalizerFactory(
            Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance));
        var letters = new LinkCodeLetters(text);
        var school = new LetterSchool("Kindcentrum De Regenboog", "#0B6E5F", null,
            new Uri("http://regenboog.localhost:5000/"), new Uri("http://regenboog.localhost:5000/Account/Join"), TimeZoneInfo.Utc);
        var codes = new[] { "ABCDEFGHJK", "MNPQRSTUVW", "23456789AB" };
        var pdf = letters.Render(school, codes.Select((c, i) => new LinkCodeLetter($"Kind {i}", "Groep 3", c, new DateTimeOffset(2027, 1, 6, 12, 0, 0, TimeSpan.Zero))).ToList());

        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4));
        using var document = PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Import);
        Assert.Equal(3, document.PageCount);
        for (var i = 0; i < codes.Length; i++)
        {
            var uris = document.Pages[i].Annotations.OfType<PdfSharp.Pdf.Annotations.PdfAnnotation>()
                .Select(a => a.Elements.GetDictionary("/A")?.Elements.GetString("/URI"))
                .ToList();
            Assert.Contains($"http://regenboog.localhost:5000/Account/Join?code={LinkCodeFormat.Display(codes[i])}", uris);
        }
    }
}
