using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Localization;
using Schoolplein.Platform.Accounts;
using Schoolplein.Platform.Localization;

namespace Schoolplein.Tenant.Web.Account;

/// <summary>Sends a reset link by mail; the answer (and its time) is the same whether or not the address has an account.</summary>
[AllowAnonymous]
public sealed class ForgotPasswordModel(
    PasswordResets resets, IStringLocalizer<PasswordText> text, SignInThrottle throttle, IStringLocalizer<AccountText> accountText) : MailLinkRequestModel
{
    public override MailLinkTexts Texts => new(text["ForgotTitle"], text["ForgotIntro"], text["ForgotSent"], text["EmailLabel"], text["ForgotButton"]);

    protected override string EmailInvalid => text["EmailInvalid"];

    protected override TimeSpan? IpWait() => throttle.ResetWait(HttpContext);

    protected override string TooMany(int retryAfter) => accountText.Plural("TooManyAttempts", retryAfter);

    // A few mails per account per window; further requests get the same answer and send nothing.
    protected override Task SendAsync(string email, CancellationToken ct) => resets.RequestAsync(email, () => throttle.MayMailReset(email), ct);
}
