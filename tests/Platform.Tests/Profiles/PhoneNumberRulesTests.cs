using Schoolplein.Platform.Profiles;
using Xunit;

namespace Schoolplein.Platform.Tests.Profiles;

public sealed class PhoneNumberRulesTests
{
    [Theory]
    [InlineData("06 12345678", "+31612345678")]
    [InlineData("06-1234 5678", "+31612345678")]
    [InlineData("+31 6 12345678", "+31612345678")]
    [InlineData("0031612345678", "+31612345678")]
    [InlineData("020 123 4567", "+31201234567")]
    [InlineData("(030) 111 11 11", "+31301111111")]
    [InlineData("+32 470 12 34 56", "+32470123456")]
    [InlineData("0032 470 123456", "+32470123456")]
    [InlineData("+49 30 901820", "+4930901820")]
    [InlineData("+44 20 7946 0958", "+442079460958")]
    [InlineData("+90 532 123 45 67", "+905321234567")]
    public void DutchAndInternationalNumbersAreStoredAsE164(string typed, string stored)
    {
        Assert.True(PhoneNumberRules.TryNormalize(typed, out var e164));
        Assert.Equal(stored, e164);
    }

    [Theory]
    [InlineData("bel me maar")]
    [InlineData("12345")]
    [InlineData("06 123")]
    [InlineData("06 1234567890123")]
    [InlineData("+31 6 1234")]
    [InlineData("+999 123456789")]
    [InlineData("06 12345678 of 06 87654321")]
    [InlineData("0612345678; DROP TABLE users")]
    public void NumbersThatCannotExistAreRefused(string typed)
    {
        Assert.False(PhoneNumberRules.TryNormalize(typed, out var e164));
        Assert.Null(e164);
    }

    [Fact]
    public void EmptyMeansNoNumber()
    {
        Assert.True(PhoneNumberRules.TryNormalize("  ", out var e164));
        Assert.Null(e164);
    }

    [Fact]
    public void DutchNumbersAreShownNationallyAndOthersInternationally()
    {
        Assert.Equal("06 12345678", PhoneNumberRules.Display("+31612345678"));
        Assert.Equal("+32 470 12 34 56", PhoneNumberRules.Display("+32470123456"));
        Assert.Equal("", PhoneNumberRules.Display(null));
    }
}
