using System.Security.Cryptography;
using System.Text;

namespace Schoolplein.Platform.LinkCodes;

/// <summary>
/// Koppelcodes are 10 characters from 31 letters and digits that cannot be confused
/// (no 0/O, 1/I/L): about 8·10^14 possibilities, shown as XXXXX-XXXXX. Input is accepted
/// in any case, with or without the dash and spaces.
/// </summary>
public static class LinkCodeFormat
{
    public const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    public const int Length = 10;

    public static string Generate()
    {
        Span<char> chars = stackalloc char[Length];
        for (var i = 0; i < Length; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }
        return new string(chars);
    }

    /// <summary>A code derived from a seed (demo data only: it is guessable by whoever knows the seed).</summary>
    public static string FromSeed(string seed)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("schoolplein-demo-linkcode:" + seed));
        var chars = new char[Length];
        for (var i = 0; i < Length; i++)
        {
            chars[i] = Alphabet[hash[i] % Alphabet.Length];
        }
        return new string(chars);
    }

    /// <summary>The normalised code, or null when the input cannot be a code.</summary>
    public static string? Normalize(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }
        var sb = new StringBuilder(Length);
        foreach (var c in input)
        {
            if (c is '-' or ' ' or '\u2010' or '\u2011' or '\u2013' or '\t')
            {
                continue;
            }
            var upper = char.ToUpperInvariant(c);
            if (!Alphabet.Contains(upper) || sb.Length == Length)
            {
                return null;
            }
            sb.Append(upper);
        }
        return sb.Length == Length ? sb.ToString() : null;
    }

    public static string Display(string code) =>
        code.Length == Length ? $"{code[..5]}-{code[5..]}" : code;

    public static byte[] Hash(string normalizedCode) => SHA256.HashData(Encoding.ASCII.GetBytes(normalizedCode));
}
