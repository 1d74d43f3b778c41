using System.Text;
using System.Text.Json;
using Schoolplein.Platform.Push;
using Xunit;

namespace Schoolplein.Platform.Tests.Notifications;

public sealed class QuietHoursTests
{
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    private static DateTimeOffset Local(int year, int month, int day, int hour, int minute) =>
        new(new DateTime(year, month, day, hour, minute, 0), Amsterdam.GetUtcOffset(new DateTime(year, month, day, hour, minute, 0)));

    [Fact]
    public void APushWrittenInTheEveningIsHeldUntilSevenTheNextMorningSchoolTime()
    {
        var held = QuietHours.HeldUntil(Local(2026, 11, 30, 22, 15), Amsterdam, QuietHours.DefaultStart, QuietHours.DefaultEnd);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 6, 0, 0, TimeSpan.Zero), held);
    }

    [Fact]
    public void APushWrittenEarlyInTheMorningIsHeldUntilSevenThatMorning()
    {
        var held = QuietHours.HeldUntil(Local(2026, 7, 1, 5, 30), Amsterdam, QuietHours.DefaultStart, QuietHours.DefaultEnd);
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 5, 0, 0, TimeSpan.Zero), held);
    }

    [Theory]
    [InlineData(7, 0)]
    [InlineData(12, 0)]
    [InlineData(20, 59)]
    public void DuringTheDayNothingIsHeld(int hour, int minute) =>
        Assert.Null(QuietHours.HeldUntil(Local(2026, 11, 30, hour, minute), Amsterdam, QuietHours.DefaultStart, QuietHours.DefaultEnd));

    [Fact]
    public void QuietHoursWithinOneDayAndSwitchedOffWork()
    {
        var start = new TimeOnly(12, 0);
        var end = new TimeOnly(13, 0);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero),
            QuietHours.HeldUntil(Local(2026, 11, 30, 12, 30), Amsterdam, start, end));
        Assert.Null(QuietHours.HeldUntil(Local(2026, 11, 30, 13, 30), Amsterdam, start, end));
        Assert.Null(QuietHours.HeldUntil(Local(2026, 11, 30, 23, 0), Amsterdam, new TimeOnly(0, 0), new TimeOnly(0, 0)));
    }

    [Fact]
    public void OnTheNightClocksGoForwardTheMorningEndIsStillSevenLocalTime()
    {
        // 29 March 2026: 02:00 CET becomes 03:00 CEST; 07:00 CEST is 05:00 UTC.
        var held = QuietHours.HeldUntil(Local(2026, 3, 28, 23, 0), Amsterdam, QuietHours.DefaultStart, QuietHours.DefaultEnd);
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 5, 0, 0, TimeSpan.Zero), held);
    }
}

public sealed class PushPayloadTests
{
    [Fact]
    public void ThePayloadHoldsTitleShortBodyAndUrlAndStaysUnderThreeKilobytesWhateverTheText()
    {
        var longBody = string.Concat(Enumerable.Repeat("Ünïcödé 🎒 ", 500));
        var json = DeliverPushJob.Payload(new string('T', 300), longBody, "https://regenboog.schoolplein.nl/nieuws/0195", Guid.CreateVersion7());
        Assert.True(Encoding.UTF8.GetByteCount(json) < DeliverPushJob.MaxPayloadBytes);
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(120, doc.RootElement.GetProperty("title").GetString()!.Length);
        Assert.EndsWith("…", doc.RootElement.GetProperty("body").GetString());
        Assert.Equal("https://regenboog.schoolplein.nl/nieuws/0195", doc.RootElement.GetProperty("url").GetString());
    }
}
