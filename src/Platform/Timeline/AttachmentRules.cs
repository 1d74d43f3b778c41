using System.IO.Compression;
using System.Text;
using Schoolplein.Platform.Blobs;

namespace Schoolplein.Platform.Timeline;

/// <summary>
/// Which files a post may carry: PDF and office documents (Word, Excel, PowerPoint, OpenDocument),
/// recognised by their bytes and matching their extension; never by the browser's content type.
/// Macro-enabled formats are not accepted.
/// </summary>
public static class AttachmentRules
{
    public const long MaxBytes = 10 * 1024 * 1024;
    public const int MaxPerPost = 5;

    private sealed record Kind(string ContentType, Func<byte[], bool> Matches);

    private static readonly Dictionary<string, Kind> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = new("application/pdf", c => FileSniffer.Sniff(c) == FileKind.Pdf),
        [".docx"] = new("application/vnd.openxmlformats-officedocument.wordprocessingml.document", c => IsOoxml(c, "word/")),
        [".xlsx"] = new("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", c => IsOoxml(c, "xl/")),
        [".pptx"] = new("application/vnd.openxmlformats-officedocument.presentationml.presentation", c => IsOoxml(c, "ppt/")),
        [".doc"] = new("application/msword", c => FileSniffer.Sniff(c) == FileKind.OleCompound),
        [".xls"] = new("application/vnd.ms-excel", c => FileSniffer.Sniff(c) == FileKind.OleCompound),
        [".ppt"] = new("application/vnd.ms-powerpoint", c => FileSniffer.Sniff(c) == FileKind.OleCompound),
        [".odt"] = new("application/vnd.oasis.opendocument.text", c => IsOpenDocument(c, "application/vnd.oasis.opendocument.text")),
        [".ods"] = new("application/vnd.oasis.opendocument.spreadsheet", c => IsOpenDocument(c, "application/vnd.oasis.opendocument.spreadsheet")),
        [".odp"] = new("application/vnd.oasis.opendocument.presentation", c => IsOpenDocument(c, "application/vnd.oasis.opendocument.presentation")),
    };

    /// <summary>The content type to store and serve, or null when the file is not an accepted document.</summary>
    public static string? ContentTypeOf(UploadedFile file)
    {
        var extension = Path.GetExtension(Uploads.CleanFileName(file.FileName));
        return Kinds.TryGetValue(extension, out var kind) && file.Content.Length > 0 && kind.Matches(file.Content) ? kind.ContentType : null;
    }

    private static bool IsOoxml(byte[] content, string mainFolder) =>
        WithZip(content, zip => zip.GetEntry("[Content_Types].xml") is not null
            && zip.Entries.Any(e => e.FullName.StartsWith(mainFolder, StringComparison.Ordinal))
            && !zip.Entries.Any(e => e.FullName.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase)));

    private static bool IsOpenDocument(byte[] content, string mimeType) =>
        WithZip(content, zip =>
        {
            var entry = zip.GetEntry("mimetype");
            if (entry is null || entry.Length > 200)
            {
                return false;
            }
            using var reader = new StreamReader(entry.Open(), Encoding.ASCII);
            return reader.ReadToEnd().Trim() == mimeType;
        });

    private static bool WithZip(byte[] content, Func<ZipArchive, bool> check)
    {
        if (FileSniffer.Sniff(content) != FileKind.Zip)
        {
            return false;
        }
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            return check(zip);
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }
}
