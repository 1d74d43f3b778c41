using PhoneNumbers;

namespace Schoolplein.Platform.Profiles;

/// <summary>
/// Phone numbers as people type them ("06 12345678", "+32 470 12 34 56", "0031 6 …") stored
/// as E.164 ("+31612345678"). A number without a country code is read as Dutch. Uses
/// Google's libphonenumber metadata, so only numbers that can exist are accepted.
/// </summary>
public static class PhoneNumberRules
{
    public const string DefaultRegion = "NL";
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>True for empty input (no number) and for valid numbers; <paramref name="e164"/> is null for empty input.</summary>
    public static bool TryNormalize(string? input, out string? e164)
    {
        e164 = null;
        if (string.IsNullOrWhiteSpace(input))
        {
            return true;
        }
        var text = input.Trim();
        if (text.Length > 32 || text.Any(c => !(char.IsAsciiDigit(c) || c is '+' or ' ' or '-' or '(' or ')' or '.' or '/')))
        {
            return false;
        }
        try
        {
            var number = Util.Parse(text, DefaultRegion);
            if (!Util.IsValidNumber(number))
            {
                return false;
            }
            e164 = Util.Format(number, PhoneNumberFormat.E164);
            return true;
        }
        catch (NumberParseException)
        {
            return false;
        }
    }

    /// <summary>For display: Dutch numbers as "06 12345678", others internationally ("+32 470 12 34 56").</summary>
    public static string Display(string? e164)
    {
        if (string.IsNullOrEmpty(e164))
        {
            return "";
        }
        try
        {
            var number = Util.Parse(e164, DefaultRegion);
            return Util.GetRegionCodeForNumber(number) == DefaultRegion
                ? Util.Format(number, PhoneNumberFormat.NATIONAL)
                : Util.Format(number, PhoneNumberFormat.INTERNATIONAL);
        }
        catch (NumberParseException)
        {
            return e164;
        }
    }
}
