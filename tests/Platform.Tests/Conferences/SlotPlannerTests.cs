using Schoolplein.Platform.Conferences;
using Xunit;

namespace Schoolplein.Platform.Tests.Conferences;

public sealed class SlotPlannerTests
{
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
    private static readonly DateOnly Tuesday = new(2027, 2, 9);

    private static TimeRange R(int h1, int m1, int h2, int m2) => new(new(h1, m1), new(h2, m2));

    [Fact]
    public void AWindowIsCutIntoSlotsOfTheSlotLengthInSchoolTime()
    {
        var plan = SlotPlanner.Plan(Tuesday, R(19, 0, 20, 0), 10, [], Amsterdam);
        Assert.True(plan.Succeeded);
        Assert.Equal(6, plan.Slots.Count);
        Assert.Equal(new DateTimeOffset(2027, 2, 9, 18, 0, 0, TimeSpan.Zero), plan.Slots[0].Start);
        Assert.Equal(new DateTimeOffset(2027, 2, 9, 19, 0, 0, TimeSpan.Zero), plan.Slots[^1].End);
    }

    [Fact]
    public void BreaksAreLeftOut()
    {
        var plan = SlotPlanner.Plan(Tuesday, R(15, 0, 17, 0), 10, [R(16, 0, 16, 10)], Amsterdam);
        Assert.True(plan.Succeeded);
        Assert.Equal(11, plan.Slots.Count);
        Assert.DoesNotContain(plan.Slots, s => s.Start < new DateTimeOffset(2027, 2, 9, 15, 10, 0, TimeSpan.Zero) && s.End > new DateTimeOffset(2027, 2, 9, 15, 0, 0, TimeSpan.Zero));
        Assert.Contains(plan.Slots, s => s.Start == new DateTimeOffset(2027, 2, 9, 15, 10, 0, TimeSpan.Zero));
    }

    [Fact]
    public void ASlotLengthThatDoesNotFitTheWindowEvenlyIsRefusedWithEndTimesThatWould()
    {
        var plan = SlotPlanner.Plan(Tuesday, R(19, 0, 20, 25), 10, [], Amsterdam);
        Assert.False(plan.Succeeded);
        Assert.Empty(plan.Slots);
        var error = Assert.Single(plan.Problems);
        Assert.Equal("ErrorSlotRemainder_Other", error.Key);
        Assert.Equal([10, 5, "20:25", "20:20", "20:30"], error.Args);
        // One minute left: the singular text ("er blijft 1 minuut over").
        Assert.Equal("ErrorSlotRemainder_One", Assert.Single(SlotPlanner.Plan(Tuesday, R(19, 0, 20, 1), 10, [], Amsterdam).Problems).Key);
    }

    [Fact]
    public void AWindowShorterThanOneSlotIsRefused()
    {
        var plan = SlotPlanner.Plan(Tuesday, R(19, 0, 19, 10), 15, [], Amsterdam);
        Assert.Equal("ErrorSlotDoesNotFit_Other", Assert.Single(plan.Problems).Key);
    }

    [Fact]
    public void ABreakThatLeavesARemainderBeforeItIsRefused()
    {
        var plan = SlotPlanner.Plan(Tuesday, R(19, 0, 20, 0), 10, [R(19, 25, 19, 35)], Amsterdam);
        Assert.Contains(plan.Problems, e => e.Key.StartsWith("ErrorSlotRemainder_", StringComparison.Ordinal));
        Assert.Empty(plan.Slots);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(121)]
    public void SlotLengthsOutsideFiveToHundredTwentyMinutesAreRefused(int minutes) =>
        Assert.Equal("ErrorSlotLength", Assert.Single(SlotPlanner.Plan(Tuesday, R(19, 0, 21, 0), minutes, [], Amsterdam).Problems).Key);

    [Fact]
    public void BadBreaksAndWindowsAreRefused()
    {
        Assert.Equal("ErrorWindowOrder", Assert.Single(SlotPlanner.Plan(Tuesday, R(20, 0, 19, 0), 10, [], Amsterdam).Problems).Key);
        Assert.Equal("ErrorBreakOutsideWindow", Assert.Single(SlotPlanner.Plan(Tuesday, R(19, 0, 20, 0), 10, [R(20, 0, 20, 10)], Amsterdam).Problems).Key);
        Assert.Equal("ErrorBreakOrder", Assert.Single(SlotPlanner.Plan(Tuesday, R(19, 0, 20, 0), 10, [R(19, 30, 19, 20)], Amsterdam).Problems).Key);
        Assert.Equal("ErrorBreakOverlap", Assert.Single(SlotPlanner.Plan(Tuesday, R(19, 0, 21, 0), 10, [R(19, 30, 19, 50), R(19, 40, 20, 0)], Amsterdam).Problems).Key);
    }

    [Fact]
    public void OnTheDstDaySlotsUseTheSummerOffsetAfterTheSwitch()
    {
        // Sunday 28 March 2027: clocks go from 02:00 to 03:00.
        var afternoon = SlotPlanner.Plan(new(2027, 3, 28), R(14, 0, 15, 0), 15, [], Amsterdam);
        Assert.Equal(new DateTimeOffset(2027, 3, 28, 12, 0, 0, TimeSpan.Zero), afternoon.Slots[0].Start);
        var dayBefore = SlotPlanner.Plan(new(2027, 3, 27), R(14, 0, 15, 0), 15, [], Amsterdam);
        Assert.Equal(new DateTimeOffset(2027, 3, 27, 13, 0, 0, TimeSpan.Zero), dayBefore.Slots[0].Start);
    }

    [Fact]
    public void AWindowAcrossTheDstSwitchHasSlotsOfRealLengthOnly()
    {
        // 01:00–04:00 on the spring day is two real hours: 8 slots of 15 minutes, none in the skipped hour.
        var spring = SlotPlanner.Plan(new(2027, 3, 28), R(1, 0, 4, 0), 15, [], Amsterdam);
        Assert.True(spring.Succeeded);
        Assert.Equal(8, spring.Slots.Count);
        Assert.All(spring.Slots, s => Assert.Equal(TimeSpan.FromMinutes(15), s.End - s.Start));
        // 01:00–04:00 on the autumn day (31 October 2027) is four real hours.
        var autumn = SlotPlanner.Plan(new(2027, 10, 31), R(1, 0, 4, 0), 15, [], Amsterdam);
        Assert.Equal(16, autumn.Slots.Count);
    }

    [Fact]
    public void BreaksAreReadFromText()
    {
        Assert.Equal([R(19, 30, 19, 45), R(20, 30, 20, 40)], TimeRange.ParseList("19:30-19:45, 20:30 - 20:40"));
        Assert.Empty(TimeRange.ParseList(" ")!);
        Assert.Null(TimeRange.ParseList("half acht"));
    }
}
