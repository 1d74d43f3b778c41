using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Schoolplein.Tenant.Web.Account;

/// <summary>The words of a "mail me a link" page (<c>_MailLinkRequest.cshtml</c> shows them).</summary>
public sealed record MailLinkTexts(string Title, string Intro, string Sent, string EmailLabel, string Button, string? SignInLink = null);

/// <summary>
/// The shape of the two "mail me a link" pages (forgotten password, resend activation): one address;
/// the same answer whether or not it has an account; a limit per IP address, answered with the
/// wait; and a limit per address, answered like a success with no mail (the service asks it).
/// </summary>
public abstract class MailLinkRequestModel : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    public bool Sent { get; private set; }

    public abstract MailLinkTexts Texts { get; }

    /// <summary>The message for an address that is not one.</summary>
    protected abstract string EmailInvalid { get; }

    /// <summary>How long this IP address must wait before asking again; null when it may.</summary>
    protected abstract TimeSpan? IpWait();

    protected abstract string TooMany(int retryAfter);

    /// <summary>Mails the link when the address has an account (and its own limit allows), else rehearses the same work.</summary>
    protected abstract Task SendAsync(string email, CancellationToken ct);

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var email = Email?.Trim();
        if (!PersonInput.IsEmail(email))
        {
            ModelState.AddModelError(nameof(Email), EmailInvalid);
            return Page();
        }
        if (IpWait() is { } wait)
        {
            ModelState.AddModelError(nameof(Email), TooMany(SignInThrottle.RetryAfter(HttpContext, wait)));
            return Page();
        }
        await SendAsync(email!, ct);
        Sent = true;
        return Page();
    }
}
