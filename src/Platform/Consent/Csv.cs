using System.Text;

namespace Schoolplein.Platform.Consent;

/// <summary>
/// CSV for spreadsheet programs (semicolon separated, as Dutch Excel expects; UTF-8 with BOM).
/// Cells that a spreadsheet would read as a formula (=, +, -, @, tab, carriage return) get a
/// leading apostrophe, so a pupil named "=HYPERLINK(…)" stays text (CSV injection).
/// </summary>
public static class Csv
{
    public const char Separator = ';';

    public static string Cell(string? value)
    {
        var text = value ?? "";
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            text = "'" + text;
        }
        return text.IndexOfAny([Separator, '"', '\n', '\r', ',']) >= 0
            ? "\"" + text.Replace("\"", "\"\"") + "\""
            : text;
    }

    public static string Line(IEnumerable<string?> cells) => string.Join(Separator, cells.Select(Cell));

    public static byte[] Document(IEnumerable<IEnumerable<string?>> rows)
    {
        var builder = new StringBuilder();
        foreach (var row in rows)
        {
            builder.Append(Line(row)).Append("\r\n");
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(builder.ToString())];
    }
}
