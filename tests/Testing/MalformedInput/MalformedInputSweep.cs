using AngleSharp.Dom;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Serilog.Events;

namespace Schoolplein.Testing.MalformedInput;

/// <summary>A signed-in (or anonymous) client the sweep acts as; <paramref name="TokenPage"/> renders an antiforgery token for it.</summary>
public sealed record SweepUser(string Name, HttpClient Client, string TokenPage);

/// <summary>
/// Issue 14, part 2, for any of our apps: every date, time, number, enum and id parameter (found by
/// <see cref="InputInventory"/>) gets extreme and malformed values: 0001-01-01, 9999-12-31,
/// 0000-00-00, empty, negative, huge, non-numeric and a few per kind. GETs carry them in the query
/// string, POSTs in the form a page rendered (with valid values in the other fields) where only that
/// field is replaced, route parameters in the path. Failures: a 5xx, a request the request log
/// recorded as failed, a non-Guid in a {x:guid} route that is not a 404, a refused POST that added or removed
/// a row, any date or time written outside 2000–2100 (seen by a trigger, also when overwritten later),
/// a parameter never attacked, and a valid form (see <see cref="Valid"/>) that is refused.
/// <see cref="RunAsync"/> returns them; the caller asserts there are none.
/// </summary>
public sealed class MalformedInputSweep(IServiceProvider services, string superuserConnectionString, TestLogSink logs, Action<string> output)
{
    public static readonly IReadOnlyList<string> Common = ["0001-01-01", "9999-12-31", "0000-00-00", "", "-1", "99999999999999999999", "abc"];

    public static readonly IReadOnlyDictionary<InputKind, string[]> Extra = new Dictionary<InputKind, string[]>
    {
        [InputKind.Date] = ["2026-02-30", "10 maart", "1999-12-31", "2101-01-01", "-2026-01-01"],
        [InputKind.Month] = ["0001-01", "9999-12", "0000-00", "2026-13", "9999-99"],
        [InputKind.Time] = ["00:00", "23:59", "24:00", "99:99", "-01:00", "23:59:59"],
        [InputKind.TimeRanges] = ["00:00-23:59", "23:59-00:00", "99:99-99:99", "00:00-00:00", "12:00-12:00, 12:00-12:00"],
        [InputKind.Number] = ["0", "2147483647", "-2147483648", "9223372036854775807", "-9223372036854775808", "1e308", "NaN"],
        [InputKind.Enum] = ["99", "2147483647"],
        [InputKind.Guid] = ["00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff"],
        [InputKind.Choice] = ["99", "Other"],
        [InputKind.Cursor] = [$"0-0-{Guid.Empty:N}", $"1-{DateTimeOffset.MaxValue.UtcTicks}-{Guid.Empty:N}", $"0--1-{Guid.Empty:N}", $"1-{long.MaxValue}-{Guid.Empty:N}"],
        [InputKind.SchoolYear] = ["2099-2100", "2000-2001", "0000-0001", "9999-10000", "2026-2026"],
    };

    public static IEnumerable<string> ValuesFor(InputKind kind) => Common.Concat(Extra.GetValueOrDefault(kind, []));

    private readonly List<string> _failures = [];
    private readonly Dictionary<string, string> _tokens = [];
    private int _requests;
    private int _logMark;

    /// <summary>
    /// Valid values for fields a rendered form leaves empty, per "{route}" or "{route}?handler={name}"
    /// (the attacked field is replaced after these are set). Each of these baselines must be accepted
    /// when posted unchanged, which shows the attacks reached the checks behind the format.
    /// </summary>
    public IReadOnlyDictionary<string, Dictionary<string, string>> Valid { get; init; } = new Dictionary<string, Dictionary<string, string>>();

    /// <summary>
    /// Values the attacks use on top of <see cref="Valid"/> where the valid form, once accepted, would
    /// make them fail for another reason (the same window again overlaps): so a bug behind that check
    /// (a teacher id that did not bind, replaced by the default teacher) is not hidden by it.
    /// </summary>
    public IReadOnlyDictionary<string, Dictionary<string, string>> AttackWith { get; init; } = new Dictionary<string, Dictionary<string, string>>();

    public async Task<IReadOnlyList<string>> RunAsync(InputInventory inventory, IReadOnlyList<SweepUser> users, IEnumerable<string> extraStarts)
    {
        var endpoints = services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var site = new Site(endpoints);
        // Start from every route without parameters, so pages nobody links to are reached as well.
        var starts = endpoints.Where(e => e.RoutePattern.Parameters.Count == 0).Select(e => "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'))
            .Prepend("/").Concat(extraStarts).Distinct().ToList();
        foreach (var user in users)
        {
            await site.CrawlAsync(user.Name, user.Client, starts);
        }
        output($"crawl: {site.Visits.Count} pages, {site.Forms.Count} forms");
        var attacked = new HashSet<string>();
        await AttackRoutesAsync(inventory, site, users, attacked);
        await AttackQueriesAsync(inventory, site, users, attacked);
        await AttackFormsAsync(inventory, site, users, attacked);

        var keys = inventory.Fields.Select(CoverageKey).ToHashSet();
        output($"{keys.Count} parameters, {attacked.Count} attacked, {_requests} requests with bad values");
        foreach (var text in inventory.Strings.Distinct())
        {
            output("free text, not attacked: " + text);
        }
        // A JSON body field of an attackable type (none today) is never attacked, so it fails here: teach the sweep JSON first.
        _failures.AddRange(inventory.Fields.Where(f => !attacked.Contains(CoverageKey(f))).Select(f => "not reached: " + f).Distinct());
        _failures.AddRange(await OutOfRangeAsync());
        if (await OutOfRangeSinceAsync(0) is { Length: > 0 } written)
        {
            _failures.Add($"written outside 2000–2100 during the sweep: {written}");
        }
        return _failures.Distinct().ToList();
    }

    /// <summary>A bound input model counts as attacked through any handler of its page; handler parameters per handler.</summary>
    private static string CoverageKey(InputField f) =>
        f.Source == InputSource.Form && !f.Origin.StartsWith('/') ? $"{f.Target.Route} {f.Name}" : $"{f.Target} {f.Name}";

    /// <summary>Route parameters: each bad value in the path, the other parameters valid (from a crawled URL) or empty ids.</summary>
    private async Task AttackRoutesAsync(InputInventory inventory, Site site, IReadOnlyList<SweepUser> users, HashSet<string> attacked)
    {
        foreach (var group in inventory.Fields.Where(f => f.Source == InputSource.Route).GroupBy(f => (f.Target.Endpoint, f.Name)))
        {
            var (endpoint, name) = group.Key;
            var visit = site.Visits.FirstOrDefault(v => v.Endpoint == endpoint);
            var user = users.FirstOrDefault(u => u.Name == visit?.Who) ?? users[0];
            var parameter = endpoint.RoutePattern.Parameters.Single(p => p.Name == name);
            foreach (var value in ValuesFor(group.First().Kind))
            {
                var url = RouteUrl(endpoint.RoutePattern, visit?.Url, name, value);
                foreach (var method in group.Select(f => f.Target.Method).Distinct())
                {
                    using var response = await SendAsync(method, url, user);
                    var status = (int)response.StatusCode;
                    if (Check($"{method} {url} as {user.Name}", status)
                        && parameter.ParameterPolicies.Any(p => p.Content == "guid") && value.Length > 0 && !Guid.TryParse(value, out _) && status != 404)
                    {
                        _failures.Add($"{method} {url} as {user.Name} answered {status}, not 404, for an id that is not a Guid");
                    }
                }
            }
            foreach (var field in group)
            {
                attacked.Add(CoverageKey(field));
            }
        }
    }

    private static string RouteUrl(RoutePattern pattern, string? valid, string name, string value)
    {
        var validValues = valid is null ? null : Site.RouteValues(pattern, valid.Split('?')[0]);
        return "/" + string.Join('/', pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart p when p.Name == name => Uri.EscapeDataString(value),
            RoutePatternParameterPart p => validValues?.GetValueOrDefault(p.Name) ?? (p.ParameterPolicies.Any(x => x.Content == "int") ? "1" : Guid.Empty.ToString()),
            _ => "",
        }))));
    }

    /// <summary>Query parameters of GETs: as every user who reached the route, on the URL they reached.</summary>
    private async Task AttackQueriesAsync(InputInventory inventory, Site site, IReadOnlyList<SweepUser> users, HashSet<string> attacked)
    {
        foreach (var group in inventory.Fields.Where(f => f.Source == InputSource.Query && f.Target.Method == "GET").GroupBy(f => f.Target))
        {
            var target = group.Key;
            var visits = site.Visits.Where(v => v.Endpoint == target.Endpoint).GroupBy(v => v.Who).Select(g => g.First()).ToList();
            if (visits.Count == 0)
            {
                // Not linked from any page (an export, an e-mail link, a photo nobody has): try it as everyone,
                // with empty ids in the path (the handler still binds the query).
                var url = RouteUrl(target.Endpoint.RoutePattern, null, "", "");
                visits = users.Select(u => new Site.Visit(u.Name, url, target.Endpoint)).ToList();
            }
            foreach (var visit in visits)
            {
                var user = users.Single(u => u.Name == visit.Who);
                var path = visit.Url.Split('?')[0] + (target.Handler is { Length: > 0 } h ? $"?handler={h}&" : "?");
                foreach (var field in group)
                {
                    foreach (var value in ValuesFor(field.Kind))
                    {
                        var url = path + Uri.EscapeDataString(field.Name) + "=" + Uri.EscapeDataString(value);
                        using var response = await SendAsync("GET", url, user);
                        Check($"GET {url} as {user.Name}", (int)response.StatusCode);
                    }
                    attacked.Add(CoverageKey(field));
                }
            }
        }
    }

    /// <summary>
    /// Form fields of POSTs: the rendered form with valid values, one field replaced by each bad value.
    /// A handler no page rendered a form for (a link that is only in an e-mail, a list that is empty
    /// here) gets its fields with just the antiforgery token, and is listed in the output as such.
    /// </summary>
    private async Task AttackFormsAsync(InputInventory inventory, Site site, IReadOnlyList<SweepUser> users, HashSet<string> attacked)
    {
        var tables = await InstallWriteCountersAsync();
        var counts = await CountsAsync(tables);
        var used = new HashSet<string>();
        foreach (var group in inventory.Fields.Where(f => f.Source is InputSource.Form or InputSource.Query && f.Target.Method == "POST").GroupBy(f => f.Target))
        {
            var target = group.Key;
            var key = target.Route + (target.Handler is { Length: > 0 } h ? $"?handler={h}" : "");
            var forms = site.Forms.Where(f => site.Match(f.Path) == target.Endpoint && string.Equals(f.Handler ?? "", target.Handler ?? "", StringComparison.OrdinalIgnoreCase)).ToList();
            // One user per form: the first in the given order who was shown it.
            var form = users.Select(u => forms.FirstOrDefault(f => f.Who == u.Name)).FirstOrDefault(f => f is not null);
            if (form is null)
            {
                var visit = site.Visits.FirstOrDefault(v => v.Endpoint == target.Endpoint);
                var path = visit?.Url.Split('?')[0] ?? RouteUrl(target.Endpoint.RoutePattern, null, "", "");
                var fallback = users.SingleOrDefault(u => u.Name == visit?.Who) ?? users[^1];
                form = new CrawledForm(fallback.Name, path, path + (target.Handler is { Length: > 0 } handler ? $"?handler={handler}" : ""), false,
                    [new("__RequestVerificationToken", await TokenAsync(fallback))]);
                output($"no rendered form for {target}: posted its fields alone as {fallback.Name}");
            }
            var user = users.Single(u => u.Name == form.Who);
            // Without the rendered form's key: each attack is a submit of its own, not a repeat of the
            // first one (which the double-submit guard would answer without running the handler).
            var baseline = form.Fields.Where(f => f.Key != Schoolplein.Platform.Forms.FormKeys.FieldName).ToList();
            var hasValid = Valid.TryGetValue(key, out var values);
            if (hasValid)
            {
                used.Add(key);
            }
            foreach (var (name, value) in values ?? [])
            {
                baseline.RemoveAll(kv => string.Equals(kv.Key, name, StringComparison.OrdinalIgnoreCase));
                baseline.Add(new(name, value));
            }
            if (hasValid)
            {
                // The valid form itself is accepted (before the attacks, which then meet the same state): so the
                // attacks below, which change one field of it, get past every other check.
                using var response = await PostAsync(user.Client, form, baseline);
                var status = (int)response.StatusCode;
                if (!(status is >= 300 and < 400 || (status == 200 && !await ShowsErrorAsync(response))))
                {
                    _failures.Add($"the valid form of {target} as {user.Name} was refused ({status}): {await ErrorTextAsync(response)}");
                }
                counts = await CountsAsync(tables);
            }
            foreach (var (name, value) in AttackWith.GetValueOrDefault(key) ?? [])
            {
                baseline.RemoveAll(kv => string.Equals(kv.Key, name, StringComparison.OrdinalIgnoreCase));
                baseline.Add(new(name, value));
            }
            foreach (var field in group)
            {
                var names = Names(field.Name).ToList();
                // A page's bound input model is attacked through the forms that send it, never added to another
                // handler's form (Input.* added to "archive pupil" would archive the pupil).
                var root = field.Name.Split('.')[0];
                if (field.Name.Contains('.', StringComparison.Ordinal) && !field.Origin.StartsWith('/')
                    && !baseline.Any(kv => names.Contains(kv.Key, StringComparer.OrdinalIgnoreCase) || kv.Key.StartsWith(root + ".", StringComparison.OrdinalIgnoreCase)))
                {
                    continue;
                }
                var sendAs = baseline.FirstOrDefault(kv => names.Contains(kv.Key, StringComparer.OrdinalIgnoreCase)).Key ?? names[0];
                foreach (var value in ValuesFor(field.Kind))
                {
                    var fields = baseline.Where(kv => !names.Contains(kv.Key, StringComparer.OrdinalIgnoreCase)).Append(new(sendAs, value)).ToList();
                    var before = counts;
                    Mark();
                    _requests++;
                    using var response = await PostAsync(user.Client, form, fields);
                    var status = (int)response.StatusCode;
                    var description = $"POST {form.Action} as {user.Name} with {sendAs}='{value}'";
                    var refused = status >= 400 || (status == 200 && await ShowsErrorAsync(response));
                    counts = await CountsAsync(tables);
                    if (counts[OutOfRangeKey] > before[OutOfRangeKey])
                    {
                        // Stored, even if a later request overwrites it again.
                        _failures.Add($"{description} stored {await OutOfRangeSinceAsync(before[OutOfRangeKey])}");
                    }
                    if (!Check(description, status) || !refused)
                    {
                        // A redirect, or a page without an error message: accepted, so rows may change.
                        continue;
                    }
                    foreach (var table in tables.Where(t => t != OutOfRangeKey && before[t] != counts[t]))
                    {
                        _failures.Add($"{description} was refused ({status}) but added or removed {counts[table] - before[table]} row(s) of {table}");
                    }
                }
                attacked.Add(CoverageKey(field));
            }
        }
        _failures.AddRange(Valid.Keys.Concat(AttackWith.Keys).Where(k => !used.Contains(k)).Select(k => $"valid values for {k}, which has no attacked form"));
    }

    private static IEnumerable<string> Names(string name)
    {
        yield return name;
        // A complex handler parameter ([FromForm] ClosureForm input) binds without its prefix too.
        if (name.Contains('.', StringComparison.Ordinal) && char.IsLower(name[0]))
        {
            yield return name[(name.IndexOf('.', StringComparison.Ordinal) + 1)..];
        }
    }

    private const string ErrorSelector = ".errors, .field-error, .validation-summary-errors, .input-validation-error, .field-validation-error";

    private static async Task<bool> ShowsErrorAsync(HttpResponseMessage response) =>
        response.Content.Headers.ContentType?.MediaType == "text/html"
        && (await response.HtmlAsync()).QuerySelectorAll(ErrorSelector)
            .Any(e => e.TextContent.Trim().Length > 0 || e.ClassList.Contains("input-validation-error"));

    private static async Task<string> ErrorTextAsync(HttpResponseMessage response) =>
        response.Content.Headers.ContentType?.MediaType == "text/html"
            ? string.Join(" | ", (await response.HtmlAsync()).QuerySelectorAll(ErrorSelector).Select(e => e.TextContent.Trim()).Where(t => t.Length > 0))
            : "";

    private async Task<HttpResponseMessage> SendAsync(string method, string url, SweepUser user)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method != "GET")
        {
            request.Content = new FormUrlEncodedContent([new("__RequestVerificationToken", await TokenAsync(user))]);
        }
        _requests++;
        Mark();
        return await SafelyAsync(() => user.Client.SendAsync(request));
    }

    /// <summary>
    /// An app without an exception handler (the backoffice in tests) lets the test server throw the
    /// exception into the client: that is the 500 a browser would get, recorded as such.
    /// </summary>
    private async Task<HttpResponseMessage> SafelyAsync(Func<Task<HttpResponseMessage>> send)
    {
        try
        {
            return await send();
        }
        catch (Exception e) when (e is not HttpRequestException { InnerException: null })
        {
            _thrown = e;
            return new HttpResponseMessage(System.Net.HttpStatusCode.InternalServerError);
        }
    }

    private Exception? _thrown;

    private Task<HttpResponseMessage> PostAsync(HttpClient client, CrawledForm form, List<KeyValuePair<string, string>> fields)
    {
        if (!form.Multipart)
        {
            return SafelyAsync(() => client.PostAsync(form.Action, new FormUrlEncodedContent(fields)));
        }
        var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }
        return SafelyAsync(() => client.PostAsync(form.Action, content));
    }

    private async Task<string> TokenAsync(SweepUser user)
    {
        if (!_tokens.TryGetValue(user.Name, out var token))
        {
            token = await Forms.AntiforgeryTokenAsync(user.Client, user.TokenPage);
            _tokens[user.Name] = token;
        }
        return token;
    }

    /// <summary>Marks the log before a request, so <see cref="Check"/> sees only what that request logged.</summary>
    private void Mark()
    {
        _logMark = logs.Events.Count;
        _thrown = null;
    }

    /// <summary>
    /// A 5xx answer, or a request the request log recorded as failed (an exception the pipeline turned
    /// into another status, such as a minimal API binding exception in Development): a failure, with the exception.
    /// </summary>
    private bool Check(string description, int status)
    {
        var logged = logs.Events.Skip(_logMark)
            .FirstOrDefault(e => e.Level >= LogEventLevel.Error && e.Properties.ContainsKey("RequestPath") && e.Properties.ContainsKey("StatusCode"));
        if (status < 500 && logged is null)
        {
            return true;
        }
        var exception = logged?.Exception ?? _thrown ?? logs.Events.Skip(_logMark).LastOrDefault(e => e.Exception is not null)?.Exception;
        _failures.Add($"{description} answered {status}{(logged is null ? "" : " (logged as failed)")}"
            + (exception is null ? "" : $": {exception.GetType().Name}: {exception.Message.Split('\n')[0]}"));
        return false;
    }

    private const string OutOfRangeKey = "#out-of-range";

    /// <summary>
    /// Row triggers on every table of the app's schema (in this throwaway database), committed with the
    /// write itself, so a rolled-back write leaves no trace: one counts inserted and deleted rows per table
    /// (reading one small table after each POST is much cheaper than counting every table, and stricter:
    /// a row added and another removed shows too); the other records every date or time written outside
    /// 2000–2100, also when a later request overwrites it again.
    /// </summary>
    private async Task<IReadOnlyList<string>> InstallWriteCountersAsync()
    {
        await using var connection = new NpgsqlConnection(superuserConnectionString);
        await connection.OpenAsync();
        var columns = new List<(string Table, string? Column)>();
        await using (var list = new NpgsqlCommand(
            "SELECT t.table_name, c.column_name FROM information_schema.tables t LEFT JOIN information_schema.columns c " +
            "ON c.table_schema = t.table_schema AND c.table_name = t.table_name " +
            "AND c.data_type IN ('date', 'timestamp with time zone', 'timestamp without time zone') " +
            "WHERE t.table_schema = 'public' AND t.table_type = 'BASE TABLE' " +
            "AND t.table_name NOT IN ('__EFMigrationsHistory', 'data_protection_keys', 'sweep_writes', 'sweep_out_of_range', " +
            // The double-submit guard's bookkeeping (claimed and released per submit), not the school's data.
            "'form_submissions') ORDER BY 1, 2", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                columns.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1)));
            }
        }
        var sql = new System.Text.StringBuilder("""
            CREATE TABLE IF NOT EXISTS sweep_writes (table_name text PRIMARY KEY, n bigint NOT NULL);
            CREATE TABLE IF NOT EXISTS sweep_out_of_range (id bigserial PRIMARY KEY, table_name text NOT NULL, column_name text NOT NULL, value text NOT NULL);
            CREATE OR REPLACE FUNCTION sweep_write() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
            BEGIN
              INSERT INTO sweep_writes (table_name, n) VALUES (TG_TABLE_NAME, 1) ON CONFLICT (table_name) DO UPDATE SET n = sweep_writes.n + 1;
              RETURN NULL;
            END $$;

            """);
        foreach (var table in columns.GroupBy(c => c.Table))
        {
            sql.Append($"DROP TRIGGER IF EXISTS sweep_write ON \"{table.Key}\"; CREATE TRIGGER sweep_write AFTER INSERT OR DELETE ON \"{table.Key}\" FOR EACH ROW EXECUTE FUNCTION sweep_write();\n");
            var dates = table.Where(c => c.Column is not null).Select(c => c.Column!).ToList();
            if (dates.Count == 0)
            {
                continue;
            }
            sql.Append($"CREATE OR REPLACE FUNCTION \"sweep_range_{table.Key}\"() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$ BEGIN\n");
            foreach (var column in dates)
            {
                sql.Append($"  IF NEW.\"{column}\" < '2000-01-01' OR NEW.\"{column}\" >= '2101-01-01' THEN " +
                    $"INSERT INTO sweep_out_of_range (table_name, column_name, value) VALUES (TG_TABLE_NAME, '{column}', NEW.\"{column}\"::text); END IF;\n");
            }
            sql.Append("  RETURN NULL;\nEND $$;\n");
            sql.Append($"DROP TRIGGER IF EXISTS sweep_range ON \"{table.Key}\"; CREATE TRIGGER sweep_range AFTER INSERT OR UPDATE ON \"{table.Key}\" FOR EACH ROW EXECUTE FUNCTION \"sweep_range_{table.Key}\"();\n");
        }
        await using var install = new NpgsqlCommand(sql.ToString(), connection);
        await install.ExecuteNonQueryAsync();
        return [.. columns.Select(c => c.Table).Distinct(), OutOfRangeKey];
    }

    private async Task<Dictionary<string, long>> CountsAsync(IReadOnlyList<string> tables)
    {
        var counts = tables.ToDictionary(t => t, _ => 0L);
        await using var connection = new NpgsqlConnection(superuserConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"SELECT table_name, n FROM sweep_writes UNION ALL SELECT '{OutOfRangeKey}', count(*) FROM sweep_out_of_range", connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }
        return counts;
    }

    private async Task<string> OutOfRangeSinceAsync(long seen)
    {
        await using var connection = new NpgsqlConnection(superuserConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT table_name || '.' || column_name || ' = ' || value FROM sweep_out_of_range ORDER BY id OFFSET $1", connection);
        command.Parameters.AddWithValue(seen);
        var found = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            found.Add(reader.GetString(0));
        }
        return string.Join(", ", found);
    }

    /// <summary>Every stored date and time lies between 2000 and 2100 (school dates, and instants from the test clock).</summary>
    private async Task<List<string>> OutOfRangeAsync()
    {
        var failures = new List<string>();
        await using var connection = new NpgsqlConnection(superuserConnectionString);
        await connection.OpenAsync();
        var columns = new List<(string Table, string Column)>();
        await using (var list = new NpgsqlCommand(
            "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' " +
            "AND data_type IN ('date', 'timestamp with time zone', 'timestamp without time zone') ORDER BY 1, 2", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                columns.Add((reader.GetString(0), reader.GetString(1)));
            }
        }
        foreach (var (table, column) in columns)
        {
            await using var check = new NpgsqlCommand(
                $"SELECT count(*) FROM \"{table}\" WHERE \"{column}\" < '2000-01-01' OR \"{column}\" >= '2101-01-01'", connection);
            var count = (long)(await check.ExecuteScalarAsync())!;
            if (count > 0)
            {
                failures.Add($"{count} row(s) of {table}.{column} lie outside 2000–2100");
            }
        }
        return failures;
    }
}
