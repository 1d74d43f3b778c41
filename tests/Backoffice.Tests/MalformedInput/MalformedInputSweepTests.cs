using Microsoft.AspNetCore.Hosting;
using Schoolplein.Backoffice.Persistence;
using Schoolplein.Platform.Tenancy;
using Schoolplein.Testing;
using Schoolplein.Testing.MalformedInput;
using Serilog.Core;
using Xunit;
using Xunit.Abstractions;

namespace Schoolplein.Backoffice.Tests.MalformedInput;

/// <summary>The backoffice with a school and an uploaded (not started) import, a log to read, and binding exceptions thrown as in Development.</summary>
public sealed class BackofficeSweepApp : BackofficeTestApp
{
    public TestLogSink Logs { get; } = new();
    public Guid School { get; private set; }
    public Guid Import { get; private set; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<ILogEventSink>(Logs);
            services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        });
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using (var scope = Services.CreateAsyncScope())
        {
            School = (await scope.ServiceProvider.GetRequiredService<SchoolRegistry>().CreateAsync(new NewSchool("de-wilg", "Kindcentrum De Wilg"))).Value;
        }
        using var client = await SignedInClientAsync(BackofficeRoles.Admin);
        using var upload = await client.PostMultipartAsync($"/Schools/{School}/Import", new MultipartFormDataContent
        {
            { new ByteArrayContent(MigrationFixtures.Edexml), "Edexml", "regenboog.edexml.xml" },
            { new ByteArrayContent(MigrationFixtures.Csv), "Csv", "regenboog.mijnschool.csv" },
        });
        Import = Guid.Parse(upload.Headers.Location!.OriginalString.Split('/').Last());
    }
}

/// <summary>
/// Issue 14, part 2, for the backoffice: every date, number, enum and id parameter of its pages
/// answers extreme and malformed values with a message or a 400/404, never a 500, and nothing out of
/// range is stored (<see cref="MalformedInputSweep"/>). The users are a backoffice admin and a visitor.
/// </summary>
public sealed class MalformedInputSweepTests(BackofficeSweepApp app, ITestOutputHelper output) : IClassFixture<BackofficeSweepApp>
{
    /// <summary>String parameters the backoffice parses (read from its pages).</summary>
    public static readonly IReadOnlyDictionary<string, InputKind> ParsedStrings = new Dictionary<string, InputKind>
    {
        ["Schools.SchoolForm.TimeZone"] = InputKind.Choice,
        ["Schools.SchoolForm.Locale"] = InputKind.Choice,
        ["Schools.SchoolForm.Plan"] = InputKind.Choice,
        ["Schools.SchoolForm.Modules"] = InputKind.Choice,
        ["Schools.SchoolForm.PrimaryColor"] = InputKind.Choice,
        ["/Schools/Details/{id:guid} done"] = InputKind.Choice,
    };

    public static readonly IReadOnlySet<string> FreeText = new HashSet<string>();

    private InputInventory Inventory() => InputInventory.Of(app.Services, ParsedStrings, FreeText);

    [Fact]
    public void EveryParameterHasATypeTheSweepKnowsHowToAttack()
    {
        var inventory = Inventory();
        Assert.True(inventory.Unknown.Count == 0, "Parameters the sweep cannot attack:\n" + string.Join("\n", inventory.Unknown));
        Assert.Contains(inventory.Fields, f => f.Target.Route == "/Schools/Details/{id:guid}" && f.Name == "to" && f.Kind == InputKind.Enum);
        Assert.Contains(inventory.Fields, f => f.Target.Route == "/Schools/New" && f.Name == "Form.TimeZone" && f.Kind == InputKind.Choice);
    }

    [Fact]
    public async Task EveryDateNumberEnumAndIdParameterSurvivesExtremeAndMalformedValues()
    {
        var users = new List<SweepUser>
        {
            new("admin", await app.SignedInClientAsync(BackofficeRoles.Admin), "/Schools/New"),
            new("anonymous", app.Client(), "/Account/SignIn"),
        };
        var sweep = new MalformedInputSweep(app.Services, app.Database.SuperuserConnectionString, app.Logs, output.WriteLine)
        {
            Valid = new Dictionary<string, Dictionary<string, string>>(StringComparer.OrdinalIgnoreCase)
            {
                ["/Schools/New"] = new()
                {
                    ["Form.Name"] = "Kindcentrum De Es", ["Form.Slug"] = "de-es", ["Form.AdminFirstName"] = "Petra", ["Form.AdminLastName"] = "de Vries",
                    ["Form.AdminEmail"] = "petra@de-es.test",
                },
                ["/Schools/Details/{id:guid}?handler=Profile"] = [],
            },
            AttackWith = new Dictionary<string, Dictionary<string, string>>
            {
                ["/Schools/New"] = new() { ["Form.Name"] = "Kindcentrum De Eik", ["Form.Slug"] = "de-eik", ["Form.AdminEmail"] = "petra@de-eik.test" },
            },
        };
        string[] starts = [$"/Schools/Details/{app.School}", $"/Schools/{app.School}/Import", $"/Schools/{app.School}/Import/{app.Import}", $"/Schools/{app.School}/Letters"];
        var failures = await sweep.RunAsync(Inventory(), users, starts);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}

/// <summary>Found by the sweep: a POST without a handler to a school's or an import's page rendered it without its data (a server error).</summary>
public sealed class UnknownHandlerTests(BackofficeSweepApp app) : IClassFixture<BackofficeSweepApp>
{
    [Fact]
    public async Task APostWithoutAHandlerToASchoolOrAnImportIsNotFound()
    {
        using var client = await app.SignedInClientAsync(BackofficeRoles.Admin);
        foreach (var page in new[] { $"/Schools/Details/{app.School}", $"/Schools/{app.School}/Import/{app.Import}", $"/Schools/Details/{Guid.Empty}" })
        {
            using var response = await client.PostFormAsync(page, new Dictionary<string, string>(), $"/Schools/Details/{app.School}");
            Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        }
        using var named = await client.PostFormAsync($"/Schools/Details/{app.School}?handler=Nonsense", new Dictionary<string, string>(), $"/Schools/Details/{app.School}");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, named.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync($"/Schools/Details/{app.School}")).StatusCode);
    }
}
