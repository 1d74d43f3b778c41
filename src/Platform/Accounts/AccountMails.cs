using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Schoolplein.Platform.Email;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Tenancy;

namespace Schoolplein.Platform.Accounts;

/// <summary>The account mails (activation, password reset, e-mail change; invitations: AccountInvitations), added to the outbox.</summary>
public sealed class AccountMails(
    EmailOutbox outbox, SchoolEmailComposer composer, TenantContext tenant, IOptions<TenancyOptions> tenancy, IStringLocalizer<AccountsText> text)
{
    public const string ActivationKind = "account.activation";
    public const string AccountExistsKind = "account.exists";
    public const string PasswordResetKind = "account.password-reset";
    public const string EmailChangeKind = "account.email-change";
    public const string EmailChangedKind = "account.email-changed";

    public OutboxEmail Activation(AppUser user, string token) => Add(ActivationKind, user.Email!, user.DisplayName,
        text["ActivationSubject"], text["ActivationHeading", user.FirstName],
        [text["ActivationBody", tenant.Required.Name], text["ActivationIgnore"]],
        new EmailAction(text["ActivationAction"], Link("/Account/Activate", ("userId", user.Id.ToString()), ("token", token))));

    /// <summary>Someone tried to register an address that already has an account: tell its owner, not the visitor.</summary>
    public OutboxEmail AccountExists(AppUser user) => Add(AccountExistsKind, user.Email!, user.DisplayName,
        text["ExistsSubject"], text["ExistsHeading", user.FirstName],
        [text["ExistsBody", tenant.Required.Name], text["ExistsIgnore"]],
        new EmailAction(text["ExistsAction"], Link("/Account/SignIn")));

    public OutboxEmail PasswordReset(AppUser user, string token) => Add(PasswordResetKind, user.Email!, user.DisplayName,
        text["ResetSubject"], text["ResetHeading", user.FirstName],
        [text["ResetBody"], text["ResetIgnore"]],
        new EmailAction(text["ResetAction"], Link("/Account/ResetPassword", ("userId", user.Id.ToString()), ("token", token))));

    /// <summary>To the new address: its link confirms the change (nothing changes before that).</summary>
    public OutboxEmail EmailChange(AppUser user, string newEmail, string token) => Add(EmailChangeKind, newEmail, user.DisplayName,
        text["ChangeSubject"], text["ChangeHeading", user.FirstName],
        [text["ChangeBody", newEmail], text["ChangeIgnore"]],
        new EmailAction(text["ChangeAction"], Link("/Account/ConfirmEmail", ("userId", user.Id.ToString()), ("email", newEmail), ("token", token))));

    /// <summary>To the old address once the new one is confirmed, so a change the owner did not make does not go unnoticed.</summary>
    public OutboxEmail EmailChanged(AppUser user, string oldEmail, string newEmail) => Add(EmailChangedKind, oldEmail, user.DisplayName,
        text["ChangedSubject"], text["ChangedHeading", user.FirstName],
        [text["ChangedBody", tenant.Required.Name, newEmail], text["ChangedNotYou", tenant.Required.Name]],
        null);

    /// <summary>A stand-in recipient for an address without an account: the mail is composed for it but never kept.</summary>
    public static AppUser Nobody(string email) =>
        new() { Email = email, FirstName = "", LastName = "", SecurityStamp = Guid.NewGuid().ToString("N") };

    /// <summary>
    /// Composes and saves the mail in a transaction, then commits it when <paramref name="send"/> and
    /// rolls it back otherwise: the same work either way, so the time of the answer does not tell
    /// whether the address has an account (forgot password, resend activation).
    /// </summary>
    public static async Task SaveOrRehearseAsync(Persistence.SchoolpleinDb db, bool send, Action compose, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        compose();
        await db.SaveChangesAsync(ct);
        if (send)
        {
            await transaction.CommitAsync(ct);
        }
        else
        {
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
        }
    }

    private OutboxEmail Add(string kind, string to, string? name, string subject, string heading, IEnumerable<string> lines, EmailAction? action) =>
        outbox.Add(composer.Compose(kind, to, name, subject, heading, lines, action));

    private Uri Link(string path, params (string Key, string Value)[] query)
    {
        var qs = query.Length == 0 ? "" : "?" + string.Join('&', query.Select(q => $"{q.Key}={Uri.EscapeDataString(q.Value)}"));
        return tenancy.Value.SchoolUri(tenant.Required.Slug, path + qs);
    }
}

/// <summary>Resource anchor for account mails and messages.</summary>
public sealed class AccountsText;
