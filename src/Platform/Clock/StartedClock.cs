namespace Schoolplein.Platform.Clock;

/// <summary>
/// A clock that starts at a given instant and then runs on at the machine's pace. The demo that
/// the browser tests start pins "now" with it (<c>SCHOOLPLEIN_CLOCK</c>), and the HTTP tests use it
/// as their default clock, so a test sees the same weekday and hour whenever it runs. Timers and
/// timestamps stay the machine's own: only the wall-clock reading moves.
/// </summary>
public sealed class StartedClock : TimeProvider
{
    private readonly TimeProvider _machine;
    private TimeSpan _offset;

    public StartedClock(DateTimeOffset start, TimeProvider? machine = null)
    {
        _machine = machine ?? System;
        _offset = start - _machine.GetUtcNow();
    }

    public override DateTimeOffset GetUtcNow() => _machine.GetUtcNow() + _offset;

    public override TimeZoneInfo LocalTimeZone => _machine.LocalTimeZone;

    /// <summary>Moves the clock to <paramref name="instant"/>; it runs on from there.</summary>
    public void Set(DateTimeOffset instant) => _offset = instant - _machine.GetUtcNow();

    /// <summary>Moves the clock forward (or back, with a negative span).</summary>
    public void Advance(TimeSpan by) => _offset += by;
}
