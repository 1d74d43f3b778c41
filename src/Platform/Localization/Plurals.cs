using Microsoft.Extensions.Localization;

namespace Schoolplein.Platform.Localization;

/// <summary>
/// The one way a count goes into text: a resource pair <c>Key_One</c> ("{0} reactie") and
/// <c>Key_Other</c> ("{0} reacties"), chosen by the count. Dutch and English both have just these
/// two forms (CLDR: "one" for exactly 1, "other" for everything else, 0 included).
/// </summary>
public static class Plurals
{
    public const string One = "_One";
    public const string Other = "_Other";

    /// <summary>The resource key of <paramref name="key"/> for <paramref name="count"/>.</summary>
    public static string Key(string key, long count) => key + (count == 1 ? One : Other);

    /// <summary>The text for <paramref name="count"/>: the count is {0}, <paramref name="args"/> follow as {1}, {2} ….</summary>
    public static LocalizedString Plural(this IStringLocalizer localizer, string key, long count, params object[] args) =>
        localizer[Key(key, count), [count, .. args]];
}
