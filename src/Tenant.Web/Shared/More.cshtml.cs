using Microsoft.AspNetCore.Mvc.RazorPages;
using Schoolplein.Tenant.Web.Shared;

namespace Schoolplein.Tenant.Web.Shared;

/// <summary>
/// "Meer": on a phone, everything the bottom tabs leave out, grouped as the school's manual teaches
/// parents (Administratie: sick report, leave, consent; then the class list, conferences, settings)
/// and signing out. The same entries as the menu, so modules the school has off stay out.
/// </summary>
public sealed class MoreModel(AppShell shell) : PageModel
{
    public IReadOnlyList<AppShell.Group> Groups { get; private set; } = [];

    public async Task OnGetAsync() => Groups = (await shell.ForAsync()).More;
}
