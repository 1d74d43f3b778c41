using System.IO.Compression;
using System.Text;
using SkiaSharp;

namespace Schoolplein.Testing;

/// <summary>Real files for upload tests: photos with EXIF (orientation, GPS), PDFs, office documents.</summary>
public static class TestFiles
{
    /// <summary>The text hidden in the EXIF description of <see cref="JpegWithExif"/>; must never survive processing.</summary>
    public const string ExifMarker = "GPS-52.0907N-5.1214E-secret";

    /// <summary>A JPEG of <paramref name="width"/>×<paramref name="height"/> in one colour, left half red so orientation is visible.</summary>
    public static byte[] Jpeg(int width = 400, int height = 200)
    {
        using var surface = SKSurface.Create(new SKImageInfo(width, height));
        surface.Canvas.Clear(SKColors.Blue);
        using var paint = new SKPaint { Color = SKColors.Red };
        surface.Canvas.DrawRect(new SKRect(0, 0, width / 2f, height), paint);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }

    public static byte[] Png(int width = 64, int height = 64)
    {
        using var surface = SKSurface.Create(new SKImageInfo(width, height));
        surface.Canvas.Clear(SKColors.Green);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>
    /// A JPEG with an EXIF block: orientation <paramref name="orientation"/> (6 = rotate 90° clockwise),
    /// an image description holding <see cref="ExifMarker"/> and a GPS IFD (latitude ref "N").
    /// </summary>
    public static byte[] JpegWithExif(int width = 400, int height = 200, ushort orientation = 6)
    {
        var jpeg = Jpeg(width, height);
        var description = Encoding.ASCII.GetBytes(ExifMarker + "\0");
        var tiff = new List<byte>();
        void U16(int v) { tiff.Add((byte)(v >> 8)); tiff.Add((byte)v); }
        void U32(int v) { U16(v >> 16); U16(v & 0xFFFF); }
        // TIFF header (big-endian), IFD0 at offset 8 with three entries.
        tiff.AddRange("MM"u8.ToArray());
        U16(42);
        U32(8);
        const int ifd0Size = 2 + 3 * 12 + 4;
        const int gpsOffset = 8 + ifd0Size;
        const int gpsSize = 2 + 12 + 4;
        const int descriptionOffset = gpsOffset + gpsSize;
        U16(3);
        U16(0x010E); U16(2); U32(description.Length); U32(descriptionOffset); // ImageDescription
        U16(0x0112); U16(3); U32(1); U16(orientation); U16(0); // Orientation
        U16(0x8825); U16(4); U32(1); U32(gpsOffset); // GPS IFD pointer
        U32(0);
        U16(1);
        U16(0x0001); U16(2); U32(2); tiff.Add((byte)'N'); tiff.Add(0); U16(0); // GPSLatitudeRef
        U32(0);
        tiff.AddRange(description);
        var payload = "Exif\0\0"u8.ToArray().Concat(tiff).ToArray();
        var length = payload.Length + 2;
        var segment = new byte[] { 0xFF, 0xE1, (byte)(length >> 8), (byte)length }.Concat(payload);
        return jpeg.Take(2).Concat(segment).Concat(jpeg.Skip(2)).ToArray();
    }

    /// <summary>A small but valid one-page PDF.</summary>
    public static byte[] Pdf(string text = "Schoolplein test")
    {
        var content = $"BT /F1 24 Tf 72 720 Td ({text}) Tj ET";
        var objects = new[]
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            $"<< /Length {content.Length} >>\nstream\n{content}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        };
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = pdf.Length;
        pdf.Append($"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append($"{offset:D10} 00000 n \n");
        }
        pdf.Append($"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }

    /// <summary>A minimal .docx (Office Open XML) package.</summary>
    public static byte[] Docx(bool withMacros = false)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string name, string text)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open(), Encoding.UTF8);
                writer.Write(text);
            }
            Add("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
            Add("word/document.xml", "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"/>");
            if (withMacros)
            {
                Add("word/vbaProject.bin", "macro");
            }
        }
        return buffer.ToArray();
    }
}
