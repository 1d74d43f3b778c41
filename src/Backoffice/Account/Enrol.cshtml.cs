using Schoolplein.Platform.Forms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using QRCoder;
using Schoolplein.Backoffice.Audit;
using Schoolplein.Backoffice.Persistence;

namespace Schoolplein.Backoffice.Account;

/// <summary>
/// Mandatory TOTP enrolment after the password step: scan the QR code (or type the key),
/// prove it works with one code, then write down the recovery codes shown once.
/// </summary>
[AllowAnonymous]
public sealed class EnrolModel(
    BackofficeSignInManager signIn, UserManager<BackofficeUser> users, AuditLog audit, IStringLocalizer<AccountText> text) : PageModel, IShowsError
{
    public const string Issuer = "Schoolplein backoffice";
    public const int RecoveryCodeCount = 10;

    [BindProperty]
    public string? Code { get; set; }

    public string? ReturnUrl { get; private set; }
    public string? Error { get; private set; }
    public string Key { get; private set; } = "";
    public string QrDataUri { get; private set; } = "";
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? returnUrl)
    {
        if (await EnrollingAsync(returnUrl) is not { } user)
        {
            return Elsewhere();
        }
        await LoadKeyAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? returnUrl)
    {
        if (await EnrollingAsync(returnUrl) is not { } user)
        {
            return Elsewhere();
        }
        var code = (Code ?? "").Replace(" ", "", StringComparison.Ordinal);
        if (code.Length == 0 || !await users.VerifyTwoFactorTokenAsync(user, TotpTokenProvider.Name, code))
        {
            Error = code.Length == 0 ? text["CodeRequired"] : text["CodeInvalid"];
            await LoadKeyAsync(user);
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))?.ToList() ?? [];
        await signIn.CompleteEnrolmentAsync(user);
        await audit.RecordAsync("staff.2fa_enrolled", null, null, actor: user);
        return Page();
    }

    private BackofficeUser? _passwordStepUser;

    /// <summary>The person past the password step who has no second factor yet; null otherwise (see <see cref="Elsewhere"/>).</summary>
    private async Task<BackofficeUser?> EnrollingAsync(string? returnUrl)
    {
        ReturnUrl = Url.IsLocalUrl(returnUrl) ? returnUrl : null;
        _passwordStepUser = await signIn.GetTwoFactorAuthenticationUserAsync();
        return _passwordStepUser is { TwoFactorEnabled: false } user ? user : null;
    }

    /// <summary>Without the password step, back to signing in; already enrolled, on to the code.</summary>
    private RedirectToPageResult Elsewhere() => _passwordStepUser is null
        ? RedirectToPage("/Account/SignIn")
        : RedirectToPage("/Account/TwoFactor", new { returnUrl = ReturnUrl });

    private async Task LoadKeyAsync(BackofficeUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user) ?? "";
        }
        Key = key;
        var uri = TotpTokenProvider.AuthenticatorUri(Issuer, user.Email ?? user.UserName ?? "", key);
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        QrDataUri = "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(5));
    }

    public static string Grouped(string key) =>
        string.Join(' ', Enumerable.Range(0, (key.Length + 3) / 4).Select(i => key.Substring(i * 4, Math.Min(4, key.Length - (i * 4)))));
}
