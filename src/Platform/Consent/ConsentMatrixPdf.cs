using PdfSharp.Drawing;
using PdfSharp.Pdf;
using Schoolplein.Platform.LinkCodes;
using Schoolplein.Platform.Tenancy;

namespace Schoolplein.Platform.Consent;

/// <summary>
/// The printable consent list of a group for the teacher's photo day: landscape A4, one row per
/// child, one column per category. Every cell carries the word; a cell that is not "allowed" is
/// also bold on a grey background, so it stands out in black-and-white print too. Fonts: the embedded <see cref="PdfFonts"/>.
/// </summary>
public sealed class ConsentMatrixPdf(TenantContext tenant)
{
    public sealed record Line(string Name, IReadOnlyList<string> Words, IReadOnlyList<bool> Allowed);
    public sealed record Matrix(string Title, string Subtitle, string PupilHeader, IReadOnlyList<string> Categories, IReadOnlyList<Line> Lines, string Legend);

    private const string Font = "Liberation Sans";
    private const double Margin = 36;
    private const double RowHeight = 20;
    private const double NameWidth = 180;

    static ConsentMatrixPdf() => PdfFonts.Register();

    public byte[] Render(Matrix matrix)
    {
        using var document = new PdfDocument();
        document.Info.Title = matrix.Title;
        var title = new XFont(Font, 15, XFontStyleEx.Bold);
        var header = new XFont(Font, 9, XFontStyleEx.Bold);
        var body = new XFont(Font, 10, XFontStyleEx.Regular);
        var denied = new XFont(Font, 10, XFontStyleEx.Bold);
        var small = new XFont(Font, 8, XFontStyleEx.Regular);
        var shade = new XSolidBrush(XColor.FromArgb(225, 225, 225));

        PdfPage page = null!;
        XGraphics gfx = null!;
        double y = 0;
        double width = 0;
        double column = 0;
        void NewPage()
        {
            gfx?.Dispose();
            page = document.AddPage();
            page.Size = PdfSharp.PageSize.A4;
            page.Orientation = PdfSharp.PageOrientation.Landscape;
            gfx = XGraphics.FromPdfPage(page);
            width = page.Width.Point - 2 * Margin;
            column = matrix.Categories.Count == 0 ? 0 : (width - NameWidth) / matrix.Categories.Count;
            gfx.DrawString(tenant.Required.Name, small, XBrushes.Gray, new XRect(Margin, 16, width, 12), XStringFormats.TopLeft);
            y = Margin;
            gfx.DrawString(matrix.Title, title, XBrushes.Black, new XRect(Margin, y, width, 18), XStringFormats.TopLeft);
            y += 22;
            gfx.DrawString(matrix.Subtitle, body, XBrushes.Black, new XRect(Margin, y, width, 14), XStringFormats.TopLeft);
            y += 22;
            gfx.DrawString(matrix.PupilHeader, header, XBrushes.Black, new XRect(Margin + 2, y, NameWidth - 4, 14), XStringFormats.TopLeft);
            for (var i = 0; i < matrix.Categories.Count; i++)
            {
                gfx.DrawString(Fit(gfx, matrix.Categories[i], header, column - 4), header, XBrushes.Black,
                    new XRect(Margin + NameWidth + i * column + 2, y, column - 4, 14), XStringFormats.TopLeft);
            }
            y += 16;
            gfx.DrawLine(XPens.Black, Margin, y, Margin + width, y);
            y += 2;
        }

        NewPage();
        foreach (var line in matrix.Lines)
        {
            if (y + RowHeight > page.Height.Point - Margin - 16)
            {
                NewPage();
            }
            gfx.DrawString(Fit(gfx, line.Name, body, NameWidth - 4), body, XBrushes.Black, new XRect(Margin + 2, y + 4, NameWidth - 4, 14), XStringFormats.TopLeft);
            for (var i = 0; i < line.Words.Count; i++)
            {
                var x = Margin + NameWidth + i * column;
                if (!line.Allowed[i])
                {
                    gfx.DrawRectangle(shade, x + 1, y + 1, column - 2, RowHeight - 2);
                }
                gfx.DrawString(Fit(gfx, line.Words[i], line.Allowed[i] ? body : denied, column - 4), line.Allowed[i] ? body : denied, XBrushes.Black,
                    new XRect(x + 2, y + 4, column - 4, 14), XStringFormats.TopLeft);
            }
            y += RowHeight;
            gfx.DrawLine(XPens.LightGray, Margin, y, Margin + width, y);
        }
        gfx.DrawString(matrix.Legend, small, XBrushes.Black, new XRect(Margin, page.Height.Point - Margin, width, 12), XStringFormats.TopLeft);
        gfx.Dispose();
        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    private static string Fit(XGraphics gfx, string value, XFont font, double width)
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
