using System.Globalization;
using Microsoft.Extensions.Localization;
using PdfSharp.Drawing;
using PdfSharp.Drawing.Layout;
using PdfSharp.Pdf;
using QRCoder;
using Schoolplein.Platform.Pdf;
using Schoolplein.Platform.Tenancy;
using Schoolplein.Platform.Localization;

namespace Schoolplein.Platform.LinkCodes;

/// <summary>One child's letter: who, which group, which code, and where to enter it.</summary>
public sealed record LinkCodeLetter(string ChildName, string? GroupName, string Code, DateTimeOffset ExpiresAt);

/// <summary>The school on the letter head.</summary>
public sealed record LetterSchool(string Name, string PrimaryColor, byte[]? Logo, Uri Address, Uri JoinPage, TimeZoneInfo TimeZone);

/// <summary>
/// Koppelcode letters as PDF, one A4 page per child: the school's logo and colour, the
/// child's name and group, the code, the school's address, a QR code to the join page
/// with the code filled in, and the joining steps. Always in Dutch, the school's language.
/// </summary>
public sealed class LinkCodeLetters(IStringLocalizer<LinkCodeText> text)
{
    private static readonly CultureInfo Dutch = new("nl-NL");

    public byte[] Render(LetterSchool school, IReadOnlyList<LinkCodeLetter> letters)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = Dutch;
        try
        {
            using var document = PdfLayout.NewDocument(text["LetterTitle", school.Name]);
            foreach (var letter in letters)
            {
                RenderPage(document.AddA4(), school, letter);
            }
            return document.ToBytes();
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    private void RenderPage(PdfPage page, LetterSchool school, LinkCodeLetter letter)
    {
        using var gfx = XGraphics.FromPdfPage(page);
        var width = page.Width.Point;
        var height = page.Height.Point;
        const double margin = 50;
        var brand = ParseColor(school.PrimaryColor);
        var onBrand = BrandColor.TextOn(school.PrimaryColor) == "#000000" ? XColors.Black : XColors.White;
        var title = PdfLayout.Font(20, bold: true);
        var heading = PdfLayout.Font(14, bold: true);
        var body = PdfLayout.Font(11);
        var codeFont = PdfLayout.Font(30, bold: true);
        var formatter = new XTextFormatter(gfx);

        // Header band in the school's colour with the logo and name.
        gfx.DrawRectangle(new XSolidBrush(brand), 0, 0, width, 90);
        var nameX = margin;
        if (school.Logo is { Length: > 0 } && TryImage(school.Logo) is { } logo)
        {
            using (logo)
            {
                var size = 60.0;
                var ratio = logo.PixelWidth / (double)Math.Max(1, logo.PixelHeight);
                var w = ratio >= 1 ? size : size * ratio;
                var h = ratio >= 1 ? size / ratio : size;
                gfx.DrawRectangle(XBrushes.White, margin - 4, 15 - 4, size + 8, size + 8);
                gfx.DrawImage(logo, margin + ((size - w) / 2), 15 + ((size - h) / 2), w, h);
                nameX = margin + size + 20;
            }
        }
        gfx.DrawString(school.Name, title, new XSolidBrush(onBrand), new XRect(nameX, 0, width - nameX - margin, 90), XStringFormats.CenterLeft);

        var y = 120.0;
        gfx.DrawString(text["LetterHeading", letter.ChildName], heading, XBrushes.Black, new XRect(margin, y, width - (2 * margin), 20), XStringFormats.TopLeft);
        y += 24;
        if (letter.GroupName is not null)
        {
            gfx.DrawString(text["LetterGroup", letter.GroupName], body, XBrushes.Black, new XRect(margin, y, width - (2 * margin), 16), XStringFormats.TopLeft);
            y += 20;
        }
        y += 6;
        formatter.DrawString(text["LetterIntro", school.Name, letter.ChildName], body, XBrushes.Black, new XRect(margin, y, width - (2 * margin), 50), XStringFormats.TopLeft);
        y += 56;

        // The code, large, in a box; the QR code beside it.
        const double qrSize = 130;
        var boxWidth = width - (2 * margin) - qrSize - 20;
        gfx.DrawRectangle(new XPen(brand, 2), new XSolidBrush(XColor.FromArgb(0xF6, 0xF7, 0xF9)), margin, y, boxWidth, qrSize);
        gfx.DrawString(text["LetterCodeLabel"], body, XBrushes.Black, new XRect(margin + 16, y + 14, boxWidth - 32, 16), XStringFormats.TopLeft);
        var display = LinkCodeFormat.Display(letter.Code);
        gfx.DrawString(display, codeFont, XBrushes.Black, new XRect(margin + 16, y + 36, boxWidth - 32, 40), XStringFormats.TopLeft);
        var expires = DateText.DayWithYear(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(letter.ExpiresAt, school.TimeZone).DateTime), Dutch);
        gfx.DrawString(text["LetterExpires", expires], body, XBrushes.Black, new XRect(margin + 16, y + 90, boxWidth - 32, 16), XStringFormats.TopLeft);

        var joinUrl = JoinUrl(school.JoinPage, letter.Code);
        var qrX = width - margin - qrSize;
        DrawQr(gfx, joinUrl, qrX, y, qrSize);
        page.AddWebLink(PdfRect(page, qrX, y, qrSize, qrSize), joinUrl);
        y += qrSize + 30;

        gfx.DrawString(text["LetterStepsHeading"], heading, XBrushes.Black, new XRect(margin, y, width - (2 * margin), 20), XStringFormats.TopLeft);
        y += 26;
        string[] steps =
        [
            text["LetterStep1", school.Address.Host],
            text["LetterStep2", display],
            text["LetterStep3"],
            text["LetterStep4"],
            text["LetterStep5"],
        ];
        for (var i = 0; i < steps.Length; i++)
        {
            gfx.DrawString($"{i + 1}.", body, XBrushes.Black, new XRect(margin, y, 20, 16), XStringFormats.TopLeft);
            formatter.DrawString(steps[i], body, XBrushes.Black, new XRect(margin + 22, y, width - (2 * margin) - 22, 32), XStringFormats.TopLeft);
            y += 34;
        }
        y += 6;
        var addressText = text["LetterAddress", school.Address.ToString().TrimEnd('/')];
        gfx.DrawString(addressText, body, new XSolidBrush(brand), new XRect(margin, y, width - (2 * margin), 16), XStringFormats.TopLeft);
        page.AddWebLink(PdfRect(page, margin, y, width - (2 * margin), 16), school.Address.ToString());
        y += 28;
        formatter.DrawString(text["LetterPrivacy"], body, XBrushes.Black, new XRect(margin, y, width - (2 * margin), 60), XStringFormats.TopLeft);

        gfx.DrawString(text["LetterFooter", school.Name], PdfLayout.Font(9), XBrushes.Gray,
            new XRect(margin, height - 50, width - (2 * margin), 14), XStringFormats.TopLeft);
    }

    public static string JoinUrl(Uri joinPage, string code) =>
        $"{joinPage.GetLeftPart(UriPartial.Path)}?code={LinkCodeFormat.Display(code)}";

    private static PdfSharp.Pdf.PdfRectangle PdfRect(PdfPage page, double x, double y, double w, double h) =>
        // PDF user space starts bottom-left; XGraphics top-left.
        new(new XRect(x, page.Height.Point - y - h, w, h));

    /// <summary>The QR code as vector squares: sharp at any print size, no image decoder needed.</summary>
    private static void DrawQr(XGraphics gfx, string url, double x, double y, double size)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        var modules = data.ModuleMatrix;
        var count = modules.Count;
        var cell = size / count;
        gfx.DrawRectangle(XBrushes.White, x, y, size, size);
        for (var row = 0; row < count; row++)
        {
            for (var col = 0; col < count; col++)
            {
                if (modules[row][col])
                {
                    // A hair wider than the cell so neighbouring squares leave no seams.
                    gfx.DrawRectangle(XBrushes.Black, x + (col * cell), y + (row * cell), cell + 0.05, cell + 0.05);
                }
            }
        }
    }

    /// <summary>The logo re-encoded as JPEG on white (PDFsharp reads JPEG reliably; logos come as PNG, WebP, JPEG).</summary>
    private static XImage? TryImage(byte[] bytes)
    {
        try
        {
            using var bitmap = SkiaSharp.SKBitmap.Decode(bytes);
            if (bitmap is null)
            {
                return null;
            }
            using var surface = SkiaSharp.SKSurface.Create(new SkiaSharp.SKImageInfo(bitmap.Width, bitmap.Height));
            surface.Canvas.Clear(SkiaSharp.SKColors.White);
            using (var source = SkiaSharp.SKImage.FromBitmap(bitmap))
            {
                surface.Canvas.DrawImage(source, 0, 0, new SkiaSharp.SKSamplingOptions(SkiaSharp.SKFilterMode.Linear));
            }
            using var image = surface.Snapshot();
            using var jpeg = image.Encode(SkiaSharp.SKEncodedImageFormat.Jpeg, 90);
            return XImage.FromStream(new MemoryStream(jpeg.ToArray()));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A logo that cannot be read: the letter goes out without it.
            return null;
        }
    }

    private static XColor ParseColor(string color)
    {
        if (!BrandColor.IsValid(color))
        {
            color = BrandColor.Default;
        }
        return XColor.FromArgb(Convert.ToInt32(color[1..3], 16), Convert.ToInt32(color[3..5], 16), Convert.ToInt32(color[5..7], 16));
    }
}

/// <summary>Resource anchor for koppelcode letter texts.</summary>
public sealed class LinkCodeText;
