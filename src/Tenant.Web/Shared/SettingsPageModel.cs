using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Schoolplein.Platform;
using Schoolplein.Platform.Forms;

namespace Schoolplein.Tenant.Web.Shared;

/// <summary>
/// The shape of a school admin's settings page with several small forms (absence, leave): each POST
/// either saves and redirects with the feature's "Saved" text (post/redirect/get, so a reload saves
/// nothing twice), or shows the problem above the forms with what is stored. The feature's resource
/// holds "Saved" and the problem keys.
/// </summary>
public abstract class SettingsPageModel(IStringLocalizer text) : PageModel, IShowsError
{
    public string? Error { get; private set; }
    public string? Saved { get; private set; }

    /// <summary>The TempData key the confirmation waits under across the redirect.</summary>
    protected abstract string SavedKey { get; }

    /// <summary>Reads what the page shows (the stored settings, lists).</summary>
    protected abstract Task LoadAsync(CancellationToken ct);

    public async Task OnGetAsync(CancellationToken ct) => await ShowAsync(ct);

    protected async Task<IActionResult> DoneOrFailAsync(Outcome outcome, CancellationToken ct) =>
        outcome.Succeeded ? Done() : await FailAsync(outcome.Problems[0], ct);

    protected IActionResult Done()
    {
        TempData[SavedKey] = text["Saved"].Value;
        return RedirectToPage();
    }

    protected async Task<IActionResult> FailAsync(Problem problem, CancellationToken ct)
    {
        Error = text.Text(problem);
        await ShowAsync(ct);
        return Page();
    }

    private async Task ShowAsync(CancellationToken ct)
    {
        Saved = TempData[SavedKey] as string;
        await LoadAsync(ct);
    }
}
