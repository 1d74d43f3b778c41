using System.Diagnostics;
using Xunit;

namespace Schoolplein.Testing;

/// <summary>
/// Waits for a condition with a timeout measured on a stopwatch (never the wall clock, which a
/// test may have moved). The one wait loop of the tests.
/// </summary>
public static class Eventually
{
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, int seconds = 30, int pollMilliseconds = 100)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(seconds), $"Timed out after {seconds} s waiting until {what}");
            await Task.Delay(pollMilliseconds);
        }
    }

    public static Task UntilAsync(Func<bool> condition, string what, int seconds = 30, int pollMilliseconds = 100) =>
        UntilAsync(() => Task.FromResult(condition()), what, seconds, pollMilliseconds);

    /// <summary>Polls <paramref name="read"/> until it returns a value (not null); throws <see cref="TimeoutException"/> otherwise.</summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T?>> read, string what, int seconds = 30, int pollMilliseconds = 100) where T : class
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if (await read() is { } value)
            {
                return value;
            }
            if (watch.Elapsed > TimeSpan.FromSeconds(seconds))
            {
                throw new TimeoutException($"Timed out after {seconds} s waiting for {what}.");
            }
            await Task.Delay(pollMilliseconds);
        }
    }
}

/// <summary>A timeout on a stopwatch: <c>var deadline = Deadline.In(30); while (!deadline.Passed) …</c></summary>
public sealed class Deadline
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private readonly TimeSpan _limit;

    private Deadline(TimeSpan limit) => _limit = limit;

    public static Deadline In(double seconds) => new(TimeSpan.FromSeconds(seconds));

    public static Deadline In(TimeSpan limit) => new(limit);

    public bool Passed => _watch.Elapsed > _limit;
}
