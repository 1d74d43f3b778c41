using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Schoolplein.Platform.Forms;
using Xunit;

namespace Schoolplein.Testing;

/// <summary>
/// How to send one form of a POST handler that creates or sends something: as whom, how to reach
/// the rendered form (setting up what it needs) and fill it, and what one effect adds.
/// </summary>
/// <param name="Handler">The handler as "route" or "route?handler=Name" (see <see cref="DoubleSubmitSweep.PostHandlers"/>).</param>
/// <param name="Count">Counts what the handler adds; one effect adds <paramref name="Expected"/> (default 1).</param>
/// <param name="SignsIn">The handler signs the visitor in, so the later resubmit of the visitor's form is refused by the antiforgery check.</param>
public sealed record SweepRecipe(
    string Handler, string Name, string? User, Func<HttpClient, Task<RenderedForm>> Open, Func<Task<long>> Count,
    Func<Task<long>>? Expected = null, Func<IReadOnlyList<SweepAnswer>, HttpClient, Task<string?>>? Check = null, bool SignsIn = false);

public sealed record SweepAnswer(HttpStatusCode Status, string? Location, string Body);

/// <summary>
/// The double-submit sweep of issue 14: every POST page handler has a recipe or a reason why it
/// creates nothing, and every recipe's form sent twice at the same moment and once more later
/// (the back button) has exactly one effect.
/// </summary>
public static class DoubleSubmitSweep
{
    public const string AlreadySentNotice = "Dit formulier was al verstuurd.";

    /// <summary>Every POST page handler of an app, as "route" or "route?handler=Name", with its route template.</summary>
    public static IReadOnlyDictionary<string, RouteTemplate> PostHandlers(IServiceProvider services)
    {
        var handlers = new Dictionary<string, RouteTemplate>(StringComparer.Ordinal);
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.OfType<CompiledPageActionDescriptor>().FirstOrDefault() is not { } page)
            {
                continue;
            }
            foreach (var handler in page.HandlerMethods.Where(h => h.HttpMethod.Equals("POST", StringComparison.OrdinalIgnoreCase)))
            {
                var route = endpoint.RoutePattern.RawText!.TrimStart('/');
                handlers.TryAdd(handler.Name is null ? route : $"{route}?handler={handler.Name}", TemplateParser.Parse(route));
            }
        }
        return handlers;
    }

    /// <summary>
    /// Every POST handler (at least <paramref name="atLeast"/>, so a broken handler list fails) has a recipe or
    /// a reason why it creates nothing, never both, and neither list names a handler that does not exist (renamed?).
    /// </summary>
    public static void AssertCoverage(
        IReadOnlyDictionary<string, RouteTemplate> handlers, IEnumerable<SweepRecipe> recipes, IReadOnlyDictionary<string, string> createsNothing, int atLeast)
    {
        Assert.True(handlers.Count > atLeast, $"only {handlers.Count} POST handlers found");
        var swept = recipes.Select(r => r.Handler).ToHashSet(StringComparer.Ordinal);
        var missing = handlers.Keys.Where(h => !swept.Contains(h) && !createsNothing.ContainsKey(h)).Order(StringComparer.Ordinal).ToList();
        var stale = swept.Concat(createsNothing.Keys).Where(h => !handlers.ContainsKey(h)).ToList();
        Assert.True(missing.Count == 0, "POST handlers with neither a double-submit recipe nor a reason why they create nothing:\n" + string.Join("\n", missing));
        Assert.True(stale.Count == 0, "listed handlers that do not exist (renamed?):\n" + string.Join("\n", stale));
        Assert.Empty(swept.Intersect(createsNothing.Keys));
    }

    /// <summary>GETs the page and takes the form of <paramref name="handler"/> (null: the page's own handler) in the main content.</summary>
    public static Func<HttpClient, Task<RenderedForm>> Page(string url, string? handler = null, Action<RenderedForm>? fill = null) =>
        async client =>
        {
            var form = await RenderedForm.FromPageAsync(client, url, f => f.Closest("main") is not null && HandlerOf(f) == handler);
            fill?.Invoke(form);
            return form;
        };

    public static string? HandlerOf(IHtmlFormElement form)
    {
        var action = form.GetAttribute("action") ?? "";
        var at = action.IndexOf("handler=", StringComparison.OrdinalIgnoreCase);
        return at < 0 ? null : action[(at + "handler=".Length)..].Split('&')[0];
    }

    /// <summary>Sweeps one recipe (<see cref="SweepAsync(SweepRecipe, HttpClient, IReadOnlyDictionary{string, RouteTemplate}, TestDatabase)"/>), writes its line to <paramref name="log"/> and collects its failure.</summary>
    public static async Task SweepAsync(
        SweepRecipe recipe, HttpClient client, IReadOnlyDictionary<string, RouteTemplate> handlers, TestDatabase database, Action<string> log, List<string> failures)
    {
        var problem = await SweepAsync(recipe, client, handlers, database);
        log($"{(problem is null ? "ok  " : "FAIL")} {recipe.Handler} ({recipe.Name}){(problem is null ? "" : ": " + problem)}");
        if (problem is not null)
        {
            failures.Add($"{recipe.Handler} ({recipe.Name}): {problem}");
        }
    }

    /// <summary>Sends the recipe's form twice at once and once more later; null when that had exactly one effect, else what went wrong.</summary>
    public static async Task<string?> SweepAsync(SweepRecipe recipe, HttpClient client, IReadOnlyDictionary<string, RouteTemplate> handlers, TestDatabase database)
    {
        RenderedForm form;
        try
        {
            form = await recipe.Open(client);
        }
        catch (Exception e)
        {
            return "could not open the form: " + e.Message;
        }
        if (!FormKeys.IsWellFormed(form[FormKeys.FieldName]))
        {
            return "the rendered form has no form key";
        }
        // The recipe must send the handler it is listed for.
        var query = form.Action.Contains('?') ? form.Action[form.Action.IndexOf('?')..] : "";
        var handler = QueryHelpers.ParseQuery(query).GetValueOrDefault("handler").ToString();
        var listed = recipe.Handler.Contains("?handler=", StringComparison.Ordinal) ? recipe.Handler.Split("?handler=")[1] : "";
        if (!new TemplateMatcher(handlers[recipe.Handler], []).TryMatch(form.Action.Split('?')[0], [])
            || !string.Equals(handler, listed, StringComparison.OrdinalIgnoreCase))
        {
            return $"the form posts to {form.Action}, not to {recipe.Handler}";
        }

        var expected = recipe.Expected is null ? 1 : await recipe.Expected();
        var before = await recipe.Count();
        var outboxBefore = await IdsAsync(database, "outbox_emails");
        var notificationsBefore = await IdsAsync(database, "notifications");

        var answers = new List<SweepAnswer>();
        try
        {
            var pair = await Task.WhenAll(form.SubmitAsync(client), form.SubmitAsync(client));
            foreach (var response in pair.Append(await form.SubmitAsync(client)))
            {
                using (response)
                {
                    answers.Add(new SweepAnswer(response.StatusCode, response.Headers.Location?.ToString(), await response.Content.ReadAsStringAsync()));
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The test server passes an unhandled exception of the app on to the client.
            return $"a submit failed: {e.GetType().Name}: {e.Message}";
        }
        var statuses = string.Join(", ", answers.Select(a => (int)a.Status));
        var added = await recipe.Count() - before;
        if (added != expected)
        {
            return $"{added} added instead of {expected} (answers {statuses})";
        }
        if (answers.Take(2).Any(a => (int)a.Status >= 400))
        {
            return "the two taps answered " + statuses;
        }
        var last = answers[^1];
        if (recipe.SignsIn && last.Status == HttpStatusCode.BadRequest)
        {
            // The form was rendered for a visitor and is sent again by the now signed-in user: the
            // antiforgery check refuses it before any handler runs (as it always did).
            return await DuplicateEffectsAsync(database, outboxBefore, notificationsBefore);
        }
        // The back-button resubmit is answered from the record, not by running the handler again.
        if (last.Status != HttpStatusCode.Redirect || last.Location is null)
        {
            return $"the later resubmit answered {(int)last.Status}, not the first submit's redirect (answers {statuses})";
        }
        using var landed = await client.GetAsync(last.Location);
        if (!(await landed.Content.ReadAsStringAsync()).Contains(AlreadySentNotice, StringComparison.Ordinal))
        {
            return $"{last.Location} does not say the form was already sent";
        }
        return await DuplicateEffectsAsync(database, outboxBefore, notificationsBefore)
            ?? (recipe.Check is null ? null : await recipe.Check(answers, client));
    }

    private static async Task<string?> DuplicateEffectsAsync(TestDatabase database, HashSet<Guid> outboxBefore, HashSet<Guid> notificationsBefore)
    {
        if (await DuplicatesAsync(database, "outbox_emails", "to_address || ' / ' || subject", outboxBefore) is { } twiceMailed)
        {
            return "mailed twice: " + twiceMailed;
        }
        var notification = "user_id::text || ' / ' || kind || ' / ' || coalesce(source_id::text, '') || ' / ' || title";
        if (await DuplicatesAsync(database, "notifications", notification, notificationsBefore) is { } twiceNotified)
        {
            return "notified twice: " + twiceNotified;
        }
        return null;
    }

    private static async Task<HashSet<Guid>> IdsAsync(TestDatabase database, string table)
    {
        var ids = new HashSet<Guid>();
        await using var connection = new NpgsqlConnection(database.SuperuserConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT id FROM {table}", connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }
        return ids;
    }

    /// <summary>Rows added since <paramref name="before"/> that share <paramref name="what"/> (the same mail to the same person).</summary>
    private static async Task<string?> DuplicatesAsync(TestDatabase database, string table, string what, HashSet<Guid> before)
    {
        await using var connection = new NpgsqlConnection(database.SuperuserConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT id, {what} FROM {table}", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            if (!before.Contains(reader.GetGuid(0)))
            {
                var key = reader.GetString(1);
                seen[key] = seen.GetValueOrDefault(key) + 1;
            }
        }
        var twice = seen.Where(s => s.Value > 1).Select(s => $"{s.Key} ×{s.Value}").ToList();
        return twice.Count == 0 ? null : string.Join("; ", twice.Take(3));
    }
}
