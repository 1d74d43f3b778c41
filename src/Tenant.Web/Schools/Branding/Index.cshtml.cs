using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Schoolplein.Platform;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Schools;
using Schoolplein.Platform.Tenancy;

namespace Schoolplein.Tenant.Web.Schools.Branding;

/// <summary>
/// The school's own look under Beheer (issue 17): logo, brand colour and welcome text, saved
/// together through <see cref="SchoolBranding"/> for the host's school only (the id is never
/// taken from the form).
/// </summary>
[Authorize(Roles = Roles.SchoolAdmin)]
[RequestSizeLimit(RequestLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = RequestLimit)]
public sealed class IndexModel(SchoolBranding branding, TenantContext tenant, IStringLocalizer<CatalogText> problems) : PageModel
{
    /// <summary>The logo cap plus room for the other fields; a bigger logo is refused by the service with its own message.</summary>
    public const int RequestLimit = 2 * SchoolBranding.MaxLogoBytes;

    /// <summary>The colour as text (#RRGGBB): what counts, unless only the picker was changed.</summary>
    [BindProperty]
    public string? PrimaryColor { get; set; }

    /// <summary>The colour picker (works without script: see <see cref="ChosenColor"/>).</summary>
    [BindProperty]
    public string? Picker { get; set; }

    /// <summary>The colour the form was rendered with.</summary>
    [BindProperty]
    public string? ColorShown { get; set; }

    [BindProperty]
    public string? WelcomeText { get; set; }

    [BindProperty]
    public IFormFile? Logo { get; set; }

    [BindProperty]
    public bool RemoveLogo { get; set; }

    public DateTimeOffset? LogoVersion { get; private set; }
    public bool Saved { get; private set; }

    public void OnGet(bool saved)
    {
        var school = tenant.Required;
        PrimaryColor = school.PrimaryColor;
        ColorShown = school.PrimaryColor;
        WelcomeText = school.WelcomeText;
        LogoVersion = school.LogoUpdatedAt;
        Saved = saved;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        LogoVersion = tenant.Required.LogoUpdatedAt;
        var color = ChosenColor();
        var change = new BrandingChange(color, WelcomeText, await ReadLogoAsync(ct), RemoveLogo);
        var outcome = await branding.ChangeAsync(tenant.Required.Id, change, ct);
        if (!outcome.Succeeded)
        {
            ModelState.AddProblems(outcome.Problems, problems);
            PrimaryColor = color;
            return Page();
        }
        return RedirectToPage(new { saved = true });
    }

    /// <summary>
    /// Without script the picker and the text field both post: the text wins when it was edited,
    /// the picker when only it moved away from the colour shown.
    /// </summary>
    private string? ChosenColor()
    {
        var text = PrimaryColor?.Trim();
        var textEdited = !string.Equals(text, ColorShown?.Trim(), StringComparison.OrdinalIgnoreCase);
        var pickerMoved = !string.IsNullOrWhiteSpace(Picker) && !string.Equals(Picker.Trim(), ColorShown?.Trim(), StringComparison.OrdinalIgnoreCase);
        return !textEdited && pickerMoved ? Picker!.Trim() : text;
    }

    /// <summary>At most one byte past the cap is read: enough for the service to say "too big".</summary>
    private async Task<byte[]?> ReadLogoAsync(CancellationToken ct)
    {
        if (Logo is not { Length: > 0 })
        {
            return null;
        }
        await using var stream = Logo.OpenReadStream();
        var buffer = new byte[SchoolBranding.MaxLogoBytes + 1];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), ct)) > 0)
        {
            read += n;
        }
        return buffer[..read];
    }
}
