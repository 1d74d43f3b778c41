using Microsoft.AspNetCore.Mvc.RazorPages;
using Schoolplein.Platform.Contacts;

namespace Schoolplein.Tenant.Web.Contacts;

/// <summary>The groups whose contact list the user may see.</summary>
public sealed class IndexModel(ClassContacts contacts) : PageModel
{
    public IReadOnlyList<ContactGroup> Groups { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Groups = await contacts.GroupsAsync(ct);
}
