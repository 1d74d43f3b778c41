using Schoolplein.Platform.Csv;
using System.Text;
using Schoolplein.Platform.Consent;
using Xunit;

namespace Schoolplein.Platform.Tests.Consent;

public sealed class ConsentRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 9, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void NeverAnsweredHasNoAnswerAndCountsAsNotAllowed()
    {
        var answer = ConsentRules.CurrentAnswer([]);
        Assert.Null(answer);
        Assert.False(ConsentRules.IsAllowed(answer));
    }

    [Fact]
    public void TheLatestRecordIsTheAnswerWhateverTheOrderTheyArriveIn()
    {
        Assert.False(ConsentRules.CurrentAnswer([(T0, true), (T0.AddMinutes(5), false)]));
        Assert.True(ConsentRules.CurrentAnswer([(T0.AddDays(2), true), (T0, false), (T0.AddDays(1), false)]));
    }

    [Fact]
    public void TwoAnswersAtTheSameMomentThatDisagreeCountAsDenied()
    {
        Assert.False(ConsentRules.CurrentAnswer([(T0, true), (T0, false)]));
        Assert.False(ConsentRules.CurrentAnswer([(T0, false), (T0, true)]));
    }

    [Theory]
    [InlineData(2026, 8, 1, "2026-2027")]
    [InlineData(2026, 12, 31, "2026-2027")]
    [InlineData(2027, 7, 31, "2026-2027")]
    [InlineData(2026, 7, 31, "2025-2026")]
    public void SchoolYearsStartOnTheFirstOfAugust(int year, int month, int day, string expected) =>
        Assert.Equal(expected, ConsentRules.SchoolYearOf(new DateOnly(year, month, day)));

    [Fact]
    public void EveryMijnSchoolConsentColumnMapsToADefaultCategory()
    {
        Assert.Equal(5, ConsentCategoryCodes.MijnSchoolColumnNames.Count);
        Assert.Equal(
            ConsentCategoryCodes.Defaults.Order(),
            ConsentCategoryCodes.MijnSchoolColumnNames.Select(c => ConsentCategoryCodes.FromMijnSchoolColumn(c)!).Order());
        Assert.Equal(ConsentCategoryCodes.SocialMedia, ConsentCategoryCodes.FromMijnSchoolColumn(" Toestemming_SocialMedia "));
        Assert.Null(ConsentCategoryCodes.FromMijnSchoolColumn("telefoon_zichtbaar"));
    }

    [Theory]
    [InlineData("Noor Jansen", "Noor Jansen")]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+31612345678", "'+31612345678")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("a;b", "\"a;b\"")]
    [InlineData("zegt \"hoi\"", "\"zegt \"\"hoi\"\"\"")]
    [InlineData("=HYPERLINK(\"x\";\"y\")", "\"'=HYPERLINK(\"\"x\"\";\"\"y\"\")\"")]
    [InlineData("regel\nnieuw", "\"regel\nnieuw\"")]
    [InlineData("", "")]
    public void CsvCellsNeverStartAFormulaAndAreQuotedWhenNeeded(string value, string expected) =>
        Assert.Equal(expected, CsvWriter.Cell(value));

    [Fact]
    public void ACsvDocumentIsUtf8WithBomAndCrLfLines()
    {
        var bytes = CsvWriter.Document([["Leerling", "Website"], ["Zoë", "ja"]]);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        Assert.Equal("Leerling;Website\r\nZoë;ja\r\n", Encoding.UTF8.GetString(bytes[3..]));
    }

    [Fact]
    public void ACategoryIsLockedOnlyAfterItsLockDate()
    {
        var category = new ConsentCategory { Name = "Website", LockDate = new DateOnly(2026, 10, 1) };
        Assert.False(category.IsLockedOn(new DateOnly(2026, 10, 1)));
        Assert.True(category.IsLockedOn(new DateOnly(2026, 10, 2)));
        Assert.False(new ConsentCategory { Name = "Website" }.IsLockedOn(new DateOnly(2099, 1, 1)));
    }
}
