using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Schoolplein.Platform.Identity;
using Schoolplein.Tenant.Web.Localization;

namespace Schoolplein.Tenant.Web.Account.Settings;

/// <summary>Language and how notifications reach the user (push, e-mail or both; urgent messages always use both).</summary>
public sealed class PreferencesModel(SignInManager<AppUser> signIn, IStringLocalizer<SettingsText> text) : PageModel
{
    [BindProperty]
    public string? Language { get; set; }

    [BindProperty]
    public string? Channels { get; set; }

    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(bool saved = false)
    {
        if (await signIn.UserManager.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }
        Saved = saved;
        Language = user.Language;
        Channels = Name(user.NotifyBy);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.UserManager.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }
        if (Language is not ("nl" or "en"))
        {
            ModelState.AddModelError(nameof(Language), text["LanguageInvalid"]);
        }
        var channels = Parse(Channels);
        if (channels is null)
        {
            ModelState.AddModelError(nameof(Channels), text["ChannelsInvalid"]);
        }
        if (!ModelState.IsValid)
        {
            Language = Language is "nl" or "en" ? Language : user.Language;
            Channels = channels is null ? Name(user.NotifyBy) : Channels;
            return Page();
        }
        user.NotifyBy = channels!.Value;
        await LocalizationWeb.ApplyLanguageAsync(Response, signIn, user, Language!);
        // A redirect, so the next page is already in the chosen language.
        return RedirectToPage(new { saved = true });
    }

    private static string Name(NotificationChannels channels) => channels switch
    {
        NotificationChannels.Email => "email",
        NotificationChannels.Push => "push",
        _ => "both",
    };

    private static NotificationChannels? Parse(string? value) => value switch
    {
        "both" => NotificationChannels.Both,
        "email" => NotificationChannels.Email,
        "push" => NotificationChannels.Push,
        _ => null,
    };
}
