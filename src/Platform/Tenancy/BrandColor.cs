using System.Text.RegularExpressions;

namespace Schoolplein.Platform.Tenancy;

public static partial class BrandColor
{
    public const string Default = "#1D5FA8";

    /// <summary>Only "#RRGGBB": the colour is written into styles, so nothing else may pass.</summary>
    public static bool IsValid(string? color) => color is not null && Pattern().IsMatch(color);

    /// <summary>Black or white, whichever reads better on the colour (WCAG relative luminance).</summary>
    public static string TextOn(string color)
    {
        if (!IsValid(color))
        {
            return "#ffffff";
        }
        static double Channel(string hex)
        {
            var c = Convert.ToInt32(hex, 16) / 255.0;
            return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }
        var l = (0.2126 * Channel(color[1..3])) + (0.7152 * Channel(color[3..5])) + (0.0722 * Channel(color[5..7]));
        var contrastWhite = 1.05 / (l + 0.05);
        var contrastBlack = (l + 0.05) / 0.05;
        return contrastWhite >= contrastBlack ? "#ffffff" : "#000000";
    }

    [GeneratedRegex("^#[0-9A-Fa-f]{6}$")]
    private static partial Regex Pattern();
}
