using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Seeding;
using Xunit;

namespace Schoolplein.Platform.Tests.Identity;

public sealed class IdentityRulesTests
{
    [Fact]
    public void TheBundledCommonPasswordListHasAtLeastTenThousandEntries() =>
        Assert.True(CommonPasswordValidator.Count >= 10_000, $"only {CommonPasswordValidator.Count}");

    [Theory]
    [InlineData("password", true)]
    [InlineData("Wachtwoord123", true)]
    [InlineData("  QWERTYUIOP ", true)]
    [InlineData("welkom2026", true)]
    [InlineData("fietsen langs de vecht", false)]
    [InlineData(DemoData.Password, false)]
    public void CommonPasswordsAreRecognisedWhateverTheirCase(string password, bool common) =>
        Assert.Equal(common, CommonPasswordValidator.IsCommon(password));

    [Theory]
    [InlineData("Femke", "van 't", "Hof", "Femke van 't Hof")]
    [InlineData("Liam", null, "O'Connor", "Liam O'Connor")]
    [InlineData("Zoë", " ", "van der Linden", "Zoë van der Linden")]
    public void DutchNamesAreWrittenWithTheirPrefix(string first, string? prefix, string last, string expected) =>
        Assert.Equal(expected, PersonName.Format(first, prefix, last));
}

public sealed class DemoDataTests
{
    [Fact]
    public void DemoIdsAreTheSameOnEveryRun() =>
        Assert.Equal(DeterministicGuid.Create("regenboog/tenant"), DeterministicGuid.Create("regenboog/tenant"));

    [Fact]
    public void DemoSchoolsHaveUniqueKeysAndReservedTestAddresses()
    {
        Assert.Equal(["regenboog", "kompas"], DemoData.Schools.Select(s => s.Slug).ToArray());
        foreach (var school in DemoData.Schools)
        {
            var keys = school.Families.SelectMany(f => f.Children).Select(c => c.Key).ToList();
            Assert.Equal(keys.Count, keys.Distinct().Count());
            var emails = school.Families.SelectMany(f => f.Parents).Select(p => p.Email)
                .Concat(school.Staff.Select(s => s.Email));
            Assert.All(emails, e => Assert.EndsWith(".test", e, StringComparison.Ordinal));
            Assert.All(school.Families.SelectMany(f => f.Children), c => Assert.Contains(school.Groups, g => g.Key == c.GroupKey));
        }
        var demoParent = DemoData.Schools[0].Families.Single(f => f.Parents.Any(p => p.Email == "ouder@regenboog.test"));
        Assert.Equal(2, demoParent.Children.Select(c => c.GroupKey).Distinct().Count());
    }
}
