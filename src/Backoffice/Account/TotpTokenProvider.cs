using Microsoft.AspNetCore.Identity;
using OtpNet;
using Schoolplein.Backoffice.Persistence;

namespace Schoolplein.Backoffice.Account;

/// <summary>
/// RFC 6238 codes from the user's authenticator key (Otp.NET), one 30-second step either
/// side for clock drift. A code is accepted once: the step it matched is remembered, so a
/// code seen over someone's shoulder cannot be replayed inside its validity window.
/// </summary>
public sealed class TotpTokenProvider(TimeProvider time) : IUserTwoFactorTokenProvider<BackofficeUser>
{
    public const string Name = "Totp";
    private const string StoreProvider = "[Totp]";
    private const string LastStepToken = "LastStep";

    public Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<BackofficeUser> manager, BackofficeUser user) =>
        Task.FromResult(false);

    public Task<string> GenerateAsync(string purpose, UserManager<BackofficeUser> manager, BackofficeUser user) =>
        Task.FromResult("");

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<BackofficeUser> manager, BackofficeUser user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        var code = new string((token ?? "").Where(char.IsDigit).ToArray());
        if (string.IsNullOrEmpty(key) || code.Length != 6)
        {
            return false;
        }
        var totp = new Totp(Base32Encoding.ToBytes(key));
        if (!totp.VerifyTotp(time.GetUtcNow().UtcDateTime, code, out var step, new VerificationWindow(previous: 1, future: 1)))
        {
            return false;
        }
        var last = await manager.GetAuthenticationTokenAsync(user, StoreProvider, LastStepToken);
        if (long.TryParse(last, out var lastStep) && step <= lastStep)
        {
            return false;
        }
        await manager.SetAuthenticationTokenAsync(user, StoreProvider, LastStepToken, step.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return true;
    }

    /// <summary>The otpauth URI an authenticator app reads from the enrolment QR code.</summary>
    public static string AuthenticatorUri(string issuer, string account, string key) =>
        $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(account)}?secret={key}&issuer={Uri.EscapeDataString(issuer)}&digits=6&period=30";
}
