using System.Net;
using Npgsql;
using Schoolplein.Backoffice.Persistence;
using Schoolplein.Testing;
using Xunit;

namespace Schoolplein.Backoffice.Tests.Account;

public sealed class TwoFactorTests(BackofficeTestApp app) : IClassFixture<BackofficeTestApp>
{
    private static string NewEmail() => $"t{Guid.NewGuid():N}"[..12] + "@schoolplein.test";

    private static async Task PostPasswordAsync(HttpClient client, string email)
    {
        using var response = await client.PostFormAsync("/Account/SignIn", new Dictionary<string, string> { ["Email"] = email, ["Password"] = BackofficeTestApp.StaffPassword });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/TwoFactor", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task APasswordAloneNeverSignsIn()
    {
        var email = NewEmail();
        await app.CreateStaffAsync(email, BackofficeTestApp.StaffPassword, enrolled: true, BackofficeRoles.Admin);
        using var client = app.Client();
        await PostPasswordAsync(client, email);

        using var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Contains("/Account/SignIn", home.Headers.Location!.ToString());
    }

    [Fact]
    public async Task ANewUserMustEnrolWithTheQrCodeAndReceivesRecoveryCodes()
    {
        var email = NewEmail();
        await app.CreateStaffAsync(email, BackofficeTestApp.StaffPassword, enrolled: false, BackofficeRoles.Support);
        using var client = app.Client();
        await PostPasswordAsync(client, email);

        using (var step = await client.GetAsync("/Account/TwoFactor"))
        {
            Assert.Equal(HttpStatusCode.Redirect, step.StatusCode);
            Assert.StartsWith("/Account/Enrol", step.Headers.Location!.OriginalString);
        }
        var page = await client.GetStringAsync("/Account/Enrol");
        Assert.Contains("src=\"data:image/png;base64,", page);
        var key = BackofficeTestApp.FirstMatch(page, "data-key=\"([A-Z2-7]+)\"")!;
        Assert.Equal(32, key.Length);

        using (var wrong = await client.PostFormAsync("/Account/Enrol", new Dictionary<string, string> { ["Code"] = "000000" == app.Code(key) ? "111111" : "000000" }))
        {
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains("Deze code klopt niet", await wrong.Content.ReadAsStringAsync());
        }
        Assert.False(await app.Database.ScalarAsync<bool>("SELECT two_factor_enabled FROM backoffice.users WHERE email = $1", email));
        using (var blocked = await client.GetAsync("/"))
        {
            Assert.Equal(HttpStatusCode.Redirect, blocked.StatusCode);
        }

        using var done = await client.PostFormAsync("/Account/Enrol", new Dictionary<string, string> { ["Code"] = app.Code(key) });
        var html = await done.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Equal(10, System.Text.RegularExpressions.Regex.Matches(html, "<li><code>[^<]+</code></li>").Count);
        Assert.True(await app.Database.ScalarAsync<bool>("SELECT two_factor_enabled FROM backoffice.users WHERE email = $1", email));
        using (var home = await client.GetAsync("/"))
        {
            Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        }
        Assert.Equal(1L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM backoffice.audit_entries WHERE actor_name = $1 AND action = 'staff.2fa_enrolled'", email));
    }

    [Fact]
    public async Task AWrongCodeIsRefusedAndAUsedCodeCannotBeReplayed()
    {
        var email = NewEmail();
        var key = await app.CreateStaffAsync(email, BackofficeTestApp.StaffPassword, enrolled: true, BackofficeRoles.Support);
        var code = app.Code(key);

        using var first = app.Client();
        await PostPasswordAsync(first, email);
        using (var wrong = await first.PostFormAsync("/Account/TwoFactor", new Dictionary<string, string> { ["Code"] = code == "123456" ? "654321" : "123456" }))
        {
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains("Deze code klopt niet", await wrong.Content.ReadAsStringAsync());
        }
        using (var right = await first.PostFormAsync("/Account/TwoFactor", new Dictionary<string, string> { ["Code"] = code }))
        {
            Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        }

        using var second = app.Client();
        await PostPasswordAsync(second, email);
        using var replay = await second.PostFormAsync("/Account/TwoFactor", new Dictionary<string, string> { ["Code"] = code });
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        using var home = await second.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
    }

    [Fact]
    public async Task ARecoveryCodeSignsInOnce()
    {
        var email = NewEmail();
        await app.CreateStaffAsync(email, BackofficeTestApp.StaffPassword, enrolled: true, BackofficeRoles.Support);
        string recovery;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<BackofficeUser>>();
            var user = (await users.FindByEmailAsync(email))!;
            recovery = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))!.First();
        }
        using var client = app.Client();
        await PostPasswordAsync(client, email);
        using (var ok = await client.PostFormAsync("/Account/TwoFactor", new Dictionary<string, string> { ["RecoveryCode"] = recovery }))
        {
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        }
        using var again = app.Client();
        await PostPasswordAsync(again, email);
        using var reused = await again.PostFormAsync("/Account/TwoFactor", new Dictionary<string, string> { ["RecoveryCode"] = recovery });
        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
        Assert.Contains("Deze code klopt niet", await reused.Content.ReadAsStringAsync());
    }
}

public sealed class AuditAndDashboardTests(BackofficeTestApp app) : IClassFixture<BackofficeTestApp>
{
    [Fact]
    public async Task TheAuditLogRefusesUpdatesAndDeletesEvenForTheBackofficeRole()
    {
        using var client = await app.SignedInClientAsync(BackofficeRoles.Support);
        await using var connection = new NpgsqlConnection(app.Database.BackofficeConnectionString);
        await connection.OpenAsync();
        Assert.True(await app.Database.ScalarAsync<long>("SELECT count(*) FROM backoffice.audit_entries") > 0);
        foreach (var sql in new[] { "UPDATE backoffice.audit_entries SET action = 'x'", "DELETE FROM backoffice.audit_entries" })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            var ex = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            Assert.Contains("append-only", ex.MessageText);
        }
        // Not even the table owner may empty it.
        await using (var owner = new NpgsqlConnection(app.Database.OwnerConnectionString))
        {
            await owner.OpenAsync();
            await using var truncate = new NpgsqlCommand("TRUNCATE backoffice.audit_entries", owner);
            var ex = await Assert.ThrowsAsync<PostgresException>(() => truncate.ExecuteNonQueryAsync());
            Assert.Contains("append-only", ex.MessageText);
        }
        var page = await client.GetStringAsync("/Audit");
        Assert.Contains("staff.signin", page);
    }

    [Fact]
    public async Task TheHangfireDashboardIsForAdminsOnly()
    {
        using var admin = await app.SignedInClientAsync(BackofficeRoles.Admin);
        using (var ok = await admin.GetAsync("/hangfire"))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Contains("Schoolplein jobs", await ok.Content.ReadAsStringAsync());
        }
        using var support = await app.SignedInClientAsync(BackofficeRoles.Support, BackofficeRoles.Finance, BackofficeRoles.Onboarding);
        using (var refused = await support.GetAsync("/hangfire"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }
        using var anonymous = app.Client();
        using var none = await anonymous.GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
    }
}
