using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Schoolplein.Platform.Accounts;

namespace Schoolplein.Tenant.Web.Account;

/// <summary>Step 3 of joining: the activation mail's link confirms the address; then the parent can sign in.</summary>
[AllowAnonymous]
public sealed class ActivateModel(AccountActivation activation) : PageModel
{
    public bool Activated { get; private set; }

    /// <summary>Children whose koppelcode other guardians took while this account waited too long for activation.</summary>
    public IReadOnlyList<string> LostChildren { get; private set; } = [];

    public async Task OnGetAsync(Guid? userId, string? token, CancellationToken ct)
    {
        if (userId is null || string.IsNullOrEmpty(token))
        {
            return;
        }
        var result = await activation.ActivateAsync(userId.Value, token, ct);
        (Activated, LostChildren) = (result.Activated, result.LostChildren);
    }
}
