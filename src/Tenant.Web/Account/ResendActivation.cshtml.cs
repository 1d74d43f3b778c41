using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Localization;
using Schoolplein.Platform.Accounts;
using Schoolplein.Platform.Localization;

namespace Schoolplein.Tenant.Web.Account;

/// <summary>
/// "Resend activation mail": the same answer whether or not the address has an account, or is
/// already active (see <see cref="AccountActivation.ResendAsync"/>); limited per address and per IP like forgotten-password.
/// </summary>
[AllowAnonymous]
public sealed class ResendActivationModel(
    AccountActivation activation, SignInThrottle throttle, IStringLocalizer<JoinText> text, IStringLocalizer<PasswordText> passwordText) : MailLinkRequestModel
{
    public override MailLinkTexts Texts =>
        new(text["ResendTitle"], text["ResendIntro"], text["ResendSent"], passwordText["EmailLabel"], text["ResendButton"], text["SignInLink"]);

    protected override string EmailInvalid => text["EmailRequired"];

    protected override TimeSpan? IpWait() => throttle.ActivationResendWait(HttpContext);

    protected override string TooMany(int retryAfter) => text.Plural("ResendTooMany", retryAfter);

    protected override Task SendAsync(string email, CancellationToken ct) => activation.ResendAsync(email, () => throttle.MayMailActivation(email), ct);
}
