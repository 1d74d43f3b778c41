using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Schoolplein.Backoffice.Persistence;

namespace Schoolplein.Backoffice.Account;

/// <summary>
/// Two-factor is mandatory for vendor staff: a correct password never signs in on its own.
/// A user with TOTP set up gets the code step; a user without it (new accounts, the demo
/// user before enrolment) gets the same half-signed-in state and must enrol first.
/// </summary>
public sealed class BackofficeSignInManager(
    UserManager<BackofficeUser> users,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<BackofficeUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<BackofficeUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<BackofficeUser> confirmation)
    : SignInManager<BackofficeUser>(users, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    protected override async Task<SignInResult> SignInOrTwoFactorAsync(BackofficeUser user, bool isPersistent, string? loginProvider = null, bool bypassTwoFactor = false)
    {
        if (!user.TwoFactorEnabled)
        {
            // Same ticket Identity writes for its own two-factor step, so GetTwoFactorAuthenticationUserAsync finds the user.
            var identity = new ClaimsIdentity(IdentityConstants.TwoFactorUserIdScheme);
            identity.AddClaim(new Claim(ClaimTypes.Name, user.Id.ToString()));
            await Context.SignInAsync(IdentityConstants.TwoFactorUserIdScheme, new ClaimsPrincipal(identity));
            return SignInResult.TwoFactorRequired;
        }
        return await base.SignInOrTwoFactorAsync(user, isPersistent, loginProvider, bypassTwoFactor: false);
    }

    /// <summary>Finishes enrolment: the user proved the authenticator works, so the full session starts.</summary>
    public async Task CompleteEnrolmentAsync(BackofficeUser user)
    {
        await Context.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        await SignInWithClaimsAsync(user, isPersistent: false, [new Claim("amr", "mfa")]);
    }
}
