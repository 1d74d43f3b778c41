using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

// Not "Schoolplein.Platform.Migration": that namespace would hide EF Core's Migration type in the generated migrations.
namespace Schoolplein.Platform.SchoolMigration;

/// <summary>The normalisation rules N1–N6 of the migration format (fixtures/migration/README.md section 5).</summary>
public static partial class ImportNormalization
{
    /// <summary>N1: trim, collapse every whitespace run (incl. no-break space, CR/LF) to one space, Unicode NFC. Null for empty.</summary>
    public static string? Text(string? value)
    {
        if (value is null)
        {
            return null;
        }
        var builder = new StringBuilder(value.Length);
        var pendingSpace = false;
        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c) || c == '\u00A0' || c == '\u2007' || c == '\u202F')
            {
                pendingSpace = builder.Length > 0;
                continue;
            }
            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }
            builder.Append(c);
        }
        return builder.Length == 0 ? null : builder.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>N2: N1, lower case; null when empty. <paramref name="valid"/> says whether the address has the accepted shape.</summary>
    public static string? Email(string? value, out bool valid)
    {
        var email = Text(value)?.ToLowerInvariant();
        valid = email is not null && IsValidEmail(email);
        return email;
    }

    private static bool IsValidEmail(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != email.LastIndexOf('@'))
        {
            return false;
        }
        var local = email[..at];
        var domain = email[(at + 1)..];
        if (local.Length > 64 || !LocalPart().IsMatch(local) || local.StartsWith('.') || local.EndsWith('.') || local.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }
        var labels = domain.Split('.');
        if (labels.Length < 2 || labels.Any(l => !DomainLabel().IsMatch(l)))
        {
            return false;
        }
        return TopLabel().IsMatch(labels[^1]);
    }

    /// <summary>N3: E.164 (<c>+31612345678</c>) or null when the number is not valid. Empty input gives null with <paramref name="present"/> false.</summary>
    public static string? Phone(string? value, out bool present)
    {
        var text = Text(value);
        present = text is not null;
        if (text is null)
        {
            return null;
        }
        var compact = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is ' ' or '-' or '.' or '(' or ')')
            {
                continue;
            }
            compact.Append(c);
        }
        var number = compact.ToString();
        if (number.StartsWith("00", StringComparison.Ordinal))
        {
            number = "+" + number[2..];
        }
        if (number.StartsWith('+'))
        {
            var digits = number[1..];
            if (!AllDigits(digits))
            {
                return null;
            }
            if (digits.StartsWith("31", StringComparison.Ordinal))
            {
                var national = digits[2..];
                return national.Length == 9 && national[0] != '0' ? "+" + digits : null;
            }
            return digits.Length is >= 8 and <= 15 ? number : null;
        }
        if (AllDigits(number) && number.Length == 10 && number[0] == '0' && number[1] != '0')
        {
            return "+31" + number[1..];
        }
        return null;
    }

    /// <summary>N4: the key as compared: trimmed; digits-only keys without leading zeros (<c>004127</c> = <c>4127</c>).</summary>
    public static string? Key(string? value)
    {
        var key = value?.Trim();
        if (string.IsNullOrEmpty(key))
        {
            return null;
        }
        if (AllDigits(key))
        {
            var stripped = key.TrimStart('0');
            return stripped.Length == 0 ? "0" : stripped;
        }
        return key;
    }

    /// <summary>N5: ja / nee / empty. <paramref name="valid"/> is false for anything else (which then counts as empty).</summary>
    public static bool? YesNo(string? value, out bool valid)
    {
        var text = Text(value);
        valid = true;
        if (text is null)
        {
            return null;
        }
        if (string.Equals(text, "ja", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        if (string.Equals(text, "nee", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        valid = false;
        return null;
    }

    /// <summary>N6: EDEXML dates are <c>YYYY-MM-DD</c> (an xs:date may carry a time-zone suffix, which is ignored).</summary>
    public static DateOnly? XmlDate(string? value)
    {
        var text = value?.Trim();
        if (text is null || text.Length < 10)
        {
            return null;
        }
        var datePart = text[..10];
        var rest = text[10..];
        if (rest.Length > 0 && !TimeZoneSuffix().IsMatch(rest))
        {
            return null;
        }
        return DateOnly.TryParseExact(datePart, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
    }

    /// <summary>An xs:dateTime's date (the part before <c>T</c>), or the xs:date itself.</summary>
    public static DateOnly? XmlDateTimeDate(string? value)
    {
        var text = value?.Trim();
        if (text is null || text.Length < 10)
        {
            return null;
        }
        return DateOnly.TryParseExact(text[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
    }

    /// <summary>N6: the CSV's <c>dd-mm-jjjj</c>.</summary>
    public static DateOnly? CsvDate(string? value) =>
        DateOnly.TryParseExact(Text(value), "dd-MM-yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    private static bool AllDigits(string value) => value.Length > 0 && value.All(char.IsAsciiDigit);

    [GeneratedRegex("^[a-z0-9._%+'-]+$")]
    private static partial Regex LocalPart();

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$")]
    private static partial Regex DomainLabel();

    [GeneratedRegex("^[a-z]{2,63}$")]
    private static partial Regex TopLabel();

    [GeneratedRegex(@"^(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex TimeZoneSuffix();
}
