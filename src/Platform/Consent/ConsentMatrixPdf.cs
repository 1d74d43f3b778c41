using PdfSharp.Drawing;
using PdfSharp.Pdf;
using Schoolplein.Platform.Pdf;
using Schoolplein.Platform.Tenancy;

namespace Schoolplein.Platform.Consent;

/// <summary>
/// The printable consent list of a group for the teacher's photo day: landscape A4, one row per
/// child, one column per category. Every cell carries the word; a cell that is not "allowed" is
/// also bold on a grey background, so it stands out in black-and-white print too. Layout: <see cref="PdfLayout"/>.
/// </summary>
public sealed class ConsentMatrixPdf(TenantContext tenant)
{
    public sealed record Line(string Name, IReadOnlyList<string> Words, IReadOnlyList<bool> Allowed);
    public sealed record Matrix(string Title, string Subtitle, string PupilHeader, IReadOnlyList<string> Categories, IReadOnlyList<Line> Lines, string Legend);

    private const double Margin = 36;
    private const double RowHeight = 20;
    private const double NameWidth = 180;

    public byte[] Render(Matrix matrix)
    {
        using var document = PdfLayout.NewDocument(matrix.Title);
        var title = PdfLayout.Font(15, bold: true);
        var header = PdfLayout.Font(9, bold: true);
        var body = PdfLayout.Font(10);
        var denied = PdfLayout.Font(10, bold: true);
        var small = PdfLayout.Font(8);
        var shade = new XSolidBrush(XColor.FromArgb(225, 225, 225));

        PdfPage page = null!;
        XGraphics gfx = null!;
        double y = 0;
        double width = 0;
        double column = 0;
        void NewPage()
        {
            gfx?.Dispose();
            page = document.AddA4(landscape: true);
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
                gfx.DrawString(gfx.Fit(matrix.Categories[i], header, column - 4), header, XBrushes.Black,
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
            gfx.DrawString(gfx.Fit(line.Name, body, NameWidth - 4), body, XBrushes.Black, new XRect(Margin + 2, y + 4, NameWidth - 4, 14), XStringFormats.TopLeft);
            for (var i = 0; i < line.Words.Count; i++)
            {
                var x = Margin + NameWidth + i * column;
                if (!line.Allowed[i])
                {
                    gfx.DrawRectangle(shade, x + 1, y + 1, column - 2, RowHeight - 2);
                }
                gfx.DrawString(gfx.Fit(line.Words[i], line.Allowed[i] ? body : denied, column - 4), line.Allowed[i] ? body : denied, XBrushes.Black,
                    new XRect(x + 2, y + 4, column - 4, 14), XStringFormats.TopLeft);
            }
            y += RowHeight;
            gfx.DrawLine(XPens.LightGray, Margin, y, Margin + width, y);
        }
        gfx.DrawString(matrix.Legend, small, XBrushes.Black, new XRect(Margin, page.Height.Point - Margin, width, 12), XStringFormats.TopLeft);
        gfx.Dispose();
        return document.ToBytes();
    }
}
