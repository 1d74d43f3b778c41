using System.Text;

namespace Schoolplein.Platform.Blobs;

/// <summary>A file as the browser sent it; nothing about it (name, bytes) is trusted until checked.</summary>
public sealed record UploadedFile(string FileName, byte[] Content);

/// <summary>
/// What every upload shares, whatever feature takes it: the file types small proof files may have
/// (recognised by their first bytes (<see cref="FileSniffer"/>), never by name or the browser's content type) and a file name
/// that is safe to store and to send back in Content-Disposition.
/// </summary>
public static class Uploads
{
    /// <summary>PDF, PNG or JPEG (letters, employer statements, photos of a form), or null.</summary>
    public static string? SniffDocumentOrPhoto(ReadOnlySpan<byte> head) =>
        FileSniffer.Sniff(head) is (FileKind.Pdf or FileKind.Png or FileKind.Jpeg) and var kind ? FileSniffer.ContentTypeOf(kind) : null;

    /// <summary>The longest file name kept; every file name column is at least this wide (a model test checks).</summary>
    public const int MaxFileNameLength = 200;

    /// <summary>
    /// The name without any path, control characters, bidirectional controls or characters that
    /// break headers, at most <see cref="MaxFileNameLength"/> characters. Bidi controls go because
    /// "rapport\u202Efdp.exe" shows as "rapportexe.pdf": a name must read as what it is.
    /// </summary>
    public static string CleanFileName(string? name)
    {
        var last = (name ?? "").Replace('\\', '/').Split('/')[^1];
        var clean = new StringBuilder(last.Length);
        foreach (var c in last)
        {
            if (!char.IsControl(c) && !IsBidiControl(c) && c is not ('"' or '<' or '>' or '|' or ':' or '*' or '?'))
            {
                clean.Append(c);
            }
        }
        var result = clean.ToString().Trim().TrimStart('.');
        if (result.Length > MaxFileNameLength)
        {
            var extension = Path.GetExtension(result);
            result = result[..(MaxFileNameLength - extension.Length)] + extension;
        }
        return result.Length == 0 ? "bestand" : result;
    }

    /// <summary>ALM, LRM, RLM, the embeddings and overrides (U+202A–U+202E) and the isolates (U+2066–U+2069).</summary>
    private static bool IsBidiControl(char c) =>
        c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
