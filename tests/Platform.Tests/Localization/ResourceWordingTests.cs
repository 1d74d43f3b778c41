using System.Text.RegularExpressions;
using System.Xml.Linq;
using Schoolplein.Platform.Localization;
using Xunit;

namespace Schoolplein.Platform.Tests.Localization;

/// <summary>
/// How the app speaks, checked over every resource under src/: one form of address (je/jij/jouw,
/// never u/uw), counts with the right plural through one mechanism (Key_One / Key_Other chosen by
/// <see cref="Plurals"/>), and dates only in the central formats of <see cref="DateText"/>.
/// </summary>
public sealed partial class ResourceWordingTests
{
    private sealed record Text(string File, string Key, string Value, bool Dutch);

    private static string SourceFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var src = Path.Combine(dir.FullName, "src");
            if (Directory.Exists(Path.Combine(src, "Platform")) && Directory.Exists(Path.Combine(src, "Tenant.Web")))
            {
                return src;
            }
        }
        throw new DirectoryNotFoundException("src not found above " + AppContext.BaseDirectory);
    }

    private static readonly Lazy<IReadOnlyList<Text>> AllTexts = new(() =>
    {
        var sep = Path.DirectorySeparatorChar;
        return Directory.EnumerateFiles(SourceFolder(), "*.resx", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{sep}obj{sep}", StringComparison.Ordinal) && !f.Contains($"{sep}bin{sep}", StringComparison.Ordinal))
            .SelectMany(f => XDocument.Load(f).Root!.Elements("data").Select(d => new Text(
                Path.GetFileName(f), (string)d.Attribute("name")!, (string?)d.Element("value") ?? "", !f.EndsWith(".en.resx", StringComparison.Ordinal))))
            .ToList();
    });

    private static IReadOnlyList<Text> Texts => AllTexts.Value;

    [Fact]
    public void ThePluralKeyIsChosenByTheCount()
    {
        Assert.Equal("Comments_Other", Plurals.Key("Comments", 0));
        Assert.Equal("Comments_One", Plurals.Key("Comments", 1));
        Assert.Equal("Comments_Other", Plurals.Key("Comments", 2));
        Assert.Equal("Comments_Other", Plurals.Key("Comments", 21));
    }

    [Fact]
    public void EveryPluralTextHasBothItsOneAndItsOtherForm()
    {
        Assert.Contains(Texts, t => t.Key == "CommentCount_One");
        var problems = new List<string>();
        foreach (var file in Texts.GroupBy(t => t.File))
        {
            var keys = file.Select(t => t.Key).ToHashSet(StringComparer.Ordinal);
            foreach (var key in keys)
            {
                if (key.EndsWith(Plurals.One, StringComparison.Ordinal) && !keys.Contains(key[..^Plurals.One.Length] + Plurals.Other))
                {
                    problems.Add($"{file.Key}: {key} has no {Plurals.Other} form");
                }
                if (key.EndsWith(Plurals.Other, StringComparison.Ordinal) && !keys.Contains(key[..^Plurals.Other.Length] + Plurals.One))
                {
                    problems.Add($"{file.Key}: {key} has no {Plurals.One} form");
                }
                // A plural pair replaces the plain key: a plain one next to it would be used by mistake.
                if (key.EndsWith(Plurals.One, StringComparison.Ordinal) && keys.Contains(key[..^Plurals.One.Length]))
                {
                    problems.Add($"{file.Key}: {key[..^Plurals.One.Length]} exists next to its plural forms");
                }
            }
        }
        Assert.Empty(problems);
    }

    /// <summary>
    /// Ranges up to a fixed limit in code ("5 tot 60 minuten", "1 tot en met 365 dagen"): the count
    /// is never one, so one form.
    /// </summary>
    private static readonly HashSet<string> FixedRanges = new(StringComparer.Ordinal)
    {
        "ConferenceText.resx/ErrorSlotLength", "ConferenceText.en.resx/ErrorSlotLength",
        "SchoolSettingsText.resx/ValidDaysInvalid", "SchoolSettingsText.en.resx/ValidDaysInvalid",
    };

    [Fact]
    public void ACountFollowedByAPluralNounIsAlwaysThePluralFormOfAPair()
    {
        var problems = Texts
            // In a pair, the count that chooses the form is checked by choosing; other counts in it are out of scope here.
            .Where(t => !t.Key.EndsWith(Plurals.Other, StringComparison.Ordinal) && !t.Key.EndsWith(Plurals.One, StringComparison.Ordinal))
            .Where(t => !FixedRanges.Contains($"{t.File}/{t.Key}"))
            .Where(t => (t.Dutch ? CountedDutch() : CountedEnglish()).IsMatch(t.Value))
            .Select(t => $"{t.File}: {t.Key} = \"{t.Value}\" counts without a {Plurals.One}/{Plurals.Other} pair")
            .ToList();
        Assert.Empty(problems);
        // The ones a new user found ("1 reacties", "1 schooldagen", "1 opmerkingen") have their singular.
        Assert.Contains(Texts, t => t is { Key: "CommentCount_One", Dutch: true, Value: "{0} reactie" });
        Assert.Contains(Texts, t => t is { Key: "SchoolDaysCount_One", Dutch: true, Value: "{0} schooldag" });
        Assert.Contains(Texts, t => t is { Key: "RemarksCount_One", Dutch: true, Value: "{0} opmerking" });
    }

    /// <summary>Words that are spelled alike but are not the pronoun, in Dutch texts. Empty today; say why when adding one.</summary>
    private static readonly HashSet<string> AddressAllowList = new(StringComparer.Ordinal);

    [Fact]
    public void DutchTextsAddressTheReaderAsJeAndNeverAsU()
    {
        var problems = Texts
            .Where(t => t.Dutch && !AddressAllowList.Contains($"{t.File}/{t.Key}"))
            .Where(t => FormalAddress().IsMatch(Placeholders().Replace(t.Value, " ")))
            .Select(t => $"{t.File}: {t.Key} = \"{t.Value}\"")
            .ToList();
        Assert.Empty(problems);
    }

    [Fact]
    public void ResourcesFormatDatesOnlyInTheCentralSentenceFormats()
    {
        string[] allowed = [DateText.SentencePattern, DateText.SentenceWithYearPattern, DateText.SentenceWithTimePattern];
        var problems = Texts
            .SelectMany(t => FormattedPlaceholder().Matches(t.Value).Select(m => (t, Format: m.Groups[1].Value)))
            .Where(x => !allowed.Contains(x.Format))
            .Select(x => $"{x.t.File}: {x.t.Key} formats a date as \"{x.Format}\"")
            .ToList();
        Assert.Empty(problems);
    }

    // "{0} reacties", "{1} nieuwe meldingen": a placeholder, maybe an adjective, a countable plural noun.
    [GeneratedRegex(@"\{\d+\}\s+(?:(?:nieuwe|actieve|andere|open|ongelezen)\s+)?(?:leerlingen|kinderen|ouders|gezinnen|reacties|opmerkingen|schooldagen|dagen|weken|maanden|minuten|uren|tijden|meldingen|berichten|foto's|bestanden|bijlagen|plaatsen|gesprekken|aanvragen|groepen|medewerkers|vragen|categorieën|codes|brieven|scholen|rijen|regels|fouten|leerkrachten)\b", RegexOptions.IgnoreCase)]
    private static partial Regex CountedDutch();

    [GeneratedRegex(@"\{\d+\}\s+(?:(?:new|active|other|open|unread|more)\s+)?(?:pupils|children|parents|families|comments|remarks|school days|days|weeks|months|minutes|hours|times|notifications|messages|photos|files|attachments|places|conferences|requests|groups|staff members|questions|likes|categories|codes|letters|schools|rows|lines|errors|teachers)\b", RegexOptions.IgnoreCase)]
    private static partial Regex CountedEnglish();

    [GeneratedRegex(@"(?<![\p{L}\p{N}'’/-])(u|uw|uzelf)(?![\p{L}\p{N}'’/-])", RegexOptions.IgnoreCase)]
    private static partial Regex FormalAddress();

    [GeneratedRegex(@"\{\d+(?::[^}]*)?\}")]
    private static partial Regex Placeholders();

    [GeneratedRegex(@"\{\d+:([^}]*)\}")]
    private static partial Regex FormattedPlaceholder();
}
