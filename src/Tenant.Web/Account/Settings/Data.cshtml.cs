using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Privacy;
using Schoolplein.Platform.Tenancy;

namespace Schoolplein.Tenant.Web.Account.Settings;

/// <summary>AVG: download everything the school's Schoolplein stores about me, or delete my account.</summary>
public sealed class DataModel(
    SignInManager<AppUser> signIn, PersonalDataExporter exporter, AccountDeletion deletion, TenantContext tenant, TimeProvider time,
    IStringLocalizer<SettingsText> text) : PageModel
{
    [BindProperty]
    public string? CurrentPassword { get; set; }

    [BindProperty]
    public bool Confirm { get; set; }

    public string? Email { get; private set; }
    public bool IsStaff { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() is null ? Challenge() : Page();

    public async Task<IActionResult> OnPostExportAsync(CancellationToken ct)
    {
        if (await LoadAsync() is not { } user)
        {
            return Challenge();
        }
        var zip = await exporter.ZipAsync(user.Id, ct);
        var day = time.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Response.Headers.CacheControl = "no-store";
        return File(zip, "application/zip", $"schoolplein-{tenant.Required.Slug}-mijn-gegevens-{day}.zip");
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken ct)
    {
        if (await LoadAsync() is not { } user)
        {
            return Challenge();
        }
        if (IsStaff)
        {
            ModelState.AddModelError("", text["DeleteStaff", tenant.Required.Name]);
            return Page();
        }
        if (!Confirm)
        {
            ModelState.AddModelError(nameof(Confirm), text["DeleteConfirmRequired"]);
            return Page();
        }
        if (!await Settings.CurrentPassword.CheckAsync(signIn, user, CurrentPassword, ModelState, nameof(CurrentPassword), text))
        {
            return Page();
        }
        var outcome = await deletion.DeleteAsync(user.Id, ct);
        if (outcome is not { Succeeded: true })
        {
            // No account (deleted in another tab) reads the same as a staff account: nothing to delete here.
            ModelState.AddModelError("", text["DeleteStaff", tenant.Required.Name]);
            return Page();
        }
        await signIn.SignOutAsync();
        return RedirectToPage("/Account/Deleted");
    }

    private async Task<AppUser?> LoadAsync()
    {
        var user = await signIn.UserManager.GetUserAsync(User);
        if (user is not null)
        {
            Email = user.Email;
            var roles = await signIn.UserManager.GetRolesAsync(user);
            IsStaff = roles.Contains(Roles.Teacher) || roles.Contains(Roles.SchoolAdmin);
        }
        return user;
    }
}
