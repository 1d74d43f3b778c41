using System.Buffers.Binary;
using SkiaSharp;

namespace Schoolplein.Testing;

/// <summary>
/// Pictures made in the test: a JPEG with four coloured quadrants, optionally with a
/// hand-built EXIF APP1 segment (orientation, camera make, GPS position), so tests can see
/// that orientation is applied and that the metadata is gone.
/// </summary>
public static class TestImages
{
    public static readonly SKColor Red = new(220, 20, 20);
    public static readonly SKColor Green = new(20, 200, 20);
    public static readonly SKColor Blue = new(20, 20, 220);
    public static readonly SKColor Yellow = new(230, 220, 20);

    public const string CameraMake = "SchoolpleinTestCam";

    /// <summary>52° 5' 12.34" N, 5° 7' 56.78" E (Utrecht) as EXIF rationals; the numerators are easy to search for.</summary>
    public static readonly (uint Num, uint Den)[] Latitude = [(52, 1), (5, 1), (1234, 100)];
    public static readonly (uint Num, uint Den)[] Longitude = [(5, 1), (7, 1), (5678, 100)];

    /// <summary>Top-left red, top-right green, bottom-left blue, bottom-right yellow.</summary>
    public static byte[] Quadrants(int width, int height, SKEncodedImageFormat format = SKEncodedImageFormat.Jpeg, int quality = 95)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            using var paint = new SKPaint();
            void Fill(SKColor color, float l, float t, float r, float b)
            {
                paint.Color = color;
                canvas.DrawRect(new SKRect(l, t, r, b), paint);
            }
            Fill(Red, 0, 0, width / 2f, height / 2f);
            Fill(Green, width / 2f, 0, width, height / 2f);
            Fill(Blue, 0, height / 2f, width / 2f, height);
            Fill(Yellow, width / 2f, height / 2f, width, height);
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, quality);
        return data.ToArray();
    }

    /// <summary>A noisy photo-like JPEG (compresses like a real photo), for size and speed checks.</summary>
    public static byte[] Photo(int width, int height, int quality = 90)
    {
        using var bitmap = new SKBitmap(width, height);
        var random = new Random(42);
        var pixels = new byte[width * height * 4];
        for (var i = 0; i < pixels.Length; i += 4)
        {
            var x = i / 4 % width;
            var y = i / 4 / width;
            pixels[i] = (byte)((x * 255 / width + random.Next(40)) & 0xFF);
            pixels[i + 1] = (byte)((y * 255 / height + random.Next(40)) & 0xFF);
            pixels[i + 2] = (byte)random.Next(256);
            pixels[i + 3] = 255;
        }
        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, quality);
        return data.ToArray();
    }

    /// <summary>Inserts an EXIF APP1 segment right after the JPEG's SOI marker.</summary>
    public static byte[] WithExif(byte[] jpeg, ushort orientation, bool gps = true)
    {
        if (jpeg[0] != 0xFF || jpeg[1] != 0xD8)
        {
            throw new ArgumentException("Not a JPEG", nameof(jpeg));
        }
        var tiff = Tiff(orientation, gps);
        var app1 = new List<byte> { 0xFF, 0xE1 };
        var length = 2 + 6 + tiff.Length;
        app1.Add((byte)(length >> 8));
        app1.Add((byte)length);
        app1.AddRange("Exif\0\0"u8.ToArray());
        app1.AddRange(tiff);
        return [.. jpeg[..2], .. app1, .. jpeg[2..]];
    }

    /// <summary>Big-endian TIFF structure: IFD0 (Make, Orientation, GPS pointer) and a GPS IFD with latitude and longitude.</summary>
    private static byte[] Tiff(ushort orientation, bool gps)
    {
        var make = System.Text.Encoding.ASCII.GetBytes(CameraMake + "\0");
        var ifd0Entries = gps ? 3 : 2;
        const int ifd0 = 8;
        var ifd0Size = 2 + ifd0Entries * 12 + 4;
        var makeOffset = ifd0 + ifd0Size;
        var gpsIfd = makeOffset + make.Length + (make.Length % 2);
        const int gpsEntries = 4;
        var gpsIfdSize = 2 + gpsEntries * 12 + 4;
        var latOffset = gpsIfd + gpsIfdSize;
        var lonOffset = latOffset + 24;
        var total = gps ? lonOffset + 24 : gpsIfd;
        var b = new byte[total];
        "MM"u8.CopyTo(b);
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(2), 42);
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(4), ifd0);

        var p = ifd0;
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(p), (ushort)ifd0Entries);
        p += 2;
        p = Entry(b, p, 0x010F, 2, (uint)make.Length, (uint)makeOffset); // Make, ASCII
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(p), 0x0112); // Orientation, SHORT, value left-aligned
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(p + 2), 3);
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(p + 4), 1);
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(p + 8), orientation);
        p += 12;
        if (gps)
        {
            p = Entry(b, p, 0x8825, 4, 1, (uint)gpsIfd); // GPSInfo IFD pointer, LONG
        }
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(p), 0); // no next IFD
        make.CopyTo(b, makeOffset);
        if (!gps)
        {
            return b;
        }

        p = gpsIfd;
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(p), gpsEntries);
        p += 2;
        p = Entry(b, p, 0x0001, 2, 2, 0x4E000000); // GPSLatitudeRef "N\0"
        p = Entry(b, p, 0x0002, 5, 3, (uint)latOffset); // GPSLatitude, RATIONAL ×3
        p = Entry(b, p, 0x0003, 2, 2, 0x45000000); // GPSLongitudeRef "E\0"
        p = Entry(b, p, 0x0004, 5, 3, (uint)lonOffset); // GPSLongitude
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(p), 0);
        WriteRationals(b, latOffset, Latitude);
        WriteRationals(b, lonOffset, Longitude);
        return b;
    }

    private static int Entry(byte[] b, int p, ushort tag, ushort type, uint count, uint value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(p), tag);
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(p + 2), type);
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(p + 4), count);
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(p + 8), value);
        return p + 12;
    }

    private static void WriteRationals(byte[] b, int offset, (uint Num, uint Den)[] values)
    {
        foreach (var (num, den) in values)
        {
            BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(offset), num);
            BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(offset + 4), den);
            offset += 8;
        }
    }

    /// <summary>The JPEG's marker segments before the image data (e.g. 0xE0 APP0, 0xE1 APP1/EXIF, 0xDB, 0xC0).</summary>
    public static IReadOnlyList<byte> JpegMarkers(byte[] jpeg)
    {
        var markers = new List<byte>();
        var p = 2;
        while (p + 4 <= jpeg.Length && jpeg[p] == 0xFF)
        {
            var marker = jpeg[p + 1];
            markers.Add(marker);
            if (marker == 0xDA)
            {
                break; // start of scan: image data follows
            }
            p += 2 + ((jpeg[p + 2] << 8) | jpeg[p + 3]);
        }
        return markers;
    }

    /// <summary>True when the bytes contain the sequence anywhere.</summary>
    public static bool Contains(byte[] haystack, ReadOnlySpan<byte> needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    /// <summary>The big-endian bytes of the latitude rational "1234/100", as they sit in the EXIF segment.</summary>
    public static byte[] LatitudeSecondsBytes()
    {
        var b = new byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(b, Latitude[2].Num);
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(4), Latitude[2].Den);
        return b;
    }

    /// <summary>The nearest of the four test colours at a point of a decoded image.</summary>
    public static string ColorAt(SKBitmap bitmap, double fx, double fy)
    {
        var c = bitmap.GetPixel((int)(bitmap.Width * fx), (int)(bitmap.Height * fy));
        (string Name, SKColor Color)[] palette = [("red", Red), ("green", Green), ("blue", Blue), ("yellow", Yellow)];
        return palette.MinBy(p => Math.Pow(p.Color.Red - c.Red, 2) + Math.Pow(p.Color.Green - c.Green, 2) + Math.Pow(p.Color.Blue - c.Blue, 2)).Name;
    }

    /// <summary>Colours at the centres of the four quadrants: top-left, top-right, bottom-left, bottom-right.</summary>
    public static string[] QuadrantColors(byte[] encoded)
    {
        using var bitmap = SKBitmap.Decode(encoded) ?? throw new InvalidOperationException("not decodable");
        return [ColorAt(bitmap, .25, .25), ColorAt(bitmap, .75, .25), ColorAt(bitmap, .25, .75), ColorAt(bitmap, .75, .75)];
    }

    /// <summary>A real HEIC still image (64×48, red), made with libheif's heif-enc; 494 bytes.</summary>
    public static byte[] Heic() => Convert.FromBase64String(HeicBase64);

    private const string HeicBase64 = "AAAAHGZ0eXBoZWljAAAAAG1pZjFoZWljbWlhZgAAAa1tZXRhAAAAAAAAACFoZGxyAAAAAAAAAABwaWN0AAAAAAAAAAAAAAAAAAAAAA5waXRtAAAAAAACAAAAEGlkYXQAAAAAAEAAMAAAADhpbG9jAQAAAERAAAIAAQAAAAAAAAHRAAEAAAAAAAAAHQACAAEAAAAAAAAAAQAAAAAAAAAIAAAAOGlpbmYAAAAAAAIAAAAVaW5mZQIAAAEAAQAAaHZjMQAAAAAVaW5mZQIAAAAAAgAAZ3JpZAAAAADYaXBycAAAALZpcGNvAAAAdmh2Y0MBA3AAAAAAAAAAAAAe8AD8/fj4AAAPAyAAAQAYQAEMAf//A3AAAAMAkAAAAwAAAwAeugJAIQABACpCAQEDcAAAAwCQAAADAAADAB6gIIEFlurkprm4EBAwIAAAAwAgAAADACEiAAEABkQBwXPAiQAAABRpc3BlAAAAAAAAAEAAAABAAAAAFGlzcGUAAAAAAAAAQAAAADAAAAAQcGl4aQAAAAADCAgIAAAAGmlwbWEAAAAAAAAAAgABAoECAAICA4QAAAAaaXJlZgAAAAAAAAAOZGltZwACAAEAAQAAACVtZGF0AAAAGSgBrxOA9SeBP//gpUf/utZ4fg8Lfnny1PA=";
}
