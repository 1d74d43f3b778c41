using Schoolplein.Platform.Timeline;
using Xunit;

namespace Schoolplein.Platform.Tests.Timeline;

/// <summary>The sanitizer's cost grows faster than its input: it never sees more than the cap.</summary>
public sealed class PostHtmlLimitTests
{
    [Fact]
    public void InputOverTheCapIsRefusedWithoutParsing()
    {
        var heavy = string.Concat(Enumerable.Repeat("<b>", 200_000));
        Assert.False(PostHtml.IsWithinInputLimits(heavy));
        Assert.Throws<ArgumentOutOfRangeException>(() => PostHtml.Sanitize(heavy));
        Assert.False(PostHtml.IsWithinInputLimits(new string('x', PostHtml.MaxInputLength + 1)));
        Assert.False(PostHtml.IsWithinInputLimits(string.Concat(Enumerable.Repeat("<i>x", PostHtml.MaxInputTags + 1))));
    }

    [Fact]
    public void ALongOrdinaryMessageIsWithinTheCap()
    {
        var message = string.Concat(Enumerable.Repeat("<p>Morgen is er een <strong>studiedag</strong>; de kinderen zijn vrij.</p>", 200));
        Assert.True(PostHtml.IsWithinInputLimits(message));
        Assert.Contains("<strong>studiedag</strong>", PostHtml.Sanitize(message));
        Assert.True(PostHtml.IsWithinInputLimits(new string('x', 20_000)));
    }
}
