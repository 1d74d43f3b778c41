using System.Text;

namespace Schoolplein.Platform.Csv;

/// <summary>
/// The one CSV writer of the exports (consent lists, leave decisions): RFC 4180 quoting,
/// semicolon separated as Dutch Excel expects, CRLF lines, UTF-8 with BOM so Excel reads é
/// and ë. Cells that a spreadsheet would read as a formula (=, +, -, @, tab, carriage return)
/// get a leading apostrophe, so a pupil named "=HYPERLINK(…)" stays text (CSV injection).
/// </summary>
public static class CsvWriter
{
    public const char Separator = ';';

    /// <param name="quoteAlways">Quote every cell, not only those that need it (exports with much free text).</param>
    public static string Cell(string? value, bool quoteAlways = false)
    {
        var text = value ?? "";
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            text = "'" + text;
        }
        return quoteAlways || text.IndexOfAny([Separator, '"', '\n', '\r', ',']) >= 0
            ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : text;
    }

    public static string Line(IEnumerable<string?> cells, bool quoteAlways = false) =>
        string.Join(Separator, cells.Select(c => Cell(c, quoteAlways)));

    public static byte[] Document(IEnumerable<IEnumerable<string?>> rows, bool quoteAlways = false)
    {
        var builder = new StringBuilder();
        foreach (var row in rows)
        {
            builder.Append(Line(row, quoteAlways)).Append("\r\n");
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(builder.ToString())];
    }
}
