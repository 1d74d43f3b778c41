namespace Schoolplein.Platform.Blobs;

/// <summary>What a file is by its first bytes (magic numbers); names and browser content types are never trusted.</summary>
public enum FileKind
{
    Unknown,
    Pdf,
    Png,
    Jpeg,
    WebP,
    Gif,
    Heic,

    /// <summary>A ZIP container: OOXML (docx, xlsx, pptx) and OpenDocument files; which one, only its entries tell.</summary>
    Zip,

    /// <summary>An OLE compound file: the old Word, Excel and PowerPoint formats.</summary>
    OleCompound,
}

/// <summary>
/// The one place that recognises files by their first bytes. Every upload check (photos, post
/// and event attachments, proof files, school logos) asks here, so a format is recognised the
/// same way everywhere; what a feature accepts stays that feature's rule.
/// </summary>
public static class FileSniffer
{
    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static ReadOnlySpan<byte> JpegSignature => [0xFF, 0xD8, 0xFF];
    private static ReadOnlySpan<byte> ZipSignature => [0x50, 0x4B, 0x03, 0x04];
    private static ReadOnlySpan<byte> OleSignature => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    public static FileKind Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith(JpegSignature))
        {
            return FileKind.Jpeg;
        }
        if (head.StartsWith(PngSignature))
        {
            return FileKind.Png;
        }
        if (head.StartsWith("%PDF-"u8))
        {
            return FileKind.Pdf;
        }
        if (head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return FileKind.WebP;
        }
        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8))
        {
            return FileKind.Gif;
        }
        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8) && IsHeifBrand(head))
        {
            return FileKind.Heic;
        }
        if (head.StartsWith(ZipSignature))
        {
            return FileKind.Zip;
        }
        if (head.StartsWith(OleSignature))
        {
            return FileKind.OleCompound;
        }
        return FileKind.Unknown;
    }

    /// <summary>The content type to store and serve for a file of this kind; null for containers, whose type depends on what is inside.</summary>
    public static string? ContentTypeOf(FileKind kind) => kind switch
    {
        FileKind.Pdf => "application/pdf",
        FileKind.Png => "image/png",
        FileKind.Jpeg => "image/jpeg",
        FileKind.WebP => "image/webp",
        FileKind.Gif => "image/gif",
        FileKind.Heic => "image/heic",
        _ => null,
    };

    /// <summary>The ISO-BMFF ftyp box: major brand and compatible brands of HEIF still images.</summary>
    private static bool IsHeifBrand(ReadOnlySpan<byte> bytes)
    {
        var size = (bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3];
        var end = Math.Min(Math.Max(size, 16), Math.Min(bytes.Length, 256));
        for (var offset = 8; offset + 4 <= end; offset += 4)
        {
            if (offset == 12)
            {
                continue; // minor version
            }
            var brand = bytes.Slice(offset, 4);
            if (brand.SequenceEqual("heic"u8) || brand.SequenceEqual("heix"u8) || brand.SequenceEqual("heim"u8) || brand.SequenceEqual("heis"u8)
                || brand.SequenceEqual("hevc"u8) || brand.SequenceEqual("hevx"u8) || brand.SequenceEqual("mif1"u8) || brand.SequenceEqual("msf1"u8))
            {
                return true;
            }
        }
        return false;
    }
}
