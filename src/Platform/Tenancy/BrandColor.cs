using System.Globalization;
using System.Text.RegularExpressions;

namespace Schoolplein.Platform.Tenancy;

/// <summary>
/// The school's brand colour: its shape ("#RRGGBB") and the one contrast rule (WCAG 2.x relative
/// luminance). Headers, buttons and the app icon put white text on this colour, so a colour
/// below <see cref="MinimumContrast"/> against white is refused wherever a colour is chosen.
/// </summary>
public static partial class BrandColor
{
    public const string Default = "#1D5FA8";

    /// <summary>WCAG AA for normal text (success criterion 1.4.3).</summary>
    public const double MinimumContrast = 4.5;

    /// <summary>Only "#RRGGBB": the colour is written into styles, so nothing else may pass.</summary>
    public static bool IsValid(string? color) => color is not null && Pattern().IsMatch(color);

    /// <summary>WCAG relative luminance of a valid "#RRGGBB" colour (0 black … 1 white).</summary>
    public static double RelativeLuminance(string color)
    {
        static double Channel(string hex)
        {
            var c = int.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
            return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }
        return (0.2126 * Channel(color[1..3])) + (0.7152 * Channel(color[3..5])) + (0.0722 * Channel(color[5..7]));
    }

    /// <summary>The contrast ratio of white text on a valid "#RRGGBB" colour (1 … 21).</summary>
    public static double ContrastWithWhite(string color) => 1.05 / (RelativeLuminance(color) + 0.05);

    /// <summary>True when white text on the colour meets <see cref="MinimumContrast"/> (no rounding up: 4.48 fails).</summary>
    public static bool ReadableUnderWhiteText(string color) => IsValid(color) && ContrastWithWhite(color) >= MinimumContrast;

    /// <summary>
    /// Why a colour cannot be the brand colour, or null when it can: "ColorInvalid" for anything
    /// but "#RRGGBB", "ColorContrast" (args: the ratio rounded down to one decimal, the minimum)
    /// when white text on it is hard to read. Keys live in <see cref="CatalogText"/>.
    /// </summary>
    public static Problem? Check(string? color)
    {
        if (!IsValid(color))
        {
            return new Problem("ColorInvalid");
        }
        var ratio = ContrastWithWhite(color!);
        // Rounded down for the message, so a refused 4.48 never reads as "4,5:1". Decimals with one
        // digit, so the message shows "4,4" or "4.4" in the reader's language without a format in the resource.
        return ratio >= MinimumContrast ? null : new Problem("ColorContrast", (decimal)Math.Floor(ratio * 10) / 10m, (decimal)MinimumContrast);
    }

    /// <summary>Black or white, whichever reads better on the colour (WCAG relative luminance).</summary>
    public static string TextOn(string color)
    {
        if (!IsValid(color))
        {
            return "#ffffff";
        }
        var l = RelativeLuminance(color);
        var contrastWhite = 1.05 / (l + 0.05);
        var contrastBlack = (l + 0.05) / 0.05;
        return contrastWhite >= contrastBlack ? "#ffffff" : "#000000";
    }

    [GeneratedRegex("^#[0-9A-Fa-f]{6}$")]
    private static partial Regex Pattern();
}
