using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace Schoolplein.Platform;

/// <summary>
/// Why a command was refused: the resource key of a clear message, its arguments, and the form
/// field it belongs to (null: the form as a whole). Platform says no with keys; the web project
/// that shows the form translates them with the feature's own resource (<see cref="ProblemText"/>).
/// </summary>
public sealed record Problem(string Key, params object[] Args)
{
    public string? Field { get; init; }

    /// <summary>The same problem, shown at <paramref name="field"/> of the form.</summary>
    public Problem On(string field) => this with { Field = field };
}

/// <summary>
/// The result of a command a person gave: done, or refused with the problems to show. The one
/// way to say no in this code base; nothing is saved when refused.
/// </summary>
public sealed record Outcome(IReadOnlyList<Problem> Problems)
{
    public static readonly Outcome Done = new([]);

    public bool Succeeded => Problems.Count == 0;

    public static Outcome Refused(string key, params object[] args) => new([new Problem(key, args)]);

    public static Outcome Refused(IEnumerable<Problem> problems) => new([.. problems]);
}

/// <summary>Like <see cref="Outcome"/>, with a value when done (the new row's id, what was decided …).</summary>
public sealed record Outcome<T>(T? Value, IReadOnlyList<Problem> Problems)
{
    public bool Succeeded => Problems.Count == 0;

    /// <summary>The first problem's key (pages that show one message).</summary>
    public string? Error => Problems.Count == 0 ? null : Problems[0].Key;

    public object[] ErrorArgs => Problems.Count == 0 ? [] : Problems[0].Args;

    public static Outcome<T> Done(T value) => new(value, []);

    public static Outcome<T> Refused(string key, params object[] args) => new(default, [new Problem(key, args)]);

    public static Outcome<T> Refused(IEnumerable<Problem> problems) => new(default, [.. problems]);

    public static implicit operator Outcome<T>(Problem problem) => new(default, [problem]);
}

/// <summary>How a web project turns problems into text on its forms.</summary>
public static class ProblemText
{
    public static string Text(this IStringLocalizer text, Problem problem) => text[problem.Key, problem.Args];

    /// <summary>
    /// Adds each problem to the page's model state at its field (under <paramref name="prefix"/>,
    /// e.g. "Input"), or to the form as a whole.
    /// </summary>
    public static void AddProblems(this ModelStateDictionary state, IEnumerable<Problem> problems, IStringLocalizer text, string? prefix = null)
    {
        foreach (var problem in problems)
        {
            var key = problem.Field is null ? "" : prefix is null ? problem.Field : $"{prefix}.{problem.Field}";
            state.AddModelError(key, text.Text(problem));
        }
    }
}
