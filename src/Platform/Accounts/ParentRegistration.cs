using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.LinkCodes;
using Schoolplein.Platform.Persistence;

namespace Schoolplein.Platform.Accounts;

public sealed record NewParent(string FirstName, string? LastNamePrefix, string LastName, string Email, string Password, string? PhoneNumber, string Language);

/// <summary>Either the code's problem, or the account's (password rules), or done.</summary>
public sealed record RegistrationResult(LinkCodeStatus CodeStatus, IReadOnlyList<IdentityError> Errors)
{
    public bool Succeeded => CodeStatus == LinkCodeStatus.Valid && Errors.Count == 0;
}

/// <summary>
/// "Account maken" with a koppelcode. One transaction: the unconfirmed account, its parent
/// role, the link to the child and the activation mail in the outbox are committed together
/// or not at all; the mail is sent after commit, so a mail server that is down only delays
/// it. The account cannot sign in until the mail's link confirms the address.
/// An address that already has an account gets a mail saying so, and the visitor sees the
/// same answer as for a new account: the page never reveals whether an address exists.
/// </summary>
public sealed class ParentRegistration(SchoolpleinDb db, UserManager<AppUser> users, LinkCodeService codes, AccountMails mails, TimeProvider time)
{
    public async Task<RegistrationResult> RegisterAsync(NewParent parent, string? code, CancellationToken ct = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var check = await codes.CheckAsync(code, null, ct);
        if (!check.IsValid)
        {
            return new RegistrationResult(check.Status, []);
        }
        var existing = await users.FindByEmailAsync(parent.Email);
        if (existing is not null)
        {
            mails.AccountExists(existing);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return new RegistrationResult(LinkCodeStatus.Valid, []);
        }
        var user = new AppUser
        {
            UserName = parent.Email,
            Email = parent.Email,
            EmailConfirmed = false,
            LockoutEnabled = true,
            FirstName = parent.FirstName,
            LastNamePrefix = parent.LastNamePrefix,
            LastName = parent.LastName,
            PhoneNumber = parent.PhoneNumber,
            Language = parent.Language,
            CreatedAt = time.GetUtcNow(),
        };
        var created = await users.CreateAsync(user, parent.Password);
        if (!created.Succeeded)
        {
            await transaction.RollbackAsync(ct);
            return new RegistrationResult(LinkCodeStatus.Valid, [.. created.Errors]);
        }
        var linked = await codes.LinkAsync(user.Id, code, ct);
        if (!linked.IsValid)
        {
            // Used up by another guardian a moment ago: nothing of this account stays.
            await transaction.RollbackAsync(ct);
            return new RegistrationResult(linked.Status, []);
        }
        mails.Activation(user, await users.GenerateEmailConfirmationTokenAsync(user));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new RegistrationResult(LinkCodeStatus.Valid, []);
    }
}

public static class AccountsRegistration
{
    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddScoped<AccountMails>();
        services.AddScoped<ParentRegistration>();
        services.AddScoped<StaffAccounts>();
        services.AddScoped<InvitationAcceptance>();
        services.AddScoped<EmailChanges>();
        services.AddScoped<AccountActivation>();
        services.AddScoped<PasswordResets>();
        return services;
    }
}
