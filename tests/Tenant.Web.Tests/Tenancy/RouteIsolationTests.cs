using System.Net;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Npgsql;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Tenancy;
using Schoolplein.Testing;
using Xunit;

namespace Schoolplein.Tenant.Web.Tests.Tenancy;

/// <summary>
/// TENANCY.md failure mode 25: every school route that takes an id, found through the
/// endpoint data source (so routes added later are covered without touching this test),
/// answers 404 to a signed-in user of school A who uses an id that exists in school B.
/// The user holds every school role, so no answer is a mere role refusal.
/// </summary>
public sealed class RouteIsolationTests(TwoSchoolsApp app) : IClassFixture<TwoSchoolsApp>
{
    private sealed record Target(RouteEndpoint Endpoint, string Method, string? Handler, bool IsPage);

    private IReadOnlyList<Target> IdRoutes()
    {
        var targets = new List<Target>();
        foreach (var endpoint in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var requirement = endpoint.Metadata.GetMetadata<IHostRequirementMetadata>();
            if (requirement is not null && requirement.Kind != HostKind.School)
            {
                continue;
            }
            var parameters = endpoint.RoutePattern.Parameters;
            if (!parameters.Any(IsId) || parameters.Any(p => !IsId(p) && !p.IsOptional && p.Default is null))
            {
                continue;
            }
            var page = endpoint.Metadata.OfType<CompiledPageActionDescriptor>().FirstOrDefault();
            if (page is not null)
            {
                foreach (var handler in page.HandlerMethods)
                {
                    targets.Add(new Target(endpoint, handler.HttpMethod.ToUpperInvariant(), handler.Name, true));
                }
                continue;
            }
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST"];
            targets.AddRange(methods.Select(m => new Target(endpoint, m, null, false)));
        }
        return targets;
    }

    private static bool IsId(RoutePatternParameterPart p) =>
        p.ParameterPolicies.Any(policy => policy.Content == "guid") || p.Name.EndsWith("id", StringComparison.OrdinalIgnoreCase);

    private async Task<List<Guid>> IdsOfAsync(Guid tenant)
    {
        var ids = new List<Guid>();
        await using var connection = new NpgsqlConnection(app.Database.SuperuserConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            """
            SELECT c.table_name FROM information_schema.columns c
            JOIN information_schema.columns t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.column_name = 'tenant_id'
            WHERE c.table_schema = 'public' AND c.column_name = 'id' AND c.data_type = 'uuid' ORDER BY 1
            """, connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }
        foreach (var table in tables)
        {
            await using var pick = new NpgsqlCommand($"SELECT id FROM \"{table}\" WHERE tenant_id = $1 ORDER BY id LIMIT 3", connection);
            pick.Parameters.AddWithValue(tenant);
            await using var reader = await pick.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                ids.Add(reader.GetGuid(0));
            }
        }
        return ids;
    }

    private static string Url(Target target, Guid id)
    {
        var path = "/" + string.Join('/', target.Endpoint.RoutePattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart parameter when IsId(parameter) => id.ToString(),
            RoutePatternParameterPart parameter => parameter.Default?.ToString() ?? "",
            RoutePatternSeparatorPart separator => separator.Content,
            _ => "",
        }))));
        return target.Handler is null ? path : $"{path}?handler={target.Handler}";
    }

    private async Task<HttpResponseMessage> SendAsync(HttpClient client, Target target, Guid id, string token)
    {
        using var request = new HttpRequestMessage(new HttpMethod(target.Method), Url(target, id));
        if (target.Method != "GET")
        {
            request.Content = target.IsPage
                ? new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token })
                : new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
            request.Headers.Add("RequestVerificationToken", token);
        }
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task EveryRouteWithAnIdAnswersNotFoundForAnIdOfAnotherSchool()
    {
        var targets = IdRoutes();
        Assert.NotEmpty(targets);
        var everything = await app.A.AddUserAsync("alles@alfa.test", Roles.SchoolAdmin, Roles.Teacher, Roles.Parent);
        await app.A.LinkGuardianAsync(app.InA.PupilId, everything);
        await app.A.AddTeacherAsync(app.InA.GroupId, everything);
        using var client = await app.SignedInAsync("alfa", "alles@alfa.test");
        var token = await Forms.AntiforgeryTokenAsync(client, "/");

        var foreignIds = await IdsOfAsync(app.B.Id);
        Assert.Contains(app.InB.PupilId, foreignIds);
        var failures = new List<string>();
        foreach (var target in targets)
        {
            foreach (var id in foreignIds)
            {
                using var response = await SendAsync(client, target, id, token);
                var status = (int)response.StatusCode;
                var body = await response.Content.ReadAsStringAsync();
                var acceptable = status == 404
                    || (!target.IsPage && target.Method != "GET" && status is 400 or 415 or 422);
                if (!acceptable || body.Contains(app.InB.PupilName, StringComparison.Ordinal) || body.Contains(app.B.Name, StringComparison.Ordinal))
                {
                    failures.Add($"{target.Method} {Url(target, id)} answered {status}");
                }
            }
        }
        Assert.Empty(failures);

        // The same routes do work with ids of the user's own school, so the 404s above mean isolation.
        var ownIds = await IdsOfAsync(app.A.Id);
        var reachable = 0;
        foreach (var target in targets.Where(t => t.Method == "GET"))
        {
            foreach (var id in ownIds)
            {
                using var response = await SendAsync(client, target, id, token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    reachable++;
                }
            }
        }
        Assert.True(reachable > 0, "no id route answered 200 for an id of the user's own school");
    }
}
