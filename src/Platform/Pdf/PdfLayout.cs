using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Schoolplein.Platform.Pdf;

/// <summary>The page setup and text fitting shared by every PDF of the platform (A4, embedded <see cref="PdfFonts"/>).</summary>
public static class PdfLayout
{
    /// <summary>A new document; the embedded fonts are registered first.</summary>
    public static PdfDocument NewDocument(string title)
    {
        PdfFonts.Register();
        var document = new PdfDocument();
        document.Info.Title = title;
        document.Info.Creator = "Schoolplein";
        return document;
    }

    public static XFont Font(double size, bool bold = false) =>
        new(PdfFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);

    public static PdfPage AddA4(this PdfDocument document, bool landscape = false)
    {
        var page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        if (landscape)
        {
            page.Orientation = PdfSharp.PageOrientation.Landscape;
        }
        return page;
    }

    public static byte[] ToBytes(this PdfDocument document)
    {
        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    /// <summary><paramref name="value"/>, cut off with "…" where it would not fit in <paramref name="width"/>.</summary>
    public static string Fit(this XGraphics gfx, string value, XFont font, double width)
    {
        if (gfx.MeasureString(value, font).Width <= width)
        {
            return value;
        }
        while (value.Length > 1 && gfx.MeasureString(value + "…", font).Width > width)
        {
            value = value[..^1];
        }
        return value + "…";
    }
}
