namespace Schoolplein.Platform;

/// <summary>
/// The result of a command a person gave: either done (with an optional value) or refused with
/// the resource key of a clear message and its arguments. Nothing is saved when refused.
/// </summary>
public sealed record Outcome<T>(T? Value, string? Error, object[] ErrorArgs)
{
    public bool Succeeded => Error is null;

    public static Outcome<T> Done(T value) => new(value, null, []);

    public static Outcome<T> Refused(string error, params object[] args) => new(default, error, args);
}
