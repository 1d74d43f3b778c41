using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Npgsql;
using Schoolplein.Testing;
using Serilog.Events;
using Xunit;
using Xunit.Abstractions;

namespace Schoolplein.Tenant.Web.Tests.MalformedInput;

/// <summary>
/// Issue 14, part 2: every date, time, number, enum and id parameter of every page, form and API
/// of the school app (found by reflection, <see cref="InputInventory"/>) gets extreme and malformed
/// values: 0001-01-01, 9999-12-31, 0000-00-00, empty, negative, huge, non-numeric and a few per kind.
/// GETs carry them in the query string, POSTs in the form the page rendered (with valid values in the
/// other fields) where only that field is replaced, route parameters in the path. Nothing may answer
/// 5xx; a POST that was refused changes no row; afterwards no school date or time outside 2000–2100 is stored.
/// </summary>
public sealed class MalformedInputSweepTests(MalformedInputApp app, ITestOutputHelper output) : IClassFixture<MalformedInputApp>
{
    private static readonly string[] Common = ["0001-01-01", "9999-12-31", "0000-00-00", "", "-1", "99999999999999999999", "abc"];

    private static readonly Dictionary<InputKind, string[]> Extra = new()
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

    /// <summary>Valid values the rendered forms leave empty (the attacked field is replaced after these are set).</summary>
    private Dictionary<string, Dictionary<string, string>> Valid() => new(StringComparer.OrdinalIgnoreCase)
    {
        ["/afwezigheid"] = new()
        {
            ["Input.PupilId"] = app.Noor.ToString(), ["Input.FromDate"] = "2026-12-01", ["Input.Until"] = "Date", ["Input.ToDate"] = "2026-12-02",
        },
        ["/verlof/aanvragen"] = new()
        {
            ["Input.PupilIds"] = app.Noor.ToString(), ["Input.Type"] = "ImportantCircumstances", ["Input.Start"] = "2027-03-15",
            ["Input.End"] = "2027-03-16", ["Input.Reason"] = "Uitvaart van opa",
        },
        ["/agenda/nieuw"] = new()
        {
            ["Form.Title"] = "Voorleesochtend", ["Form.StartDate"] = "2026-12-11", ["Form.StartTime"] = "09:00", ["Form.EndTime"] = "10:00",
            ["Form.GroupIds"] = app.G34.ToString(),
        },
        ["/gesprekken/rondes/nieuw"] = new() { ["Form.Title"] = "Startgesprekken", ["Form.GroupIds"] = app.G5.ToString() },
        ["/gesprekken/rondes/{id:guid}?handler=AddWindow"] = new() { ["Window.Date"] = "2026-12-11", ["Window.Start"] = "19:00", ["Window.End"] = "20:00" },
        ["/gesprekken/rondes/{id:guid}?handler=AddSlot"] = new() { ["date"] = "2026-12-10", ["start"] = "20:00" },
        ["/beheer/schoolkalender"] = new() { ["Name"] = "Extra studiedag", ["Kind"] = "StudyDay", ["Start"] = "2027-05-14" },
        ["/beheer/toestemming?handler=Add"] = new() { ["Input.Name"] = "Schoolkrant" },
        ["/beheer/leerlingen?handler=Create"] = new() { ["Input.FirstName"] = "Fenna", ["Input.LastName"] = "Smit" },
        ["/beheer/groepen"] = new() { ["Input.Name"] = "Groep 8", ["Input.SchoolYear"] = "2026-2027" },
        ["/beheer/afwezigheid/instellingen?handler=Settings"] = new() { ["cutOff"] = "08:30" },
        ["/beheer/verlof/instellingen?handler=Settings"] = new() { ["leadTimeWeeks"] = "8" },
        ["/beheer/vragen"] = new() { ["officeStart"] = "08:00", ["officeEnd"] = "17:00" },
    };

    private sealed record User(string Name, HttpClient Client);

    private readonly List<string> _failures = [];
    private int _requests;

    [Fact]
    public void EveryParameterHasATypeTheSweepKnowsHowToAttack()
    {
        var inventory = InputInventory.Of(app.Services);
        Assert.True(inventory.Unknown.Count == 0, "Parameters the sweep cannot attack:\n" + string.Join("\n", inventory.Unknown));
        Assert.Contains(inventory.Fields, f => f.Target.Route == "/beheer/schoolkalender" && f.Name == "input.End" && f.Kind == InputKind.Date);
        Assert.Contains(inventory.Fields, f => f.Target.Route == "/agenda" && f.Name == "month" && f.Kind == InputKind.Month);
        Assert.Contains(inventory.Fields, f => f.Target.Route == "/beheer/verlof/export.csv" && f.Name == "from" && f.Source == InputSource.Query);
    }

    [Fact]
    public async Task EveryDateTimeNumberEnumAndIdParameterSurvivesExtremeAndMalformedValues()
    {
        var inventory = InputInventory.Of(app.Services);
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var site = new Site(endpoints);
        var users = new List<User>
        {
            new("directie@zon.test", await app.SignedInAsync("zon", "directie@zon.test")),
            new("lisa@zon.test", await app.SignedInAsync("zon", "lisa@zon.test")),
            new("ouder@zon.test", await app.SignedInAsync("zon", "ouder@zon.test")),
            new("anonymous", app.ClientFor("zon")),
        };
        // Start from every route without parameters, so pages nobody links to are reached as well, and
        // from the pages of the fixture's things (a month grid need not link to them).
        var starts = endpoints.Where(e => e.RoutePattern.Parameters.Count == 0).Select(e => "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'))
            .Concat([
                $"/agenda/{app.Event}", $"/agenda/{app.Event}/bewerken", $"/verlof/{app.LeaveRequest}", $"/beheer/verlof/{app.LeaveRequest}",
                $"/afwezigheid/{app.AbsenceReport}/beter", $"/gesprekken/rondes/{app.Round}", $"/vragen/{app.Conversation}", $"/nieuws/{app.Post}",
            ])
            .Distinct().ToList();
        foreach (var user in users)
        {
            await site.CrawlAsync(user.Name, user.Client, starts.Prepend("/"));
        }
        var tables = await TablesAsync();
        var attacked = new HashSet<string>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        output.WriteLine($"crawl: {site.Visits.Count} pages, {site.Forms.Count} forms");
        await AttackRoutesAsync(inventory, site, users, attacked);
        output.WriteLine($"routes: {clock.Elapsed.TotalSeconds:0} s, {_requests} requests");
        await AttackQueriesAsync(inventory, site, users, attacked);
        output.WriteLine($"queries: {clock.Elapsed.TotalSeconds:0} s, {_requests} requests");
        await AttackFormsAsync(inventory, site, users, tables, attacked);
        output.WriteLine($"forms: {clock.Elapsed.TotalSeconds:0} s, {_requests} requests");

        var missed = inventory.Fields.Where(f => f.Source != InputSource.Body && !attacked.Contains(CoverageKey(f))).Select(f => f.ToString()).Distinct().ToList();
        output.WriteLine($"{inventory.Fields.Select(CoverageKey).Distinct().Count()} parameters, {attacked.Count} attacked, {_requests} requests with bad values.");
        foreach (var text in inventory.Strings.Distinct())
        {
            output.WriteLine("free text, not attacked: " + text);
        }
        _failures.AddRange(missed.Select(m => "not reached: " + m));
        _failures.AddRange(await OutOfRangeAsync());
        Assert.True(_failures.Count == 0, string.Join("\n", _failures.Distinct()));
    }

    private static string CoverageKey(InputField f) =>
        f.Source == InputSource.Form && !f.Origin.StartsWith('/') ? $"{f.Target.Route} {f.Name}" : $"{f.Target} {f.Name}";

    private static IEnumerable<string> ValuesFor(InputKind kind) => Common.Concat(Extra.GetValueOrDefault(kind, []));

    /// <summary>Route parameters: each bad value in the path, the other parameters valid (from a crawled URL) or empty ids.</summary>
    private async Task AttackRoutesAsync(InputInventory inventory, Site site, List<User> users, HashSet<string> attacked)
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
                    using var response = await SendAsync(user.Client, method, url, user);
                    var status = (int)response.StatusCode;
                    if (!Check($"{method} {url} as {user.Name}", status))
                    {
                    }
                    else if (parameter.ParameterPolicies.Any(p => p.Content == "guid") && value.Length > 0 && !Guid.TryParse(value, out _) && status != 404)
                    {
                        Fail($"{method} {url} as {user.Name} answered {status}, not 404, for an id that is not a Guid");
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
        var validValues = valid is null ? null : ValuesOf(pattern, valid.Split('?')[0]);
        return "/" + string.Join('/', pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart p when p.Name == name => Uri.EscapeDataString(value),
            RoutePatternParameterPart p => validValues?.GetValueOrDefault(p.Name) ?? (p.ParameterPolicies.Any(x => x.Content == "int") ? "1" : Guid.Empty.ToString()),
            _ => "",
        }))));
    }

    private static Dictionary<string, string> ValuesOf(RoutePattern pattern, string path)
    {
        var segments = pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => System.Text.RegularExpressions.Regex.Escape(literal.Content),
            RoutePatternSeparatorPart separator => System.Text.RegularExpressions.Regex.Escape(separator.Content),
            RoutePatternParameterPart parameter => $"(?<{parameter.Name}>[^/]+?)",
            _ => "",
        })));
        var match = System.Text.RegularExpressions.Regex.Match(path, "^/" + string.Join("/", segments) + "/?$", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        return pattern.Parameters.Where(p => match.Groups[p.Name].Success).ToDictionary(p => p.Name, p => match.Groups[p.Name].Value);
    }

    /// <summary>Query parameters of GETs: as every user who reached the route, on the URL they reached.</summary>
    private async Task AttackQueriesAsync(InputInventory inventory, Site site, List<User> users, HashSet<string> attacked)
    {
        foreach (var group in inventory.Fields.Where(f => f.Source == InputSource.Query && f.Target.Method == "GET").GroupBy(f => f.Target))
        {
            var target = group.Key;
            var visits = site.Visits.Where(v => v.Endpoint == target.Endpoint).GroupBy(v => v.Who).Select(g => g.First()).ToList();
            if (visits.Count == 0)
            {
                // Not linked from any page (an export, an e-mail link, a photo nobody has): try it as everyone,
                // with empty ids in the path (the handler still reads the query first).
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
                        using var response = await SendAsync(user.Client, "GET", url, user);
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
    /// here) gets its fields with just the antiforgery token: listed in the output as such.
    /// </summary>
    private async Task AttackFormsAsync(InputInventory inventory, Site site, List<User> users, IReadOnlyList<string> tables, HashSet<string> attacked)
    {
        var valid = Valid();
        var counts = await CountsAsync(tables);
        var fieldsByTarget = inventory.Fields.Where(f => f.Source is InputSource.Form or InputSource.Query && f.Target.Method == "POST").GroupBy(f => f.Target);
        foreach (var group in fieldsByTarget)
        {
            var target = group.Key;
            var forms = site.Forms.Where(f => site.Match(f.Path) == target.Endpoint && string.Equals(f.Handler ?? "", target.Handler ?? "", StringComparison.OrdinalIgnoreCase)).ToList();
            // One user per form: the first of admin, teacher, parent, visitor who was shown it.
            var form = users.Select(u => forms.FirstOrDefault(f => f.Who == u.Name)).FirstOrDefault(f => f is not null);
            if (form is null)
            {
                var visit = site.Visits.FirstOrDefault(v => v.Endpoint == target.Endpoint);
                var path = visit?.Url.Split('?')[0] ?? RouteUrl(target.Endpoint.RoutePattern, null, "", "");
                var who = visit?.Who ?? "anonymous";
                var fallbackUser = users.Single(u => u.Name == who);
                form = new RenderedForm(who, path, path + (target.Handler is { Length: > 0 } handler ? $"?handler={handler}" : ""), false,
                    [new("__RequestVerificationToken", await TokenAsync(fallbackUser))]);
                output.WriteLine($"no rendered form for {target}: posted its fields alone as {who}");
            }
            var user = users.Single(u => u.Name == form.Who);
            var key = target.Route + (target.Handler is { Length: > 0 } h ? $"?handler={h}" : "");
            var baseline = form.Fields.ToList();
            if (valid.TryGetValue(key, out var values) || valid.TryGetValue(target.Route, out values))
            {
                foreach (var (name, value) in values)
                {
                    baseline.RemoveAll(kv => string.Equals(kv.Key, name, StringComparison.OrdinalIgnoreCase));
                    baseline.Add(new(name, value));
                }
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
                    if (!Check(description, status) || !refused)
                    {
                        // A redirect or a page without an error message: accepted, so rows may change.
                        continue;
                    }
                    foreach (var table in tables.Where(t => before[t] != counts[t]))
                    {
                        Fail($"{description} was refused ({status}) but changed the rows of {table} ({before[table]} → {counts[table]})");
                    }
                }
                attacked.Add(CoverageKey(field));
            }
        }
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

    private static async Task<bool> ShowsErrorAsync(HttpResponseMessage response)
    {
        if (response.Content.Headers.ContentType?.MediaType != "text/html")
        {
            return false;
        }
        var document = await response.HtmlAsync();
        return document.QuerySelectorAll(".errors, .field-error, .validation-summary-errors, .input-validation-error, .field-validation-error")
            .Any(e => e.TextContent.Trim().Length > 0 || e.ClassList.Contains("input-validation-error"));
    }

    private async Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string url, User user)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method != "GET")
        {
            var token = await TokenAsync(user);
            request.Content = new FormUrlEncodedContent([new("__RequestVerificationToken", token)]);
        }
        _requests++;
        Mark();
        return await client.SendAsync(request);
    }

    private readonly Dictionary<string, string> _tokens = [];

    private async Task<string> TokenAsync(User user)
    {
        if (!_tokens.TryGetValue(user.Name, out var token))
        {
            token = await Forms.AntiforgeryTokenAsync(user.Client, user.Name == "anonymous" ? "/Account/SignIn" : "/Account/Settings/Preferences");
            _tokens[user.Name] = token;
        }
        return token;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, RenderedForm form, List<KeyValuePair<string, string>> fields)
    {
        if (!form.Multipart)
        {
            return await client.PostAsync(form.Action, new FormUrlEncodedContent(fields));
        }
        var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }
        return await client.PostAsync(form.Action, content);
    }

    private int _logMark;

    /// <summary>Marks the log before a request, so <see cref="Check"/> sees only what that request logged.</summary>
    private void Mark() => _logMark = app.Logs.Events.Count;

    /// <summary>
    /// A 5xx answer, or a request the request log recorded as failed (an exception the pipeline turned
    /// into another status, e.g. a minimal API binding exception): a failure, with the exception.
    /// </summary>
    private bool Check(string description, int status)
    {
        var logged = app.Logs.Events.Skip(_logMark)
            .FirstOrDefault(e => e.Level >= LogEventLevel.Error && e.Properties.ContainsKey("RequestPath") && e.Properties.ContainsKey("StatusCode"));
        if (status < 500 && logged is null)
        {
            return true;
        }
        var exception = logged?.Exception ?? app.Logs.Events.Skip(_logMark).LastOrDefault(e => e.Exception is not null)?.Exception;
        Fail($"{description} answered {status}{(logged is null ? "" : " (logged as failed)")}"
            + (exception is null ? "" : $": {exception.GetType().Name}: {exception.Message.Split('\n')[0]}"));
        return false;
    }

    private void Fail(string failure) => _failures.Add(failure);

    private async Task<IReadOnlyList<string>> TablesAsync()
    {
        var tables = new List<string>();
        await using var connection = new NpgsqlConnection(app.Database.SuperuserConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' " +
            "AND table_name NOT IN ('__EFMigrationsHistory', 'data_protection_keys') ORDER BY 1", connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }
        return tables;
    }

    private async Task<Dictionary<string, long>> CountsAsync(IReadOnlyList<string> tables)
    {
        var counts = new Dictionary<string, long>();
        await using var connection = new NpgsqlConnection(app.Database.SuperuserConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(string.Join(" UNION ALL ", tables.Select(t => $"SELECT '{t}', count(*) FROM \"{t}\"")), connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }
        return counts;
    }

    /// <summary>Every stored date and time of the schools lies between 2000 and 2100 (school dates, and instants from the test clock).</summary>
    private async Task<List<string>> OutOfRangeAsync()
    {
        var failures = new List<string>();
        await using var connection = new NpgsqlConnection(app.Database.SuperuserConnectionString);
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
