using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Schoolplein.Platform;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Images;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Profiles;
using Schoolplein.Tenant.Web.Images;

namespace Schoolplein.Tenant.Web.Account.Settings;

/// <summary>Profile photo, "over mij", phone number and whether other parents of the group see it.</summary>
public sealed class ProfileModel(
    CurrentUser viewer, SchoolpleinDb db, ProfileService profiles, ImagePipeline images, IStringLocalizer<SettingsText> text, IStringLocalizer<ImagesText> imageText)
    : PageModel
{
    [BindProperty]
    public string? AboutMe { get; set; }

    [BindProperty]
    public string? PhoneNumber { get; set; }

    [BindProperty]
    public bool PhoneVisible { get; set; }

    public Guid UserId { get; private set; }
    public Guid? PhotoVersion { get; private set; }
    public string? Status { get; private set; }
    public string MaxPhotoSize => ImageProblems.MaxSize(images.Options);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(fillForm: true, ct) ? Page() : Challenge();

    /// <summary>"Over mij" and the phone number; on a mistake the typed values stay in the form.</summary>
    public async Task<IActionResult> OnPostDetailsAsync(CancellationToken ct)
    {
        var about = string.IsNullOrWhiteSpace(AboutMe) ? null : AboutMe.Trim();
        if (about?.Length > AppUser.AboutMeMaxLength)
        {
            ModelState.AddModelError(nameof(AboutMe), text["AboutTooLong", AppUser.AboutMeMaxLength]);
        }
        if (!PhoneNumberRules.TryNormalize(PhoneNumber, out var phone))
        {
            ModelState.AddModelError(nameof(PhoneNumber), text["PhoneInvalid"]);
        }
        if (!ModelState.IsValid)
        {
            return await LoadAsync(fillForm: false, ct) ? Page() : Challenge();
        }
        await profiles.SaveAsync(viewer.Id, new ProfileUpdate(about, phone, PhoneVisible), ct);
        Status = "ProfileSaved";
        return await LoadAsync(fillForm: true, ct) ? Page() : Challenge();
    }

    public async Task<IActionResult> OnPostPhotoAsync(IFormFile? photo, CancellationToken ct)
    {
        Outcome outcome;
        if (photo is null || photo.Length == 0)
        {
            outcome = Outcome.Refused([ImageProblems.For(ImageProblem.Empty, images.Options)]);
        }
        else if (photo.Length > images.Options.MaxInputBytes)
        {
            // Refused before reading: the pipeline would read the whole upload to say the same.
            outcome = Outcome.Refused([ImageProblems.For(ImageProblem.TooLarge, images.Options)]);
        }
        else
        {
            await using var stream = photo.OpenReadStream();
            outcome = await profiles.SetPhotoAsync(viewer.Id, stream, ct);
        }
        if (!outcome.Succeeded)
        {
            ModelState.AddProblems(outcome.Problems.Select(p => p.On("Photo")), imageText);
            return await LoadAsync(fillForm: true, ct) ? Page() : Challenge();
        }
        Status = "PhotoSaved";
        return await LoadAsync(fillForm: true, ct) ? Page() : Challenge();
    }

    public async Task<IActionResult> OnPostRemovePhotoAsync(CancellationToken ct)
    {
        await profiles.RemovePhotoAsync(viewer.Id, ct);
        Status = "PhotoRemoved";
        return await LoadAsync(fillForm: true, ct) ? Page() : Challenge();
    }

    private async Task<bool> LoadAsync(bool fillForm, CancellationToken ct)
    {
        var userId = viewer.Id;
        var me = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new { u.Id, u.AboutMe, u.PhoneNumber, u.PhoneVisibleToParents, u.PhotoBlobId })
            .FirstOrDefaultAsync(ct);
        if (me is null)
        {
            return false;
        }
        UserId = me.Id;
        PhotoVersion = me.PhotoBlobId;
        if (fillForm)
        {
            AboutMe = me.AboutMe;
            PhoneNumber = PhoneNumberRules.Display(me.PhoneNumber);
            PhoneVisible = me.PhoneVisibleToParents;
        }
        return true;
    }
}
