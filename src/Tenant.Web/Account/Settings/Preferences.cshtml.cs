using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Push;
using Schoolplein.Tenant.Web.Localization;

namespace Schoolplein.Tenant.Web.Account.Settings;

/// <summary>Language and how notifications reach the user (push, e-mail or both; urgent messages always use both).</summary>
public sealed class PreferencesModel(SignInManager<AppUser> signIn, IStringLocalizer<SettingsText> text, PushSubscriptions push) : PageModel
{
    /// <summary>"each" (one mail per notification) or "daily" (the daily digest).</summary>
    [BindProperty]
    public string? Digest { get; set; }

    public int PushDevices { get; private set; }

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
        Digest = user.EmailDigest ? "daily" : "each";
        PushDevices = await push.CountAsync(user.Id, HttpContext.RequestAborted);
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
        // Absent (an older form) keeps the current choice.
        Digest ??= user.EmailDigest ? "daily" : "each";
        if (Digest is not ("each" or "daily"))
        {
            ModelState.AddModelError(nameof(Digest), text["DigestInvalid"]);
        }
        if (!ModelState.IsValid)
        {
            Language = Language is "nl" or "en" ? Language : user.Language;
            Channels = channels is null ? Name(user.NotifyBy) : Channels;
            Digest = Digest is "each" or "daily" ? Digest : user.EmailDigest ? "daily" : "each";
            PushDevices = await push.CountAsync(user.Id, HttpContext.RequestAborted);
            return Page();
        }
        user.NotifyBy = channels!.Value;
        user.EmailDigest = Digest == "daily";
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
