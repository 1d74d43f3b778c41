using Schoolplein.Platform.Tenancy;
using Xunit;

namespace Schoolplein.Platform.Tests.Tenancy;

public sealed class TenantHostTests
{
    [Theory]
    [InlineData("regenboog.localhost", "regenboog")]
    [InlineData("regenboog.localhost:5000", "regenboog")]
    [InlineData("Regenboog.LOCALHOST:5000", "regenboog")]
    [InlineData("regenboog.localhost.", "regenboog")]
    [InlineData("regenboog.localhost.:5000", "regenboog")]
    [InlineData("de-regenboog-2.localhost", "de-regenboog-2")]
    public void ASchoolHostResolvesToItsSlug(string host, string slug) =>
        Assert.Equal(new HostMatch(HostKind.School, slug), TenantHost.Parse(host, "localhost"));

    [Theory]
    [InlineData("localhost")]
    [InlineData("localhost:5000")]
    [InlineData("LOCALHOST.")]
    public void TheBareBaseDomainIsThePlatform(string host) =>
        Assert.Equal(HostKind.Platform, TenantHost.Parse(host, "localhost").Kind);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("x.regenboog.localhost")]
    [InlineData("regenboog.example.nl")]
    [InlineData("regenboogxlocalhost")]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.1:5000")]
    [InlineData("[::1]:5000")]
    [InlineData("www.localhost")]
    [InlineData("admin.localhost")]
    [InlineData("test.localhost")]
    [InlineData("ab.localhost")]
    [InlineData("-abc.localhost")]
    [InlineData("abc-.localhost")]
    [InlineData("xn--abc.localhost")]
    [InlineData("a_b_c.localhost")]
    [InlineData("regenboog.localhost:")]
    [InlineData("regenboog.localhost:99999999")]
    [InlineData("regenboog.localhost:abc")]
    [InlineData(".localhost")]
    public void AnythingElseIsUnknown(string? host) =>
        Assert.Equal(HostKind.Unknown, TenantHost.Parse(host, "localhost").Kind);

    [Fact]
    public void AThreeHundredCharacterHostIsUnknown() =>
        Assert.Equal(HostKind.Unknown, TenantHost.Parse(new string('a', 300) + ".localhost", "localhost").Kind);

    [Fact]
    public void TheBaseDomainCanHaveSeveralLabels()
    {
        Assert.Equal(new HostMatch(HostKind.School, "regenboog"), TenantHost.Parse("regenboog.schoolplein.nl", "schoolplein.nl"));
        Assert.Equal(HostKind.Platform, TenantHost.Parse("schoolplein.nl", "schoolplein.nl").Kind);
        Assert.Equal(HostKind.Unknown, TenantHost.Parse("regenboog.nl", "schoolplein.nl").Kind);
        Assert.Equal(HostKind.Unknown, TenantHost.Parse("regenboog.evilschoolplein.nl", "schoolplein.nl").Kind);
    }
}

public sealed class SlugRulesTests
{
    [Theory]
    [InlineData("abc", null)]
    [InlineData("kindcentrum-de-regenboog", null)]
    [InlineData("", SlugProblem.Empty)]
    [InlineData("ab", SlugProblem.Length)]
    [InlineData("a234567890123456789012345678901234567890x", SlugProblem.Length)]
    [InlineData("Regenboog", SlugProblem.Characters)]
    [InlineData("de regenboog", SlugProblem.Characters)]
    [InlineData("-abc", SlugProblem.Characters)]
    [InlineData("abc-", SlugProblem.Characters)]
    [InlineData("xn--abc", SlugProblem.Punycode)]
    [InlineData("www", SlugProblem.Reserved)]
    [InlineData("backoffice", SlugProblem.Reserved)]
    [InlineData("billing", SlugProblem.Reserved)]
    public void SlugsFollowDnsLabelRulesAndTheReservedList(string slug, SlugProblem? expected) =>
        Assert.Equal(expected, SlugRules.Check(slug));

    [Fact]
    public void EveryReservedNameOfTenancyMdIsReserved()
    {
        foreach (var name in "www admin backoffice api app static cdn mail smtp imap status help support docs auth login billing assets media origin test".Split(' '))
        {
            Assert.Equal(SlugProblem.Reserved, SlugRules.Check(name));
        }
    }
}

public sealed class BrandColorTests
{
    [Theory]
    [InlineData("#1D5FA8", true)]
    [InlineData("#abcdef", true)]
    [InlineData("1D5FA8", false)]
    [InlineData("#1D5FA", false)]
    [InlineData("red", false)]
    [InlineData("#000000;background:url(x)", false)]
    [InlineData(null, false)]
    public void OnlySixDigitHexColoursAreValid(string? color, bool valid) => Assert.Equal(valid, BrandColor.IsValid(color));

    [Theory]
    [InlineData("#0B6E5F", "#ffffff")]
    [InlineData("#FFD400", "#000000")]
    [InlineData("#FFFFFF", "#000000")]
    [InlineData("#000000", "#ffffff")]
    public void TextOnTheBrandColourIsWhicheverContrastsMore(string color, string text) => Assert.Equal(text, BrandColor.TextOn(color));
}
