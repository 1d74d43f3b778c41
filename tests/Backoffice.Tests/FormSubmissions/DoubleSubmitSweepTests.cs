using System.Net;
using Schoolplein.Backoffice.Persistence;
using Schoolplein.Platform.Tenancy;
using Schoolplein.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Schoolplein.Backoffice.Tests.FormSubmissions;

/// <summary>
/// The backoffice alone (no job server beside it): the sweep counts what the forms do, the jobs
/// they enqueue (the import itself, the invitations) are ImportTests' subject.
/// </summary>
public sealed class BackofficeSweepApp : BackofficeTestApp
{
    // The sweep checks effects, not how long a second tap waits: a slow first submit (reading an
    // import file on a busy machine) must not make it 409.
    protected override void Configure(IDictionary<string, string?> settings) => settings["Forms:WaitMilliseconds"] = "30000";

    public async Task<Guid> SchoolAsync(string slug)
    {
        await using var scope = Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<SchoolRegistry>().CreateAsync(new NewSchool(slug, "Kindcentrum " + slug));
        return created.Value;
    }
}

/// <summary>
/// Issue 14, "double submit", for every form of the backoffice: each POST handler has a recipe or
/// a reason why it creates nothing; each recipe's form sent twice at once and again later has one
/// effect (the backoffice audits every action, so the audit trail shows a second run too).
/// </summary>
public sealed class DoubleSubmitSweepTests(BackofficeSweepApp app, ITestOutputHelper output) : IClassFixture<BackofficeSweepApp>
{
    /// <summary>
    /// POST handlers that create and send nothing, so a repeat cannot do harm twice. They are
    /// guarded like every form; they only need no recipe.
    /// </summary>
    private static readonly Dictionary<string, string> CreatesNothing = new()
    {
        ["Account/SignIn"] = "the password step of signing in ([AllowResubmit])",
        ["Account/TwoFactor"] = "the code step of signing in ([AllowResubmit]; a used code is refused by the code check)",
        ["Account/SignOut"] = "signs out ([AllowResubmit])",
        ["Schools/Details/{id:guid}?handler=Billing"] = "creates the Stripe subscription once: refused when one is stored, and Stripe's idempotency keys (customer-{school}, subscription-{school}-{customer}) return the same objects to a concurrent second call",
        ["Schools/Details/{id:guid}?handler=Quantity"] = "sets the subscription's quantity to the number of pupils",
        ["Schools/Details/{id:guid}?handler=Profile"] = "saves the school's profile",
        ["Schools/Details/{id:guid}?handler=Modules"] = "saves the school's modules",
        ["Schools/Details/{id:guid}?handler=Logo"] = "replaces the school's logo",
        ["Schools/Details/{id:guid}?handler=Status"] = "moves the school to a status (moving it to the status it has changes nothing)",
        ["Schools/Details/{id:guid}?handler=Letters"] = "marks the koppelcode letters printed or not",
    };

    private Func<Task<long>> Rows(string sql, params object[] parameters) => () => app.Database.ScalarAsync<long>(sql, parameters);


    private IEnumerable<SweepRecipe> Recipes()
    {
        yield return new("Schools/New", "a school with its first admin", BackofficeRoles.Onboarding,
            DoubleSubmitSweep.Page("/Schools/New", fill: f => f.Set("Form.Name", "Kindcentrum De Sweep").Set("Form.Slug", "sweep-school")
                .Set("Form.PrimaryColor", "#0B6E5F").Set("Form.AdminFirstName", "Petra").Set("Form.AdminLastName", "Sweep")
                .Set("Form.AdminEmail", "petra@sweep-school.test")),
            Rows("SELECT count(*) FROM tenants WHERE slug = 'sweep-school'"));

        var invited = new Lazy<Task<Guid>>(() => app.SchoolAsync("sweep-invite"));
        yield return new("Schools/Details/{id:guid}?handler=Invite", "an invited school admin", BackofficeRoles.Onboarding,
            async client => await DoubleSubmitSweep.Page($"/Schools/Details/{await invited.Value}", "Invite", f => f.Set("Form.AdminFirstName", "Joost")
                .Set("Form.AdminLastName", "Sweep").Set("Form.AdminEmail", "joost@sweep-invite.test"))(client),
            async () => await app.Database.ScalarAsync<long>(
                "SELECT count(*) FROM backoffice.audit_entries WHERE action = 'school.admin_invited' AND tenant_id = $1", await invited.Value));

        var imported = new Lazy<Task<Guid>>(() => app.SchoolAsync("sweep-import"));
        Task<Guid> ImportAsync() => imported.Value.ContinueWith(s => app.Database.ScalarAsync<Guid>(
            "SELECT id FROM migration_imports WHERE tenant_id = $1 ORDER BY created_at LIMIT 1", s.Result)).Unwrap();
        yield return new("Schools/{id:guid}/Import", "an uploaded import (dry run)", BackofficeRoles.Onboarding,
            async client => await DoubleSubmitSweep.Page($"/Schools/{await imported.Value}/Import", fill: f => f
                .AttachFile("Edexml", "regenboog.edexml.xml", MigrationFixtures.Edexml, "application/xml")
                .AttachFile("Csv", "regenboog.mijnschool.csv", MigrationFixtures.Csv, "text/csv"))(client),
            async () => await app.Database.ScalarAsync<long>("SELECT count(*) FROM migration_imports WHERE tenant_id = $1", await imported.Value));
        yield return new("Schools/{id:guid}/Import/{importId:guid}?handler=Start", "a started import", BackofficeRoles.Onboarding,
            async client => await DoubleSubmitSweep.Page($"/Schools/{await imported.Value}/Import/{await ImportAsync()}", "Start")(client),
            async () => await app.Database.ScalarAsync<long>(
                "SELECT count(*) FROM backoffice.audit_entries WHERE action = 'import.started' AND tenant_id = $1", await imported.Value));
        yield return new("Schools/{id:guid}/Import/{importId:guid}?handler=InviteGuardians", "\"Ouders uitnodigen\" after the import", BackofficeRoles.Onboarding,
            async client =>
            {
                // The import has run (here: is marked so; running it is ImportTests' subject).
                var import = await ImportAsync();
                await app.Database.ExecuteAsync("UPDATE migration_imports SET status = 'Succeeded', progress = 100, result_json = '{}' WHERE id = $1", import);
                return await DoubleSubmitSweep.Page($"/Schools/{await imported.Value}/Import/{import}", "InviteGuardians")(client);
            },
            async () => await app.Database.ScalarAsync<long>(
                "SELECT count(*) FROM backoffice.audit_entries WHERE action = 'import.guardians-invited' AND tenant_id = $1", await imported.Value));

        const string newcomer = "sweep.nieuw@schoolplein.test";
        yield return new("Account/Enrol", "a colleague's authenticator enrolment (recovery codes made once)", null,
            async client =>
            {
                await app.CreateStaffAsync(newcomer, BackofficeTestApp.StaffPassword, enrolled: false, BackofficeRoles.Support);
                using (var password = await client.PostFormAsync("/Account/SignIn", new Dictionary<string, string> { ["Email"] = newcomer, ["Password"] = BackofficeTestApp.StaffPassword }))
                {
                    Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
                }
                var form = await DoubleSubmitSweep.Page("/Account/Enrol")(client);
                var key = form.Element.Owner!.QuerySelector("#totp-key")!.GetAttribute("data-key")!;
                return form.Set("Code", app.Code(key));
            },
            Rows("SELECT count(*) FROM backoffice.audit_entries WHERE action = 'staff.2fa_enrolled' AND actor_name = $1", newcomer),
            SignsIn: true);
    }

    [Fact]
    public void EveryPostHandlerHasARecipeOrAReasonWhyItCreatesNothing()
    {
        DoubleSubmitSweep.AssertCoverage(DoubleSubmitSweep.PostHandlers(app.Services), Recipes(), CreatesNothing, atLeast: 15);
    }

    [Fact]
    public async Task EveryFormThatCreatesOrSendsSomethingHasOneEffectWhenSentTwiceAtOnceAndAgainLater()
    {
        var handlers = DoubleSubmitSweep.PostHandlers(app.Services);
        var failures = new List<string>();
        var swept = 0;
        foreach (var recipe in Recipes())
        {
            using var client = recipe.User is null ? app.Client() : await app.SignedInClientAsync(recipe.User);
            await DoubleSubmitSweep.SweepAsync(recipe, client, handlers, app.Database, output.WriteLine, failures);
            swept++;
        }
        output.WriteLine($"Swept {swept} forms of the backoffice's {handlers.Count} POST handlers ({CreatesNothing.Count} create nothing).");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
