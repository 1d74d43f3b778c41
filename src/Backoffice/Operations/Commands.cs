using Microsoft.AspNetCore.Identity;
using Schoolplein.Backoffice.Persistence;
using Schoolplein.Platform.LinkCodes;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Seeding;

namespace Schoolplein.Backoffice.Operations;

/// <summary>Command-line entry points of the backoffice image: <c>migrate</c> (deploy step) and <c>seed</c> (demo data).</summary>
public static class Commands
{
    public const string DemoStaffEmail = "support@schoolplein.test";

    /// <summary>Exit code of <c>migrate</c> for a database made by another schema (run.sh explains the reset).</summary>
    public const int OlderSchemaExitCode = 3;

    public static async Task<int> MigrateAsync(IConfiguration configuration)
    {
        var owner = configuration.GetConnectionString(PersistenceRegistration.OwnerConnectionName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{PersistenceRegistration.OwnerConnectionName} is not configured.");
        var roles = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        try
        {
            await BackofficeMigrator.MigrateAsync(owner, roles);
        }
        catch (OlderSchemaException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return OlderSchemaExitCode;
        }
        Console.WriteLine("Migrations applied.");
        return 0;
    }

    public static async Task<int> SeedAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<BackofficeUser>>();
        if (await users.FindByEmailAsync(DemoStaffEmail) is null)
        {
            var user = new BackofficeUser { UserName = DemoStaffEmail, Email = DemoStaffEmail, EmailConfirmed = true, DisplayName = "Demo Support" };
            var created = await users.CreateAsync(user, DemoData.Password);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Code)));
            }
            await users.AddToRolesAsync(user, [BackofficeRoles.Admin, BackofficeRoles.Support, BackofficeRoles.Onboarding, BackofficeRoles.Finance]);
        }
        // Two-step verification is mandatory; the demo user is enrolled with a key printed here
        // (run.sh shows it) so the demo works with any authenticator app or `oathtool --totp -b KEY`.
        var demo = await users.FindByEmailAsync(DemoStaffEmail) ?? throw new InvalidOperationException("Demo staff user missing.");
        if (string.IsNullOrEmpty(await users.GetAuthenticatorKeyAsync(demo)))
        {
            await users.ResetAuthenticatorKeyAsync(demo);
        }
        if (!demo.TwoFactorEnabled)
        {
            await users.SetTwoFactorEnabledAsync(demo, true);
        }
        Console.WriteLine($"Backoffice TOTP secret for {DemoStaffEmail}: {await users.GetAuthenticatorKeyAsync(demo)}");
        Console.WriteLine("Demo data present.");
        Console.WriteLine($"Demo koppelcode: {LinkCodeFormat.Display(LinkCodeDemoSeed.CodeFor(LinkCodeDemoSeed.ExampleSchool, LinkCodeDemoSeed.ExamplePupilKey))} (Noor Jansen, regenboog)");
        return 0;
    }
}
