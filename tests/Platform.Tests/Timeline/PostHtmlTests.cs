using Schoolplein.Platform.Blobs;
using Schoolplein.Platform.Timeline;
using Xunit;

namespace Schoolplein.Platform.Tests.Timeline;

public sealed class PostHtmlTests
{
    [Theory]
    [InlineData("<script>alert(1)</script><p>Hallo</p>", "<script")]
    [InlineData("<img src=x onerror=alert(1)>Hallo", "onerror")]
    [InlineData("<a href=\"javascript:alert(1)\">klik</a>", "javascript:")]
    [InlineData("<a href=\"JaVaScRiPt:alert(1)\">klik</a>", "alert(1)")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>Hallo", "<iframe")]
    [InlineData("<svg onload=alert(1)><circle/></svg>Hallo", "<svg")]
    [InlineData("<p style=\"background:url(javascript:alert(1))\">Hallo</p>", "style")]
    [InlineData("<p onclick=\"alert(1)\">Hallo</p>", "onclick")]
    [InlineData("<form action=\"https://evil.example\"><input name=x></form>Hallo", "<form")]
    [InlineData("<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>Hallo", "javascript")]
    [InlineData("<object data=\"x.swf\"></object>Hallo", "<object")]
    [InlineData("<p>Hallo<style>body{display:none}</style></p>", "<style")]
    [InlineData("<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>", "data:")]
    public void DangerousMarkupIsRemovedOnWrite(string input, string forbidden)
    {
        var html = PostHtml.Sanitize(input);
        Assert.DoesNotContain(forbidden, html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void TheAllowedFormattingSurvives()
    {
        var html = PostHtml.Sanitize("<h2>Kop</h2><p><strong>vet</strong> en <em>schuin</em></p><ul><li>een</li></ul><a href=\"https://school.example/x\">link</a>");
        Assert.Contains("<h2>Kop</h2>", html);
        Assert.Contains("<strong>vet</strong>", html);
        Assert.Contains("<em>schuin</em>", html);
        Assert.Contains("<li>een</li>", html);
        Assert.Contains("href=\"https://school.example/x\"", html);
        Assert.Contains("rel=\"noopener noreferrer nofollow\"", html);
    }

    [Fact]
    public void PlainTextBecomesParagraphsAndIsEncoded()
    {
        var html = PostHtml.Sanitize("Beste ouders,\n\nMorgen 5 < 6 & zo.\nTot dan");
        Assert.Equal("<p>Beste ouders,</p><p>Morgen 5 &lt; 6 &amp; zo.<br>Tot dan</p>", html);
    }

    [Fact]
    public void TextOfHtmlKeepsBlocksOnTheirOwnLines()
    {
        var text = PostHtml.ToText("<p>Een</p><ul><li>twee</li><li>drie</li></ul><p>vier<br>vijf</p>");
        Assert.Equal("Een\n- twee\n- drie\nvier\nvijf", text);
    }

    [Fact]
    public void ExcerptCutsAtAWord()
    {
        Assert.Equal("Een twee…", PostHtml.Excerpt("Een twee drie vier", 12));
        Assert.Equal("kort", PostHtml.Excerpt("  kort \n", 12));
    }
}

public sealed class AttachmentRulesTests
{
    [Fact]
    public void APdfIsRecognisedByItsBytes() =>
        Assert.Equal("application/pdf", AttachmentRules.ContentTypeOf(new UploadedFile("brief.pdf", Schoolplein.Testing.TestFiles.Pdf())));

    [Fact]
    public void AWordDocumentIsRecognisedByItsPackage() =>
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            AttachmentRules.ContentTypeOf(new UploadedFile("brief.docx", Schoolplein.Testing.TestFiles.Docx())));

    [Theory]
    [InlineData("virus.pdf")]
    [InlineData("brief.docx")]
    [InlineData("brief.exe")]
    [InlineData("brief")]
    public void AFileWhoseBytesDoNotMatchItsExtensionIsRefused(string name) =>
        Assert.Null(AttachmentRules.ContentTypeOf(new UploadedFile(name, "MZ\u0090 this is an executable"u8.ToArray())));

    [Fact]
    public void APdfRenamedToWordIsRefused() =>
        Assert.Null(AttachmentRules.ContentTypeOf(new UploadedFile("brief.docx", Schoolplein.Testing.TestFiles.Pdf())));

    [Fact]
    public void AMacroEnabledPackageIsRefused() =>
        Assert.Null(AttachmentRules.ContentTypeOf(new UploadedFile("brief.docx", Schoolplein.Testing.TestFiles.Docx(withMacros: true))));

    [Theory]
    [InlineData("../../etc/passwd.pdf", "passwd.pdf")]
    [InlineData("C:\\Users\\juf\\brief \"nieuw\".pdf", "brief nieuw.pdf")]
    [InlineData("...", "bestand")]
    public void FileNamesLoseTheirPathAndDangerousCharacters(string input, string expected) =>
        Assert.Equal(expected, Uploads.CleanFileName(input));
}

public sealed class TimelineCursorTests
{
    [Fact]
    public void ACursorRoundTrips()
    {
        var cursor = new TimelineCursor(true, new DateTimeOffset(2026, 11, 28, 14, 5, 3, TimeSpan.Zero).AddTicks(1230), Guid.CreateVersion7());
        Assert.Equal(cursor, TimelineCursor.Parse(cursor.ToString()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2-1-abc")]
    [InlineData("1-x-0191f0000000700080000000000000001")]
    [InlineData("1-99999999999999999999-0191f000000070008000000000000001")]
    public void AForgedCursorIsIgnored(string? value) => Assert.Null(TimelineCursor.Parse(value));
}
