using Microsoft.AspNetCore.Identity;
using Npgsql;
using Schoolplein.Platform.Identity;
using Xunit;

namespace Schoolplein.Tenant.Web.Tests.Tenancy;

/// <summary>TENANCY.md failure modes 16 and 17: accounts are per school.</summary>
public sealed class IdentityIsolationTests(TwoSchoolsApp app) : IClassFixture<TwoSchoolsApp>
{
    private Task<IdentityResult> RegisterAsync(Guid school, string email) =>
        app.InSchoolAsync(school, scope => scope.Get<UserManager<AppUser>>().CreateAsync(
            new AppUser { UserName = email, Email = email, FirstName = "Eva", LastName = "Dubbel" }, "lange-zin-met-woorden-42"));

    [Fact]
    public async Task TheSameEmailRegistersInTwoSchoolsButTwiceInOneSchoolFails()
    {
        const string email = "gedeeld@ouders.test";
        Assert.True((await RegisterAsync(app.A.Id, email)).Succeeded);
        Assert.True((await RegisterAsync(app.B.Id, email)).Succeeded);
        var duplicate = await RegisterAsync(app.A.Id, email.ToUpperInvariant());
        Assert.False(duplicate.Succeeded);
        Assert.Contains(duplicate.Errors, e => e.Code == "DuplicateEmail" && e.Description.Contains("al een account", StringComparison.Ordinal));

        // The database enforces it too, per school (past UserManager's own check).
        var ex = await Assert.ThrowsAsync<Microsoft.EntityFrameworkCore.DbUpdateException>(() => app.InSchoolAsync(app.A.Id, async scope =>
        {
            var db = scope.Get<Schoolplein.Platform.Persistence.SchoolpleinDb>();
            db.Users.Add(new AppUser { UserName = "x", NormalizedUserName = "X-OTHER", Email = email, NormalizedEmail = email.ToUpperInvariant() });
            await db.SaveChangesAsync();
        }));
        Assert.Equal(PostgresErrorCodes.UniqueViolation, Assert.IsType<PostgresException>(ex.InnerException).SqlState);
    }

    [Fact]
    public async Task ConfirmationAndResetTokensOfOneSchoolFailOnAnother()
    {
        const string email = "token@ouders.test";
        Assert.True((await RegisterAsync(app.A.Id, email)).Succeeded);
        Assert.True((await RegisterAsync(app.B.Id, email)).Succeeded);
        var (userA, confirm, reset) = await app.InSchoolAsync(app.A.Id, async scope =>
        {
            var users = scope.Get<UserManager<AppUser>>();
            var user = (await users.FindByEmailAsync(email))!;
            return (user.Id, await users.GenerateEmailConfirmationTokenAsync(user), await users.GeneratePasswordResetTokenAsync(user));
        });
        await app.InSchoolAsync(app.B.Id, async scope =>
        {
            var users = scope.Get<UserManager<AppUser>>();
            Assert.Null(await users.FindByIdAsync(userA.ToString()));
            var userB = (await users.FindByEmailAsync(email))!;
            Assert.NotEqual(userA, userB.Id);
            Assert.False((await users.ConfirmEmailAsync(userB, confirm)).Succeeded);
            Assert.False((await users.ResetPasswordAsync(userB, reset, "nieuw-wachtwoord-voor-b")).Succeeded);
        });
        // The same tokens work at their own school: the test above fails for the right reason.
        await app.InSchoolAsync(app.A.Id, async scope =>
        {
            var users = scope.Get<UserManager<AppUser>>();
            var user = (await users.FindByIdAsync(userA.ToString()))!;
            Assert.True((await users.ConfirmEmailAsync(user, confirm)).Succeeded);
            Assert.True((await users.ResetPasswordAsync(user, reset, "nieuw-wachtwoord-voor-a")).Succeeded);
        });
    }
}
