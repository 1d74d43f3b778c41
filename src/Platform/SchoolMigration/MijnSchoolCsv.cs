using System.Text;

// Not "Schoolplein.Platform.Migration": that namespace would hide EF Core's Migration type in the generated migrations.
namespace Schoolplein.Platform.SchoolMigration;

/// <summary>One CSV record: the physical line it starts on (header = 1) and its raw fields.</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields);

public sealed record CsvFile(IReadOnlyList<string> Header, IReadOnlyList<CsvRecord> Records, int BlankLines);

/// <summary>
/// The MijnSchool parent export (section 4): UTF-8 with or without BOM, <c>;</c>-separated,
/// RFC 4180 quoting (a field may span lines), LF or CRLF, blank lines are not records.
/// </summary>
public static class MijnSchoolCsv
{
    public static readonly IReadOnlyList<string> RequiredColumns = ["leerling_key", "email"];

    public static CsvFile Read(byte[] content)
    {
        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(content);
        }
        catch (DecoderFallbackException)
        {
            throw new ImportFileException(ImportFileProblem.CsvNotUtf8);
        }
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }
        var records = Tokenize(text, out var blankLines);
        if (records.Count == 0)
        {
            throw new ImportFileException(ImportFileProblem.CsvEmpty);
        }
        var header = records[0].Fields.Select(f => f.Trim().ToLowerInvariant()).ToList();
        foreach (var column in RequiredColumns)
        {
            if (!header.Contains(column))
            {
                throw new ImportFileException(ImportFileProblem.CsvColumnMissing, column);
            }
        }
        if (records.Count == 1)
        {
            throw new ImportFileException(ImportFileProblem.CsvHeaderOnly);
        }
        return new CsvFile(header, records.Skip(1).ToList(), blankLines);
    }

    private static List<CsvRecord> Tokenize(string text, out int blankLineCount)
    {
        var records = new List<CsvRecord>();
        var blankLines = 0;
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var inQuotes = false;
        var fieldWasQuoted = false;
        var recordHasContent = false;
        var i = 0;

        void EndField()
        {
            fields.Add(field.ToString());
            field.Clear();
            fieldWasQuoted = false;
        }

        void EndRecord()
        {
            EndField();
            // A line with nothing but whitespace and no quotes is blank: not a record.
            if (fields.Count == 1 && !recordHasContent && string.IsNullOrWhiteSpace(fields[0]))
            {
                blankLines++;
            }
            else
            {
                records.Add(new CsvRecord(recordLine, [.. fields]));
            }
            fields.Clear();
            recordHasContent = false;
        }

        while (i < text.Length)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i += 2;
                        continue;
                    }
                    inQuotes = false;
                    i++;
                    continue;
                }
                if (c == '\n')
                {
                    line++;
                }
                field.Append(c);
                i++;
                continue;
            }
            switch (c)
            {
                case '"' when field.Length == 0 && !fieldWasQuoted:
                    inQuotes = true;
                    fieldWasQuoted = true;
                    recordHasContent = true;
                    i++;
                    break;
                case ';':
                    recordHasContent = true;
                    EndField();
                    i++;
                    break;
                case '\r' when i + 1 < text.Length && text[i + 1] == '\n':
                    i++;
                    break;
                case '\r':
                case '\n':
                    EndRecord();
                    line++;
                    recordLine = line;
                    i++;
                    break;
                default:
                    field.Append(c);
                    i++;
                    break;
            }
        }
        if (inQuotes)
        {
            throw new ImportFileException(ImportFileProblem.CsvUnterminatedQuote, $"line {recordLine}");
        }
        if (field.Length > 0 || fields.Count > 0 || recordHasContent)
        {
            EndRecord();
        }
        blankLineCount = blankLines;
        return records;
    }
}
