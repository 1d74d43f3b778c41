using System.Globalization;
using Microsoft.Extensions.Localization;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using Schoolplein.Platform.Pdf;
using Schoolplein.Platform.Tenancy;
using Schoolplein.Platform.Localization;

namespace Schoolplein.Platform.Conferences;

/// <summary>A teacher's conference day on A4 to print: one line per slot, then the children not booked yet. Layout: <see cref="PdfLayout"/>.</summary>
public sealed class ConferenceSchedulePdf(TenantContext tenant, IStringLocalizer<ConferenceText> text, TimeProvider time)
{
    private const double Margin = 50;
    private const double Line = 22;

    public byte[] Render(ConferenceSchedule schedule)
    {
        var school = tenant.Required;
        var zone = school.TimeZoneInfo;
        var culture = CultureInfo.CurrentCulture;
        using var document = PdfLayout.NewDocument(text["ScheduleTitle", schedule.Teacher]);
        var title = PdfLayout.Font(16, bold: true);
        var heading = PdfLayout.Font(12, bold: true);
        var body = PdfLayout.Font(11);
        var small = PdfLayout.Font(8);

        PdfPage page = null!;
        XGraphics gfx = null!;
        double y = 0;
        void NewPage()
        {
            gfx?.Dispose();
            page = document.AddA4();
            gfx = XGraphics.FromPdfPage(page);
            y = Margin;
            gfx.DrawString(school.Name, small, XBrushes.Gray, new XRect(Margin, 24, page.Width.Point - 2 * Margin, 12), XStringFormats.TopLeft);
        }
        void Ensure(double height)
        {
            if (y + height > page.Height.Point - Margin)
            {
                NewPage();
            }
        }
        string Time(DateTimeOffset t) => TimeZoneInfo.ConvertTime(t, zone).ToString("HH:mm", CultureInfo.InvariantCulture);

        NewPage();
        var width = page.Width.Point - 2 * Margin;
        gfx.DrawString(text["ScheduleTitle", schedule.Teacher], title, XBrushes.Black, new XRect(Margin, y, width, 20), XStringFormats.TopLeft);
        y += 26;
        gfx.DrawString($"{schedule.RoundTitle} · {DateText.DayWithYear(schedule.Date, culture)}", body, XBrushes.Black, new XRect(Margin, y, width, 16), XStringFormats.TopLeft);
        y += 18;
        if (schedule.Location is not null)
        {
            gfx.DrawString(schedule.Location, body, XBrushes.Black, new XRect(Margin, y, width, 16), XStringFormats.TopLeft);
            y += 18;
        }
        y += 10;
        gfx.DrawString(text["ColTime"], heading, XBrushes.Black, new XRect(Margin, y, 90, 16), XStringFormats.TopLeft);
        gfx.DrawString(text["ColChild"], heading, XBrushes.Black, new XRect(Margin + 100, y, 220, 16), XStringFormats.TopLeft);
        gfx.DrawString(text["ColBookedBy"], heading, XBrushes.Black, new XRect(Margin + 330, y, width - 330, 16), XStringFormats.TopLeft);
        y += Line;
        foreach (var row in schedule.Rows)
        {
            Ensure(Line);
            gfx.DrawLine(XPens.LightGray, Margin, y - 4, Margin + width, y - 4);
            var child = row.Child is null ? (row.Blocked ? text["Blocked"].Value : text["Free"].Value) : $"{row.Child} ({row.Group})";
            gfx.DrawString($"{Time(row.StartsAt)}–{Time(row.EndsAt)}", body, XBrushes.Black, new XRect(Margin, y, 90, 16), XStringFormats.TopLeft);
            gfx.DrawString(gfx.Fit(child, body, 220), body, row.Child is null ? XBrushes.Gray : XBrushes.Black, new XRect(Margin + 100, y, 220, 16), XStringFormats.TopLeft);
            gfx.DrawString(gfx.Fit(row.BookedBy ?? "", body, width - 330), body, XBrushes.Black, new XRect(Margin + 330, y, width - 330, 16), XStringFormats.TopLeft);
            y += Line;
        }
        y += 12;
        Ensure(40);
        gfx.DrawString($"{text["PdfUnbooked"]} ({schedule.Unbooked.Count})", heading, XBrushes.Black, new XRect(Margin, y, width, 16), XStringFormats.TopLeft);
        y += Line;
        foreach (var name in schedule.Unbooked)
        {
            Ensure(18);
            gfx.DrawString(gfx.Fit(name, body, width), body, XBrushes.Black, new XRect(Margin, y, width, 16), XStringFormats.TopLeft);
            y += 18;
        }
        var printed = DateText.ShortWithTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime, culture);
        gfx.DrawString(text["PdfPrinted", printed], small, XBrushes.Gray, new XRect(Margin, page.Height.Point - 30, width, 12), XStringFormats.TopLeft);
        gfx.Dispose();
        return document.ToBytes();
    }
}
