using PdfSharp.Fonts;

namespace Schoolplein.Platform.Pdf;

/// <summary>
/// PDFsharp finds no system fonts on Linux: every PDF of the platform uses Liberation Sans (SIL OFL 1.1,
/// see Fonts/OFL.txt), embedded in this assembly. <see cref="PdfLayout"/> registers it before a PDF is made.
/// </summary>
public sealed class PdfFonts : IFontResolver
{
    public const string Family = "Liberation Sans";

    private static readonly object Gate = new();
    private static bool _registered;

    public static void Register()
    {
        lock (Gate)
        {
            if (_registered)
            {
                return;
            }
            if (GlobalFontSettings.FontResolver is null)
            {
                GlobalFontSettings.FontResolver = new PdfFonts();
            }
            _registered = true;
        }
    }

    /// <summary>The embedded font file of a face ("LiberationSans-Bold"), also for drawing outside PDFs (app icons); null when unknown.</summary>
    public static Stream? OpenFace(string faceName) =>
        typeof(PdfFonts).Assembly.GetManifestResourceStream($"Schoolplein.Platform.Pdf.Fonts.{faceName}.ttf");

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? "LiberationSans-Bold" : "LiberationSans-Regular");

    public byte[]? GetFont(string faceName)
    {
        using var stream = OpenFace(faceName);
        if (stream is null)
        {
            return null;
        }
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
