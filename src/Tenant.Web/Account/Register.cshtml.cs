using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Schoolplein.Platform.Accounts;
using Schoolplein.Platform.LinkCodes;
using Schoolplein.Tenant.Web.Localization;

namespace Schoolplein.Tenant.Web.Account;

/// <summary>Step 2 of joining: a new account with the koppelcode. Sends the activation mail.</summary>
[AllowAnonymous]
[LinkCodeAttempt]
public sealed class RegisterModel(ParentRegistration registration, IStringLocalizer<JoinText> text) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public PersonInput Input { get; set; } = new();

    public IActionResult OnGet(string? code)
    {
        if (LinkCodeFormat.Normalize(code) is not { } normalized)
        {
            return Redirect("/Account/Join");
        }
        Code = LinkCodeFormat.Display(normalized);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var person = PersonInput.Validate(Input, ModelState, text, requirePassword: true);
        if (person is null)
        {
            return Page();
        }
        var language = LocalizationWeb.LanguageOf(CultureInfo.CurrentUICulture);
        var result = await registration.RegisterAsync(
            new NewParent(person.FirstName, person.LastNamePrefix, person.LastName, person.Email, Input.Password!, person.PhoneNumber, language), Code, ct);
        if (result.CodeStatus != LinkCodeStatus.Valid)
        {
            ModelState.AddModelError(nameof(Code), LinkCodeMessages.For(text, new LinkCodeCheck(result.CodeStatus)));
            return Page();
        }
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError("Input.Password", error.Description);
            }
            return Page();
        }
        TempData["RegisteredEmail"] = person.Email;
        return RedirectToPage("/Account/Registered");
    }
}
