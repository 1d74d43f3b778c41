using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Schoolplein.Platform.Contacts;

namespace Schoolplein.Tenant.Web.Contacts;

/// <summary>One group's contact list, as the viewer may see it (see <see cref="ClassContacts"/>).</summary>
public sealed class GroupModel(ClassContacts contacts) : PageModel
{
    public ContactList List { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid groupId, CancellationToken ct)
    {
        var list = await contacts.ListAsync(groupId, ct);
        if (list is null)
        {
            return NotFound();
        }
        List = list;
        return Page();
    }
}
