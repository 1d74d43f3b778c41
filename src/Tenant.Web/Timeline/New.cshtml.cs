using Schoolplein.Platform;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Schoolplein.Platform.Blobs;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Timeline;

namespace Schoolplein.Tenant.Web.Timeline;

/// <summary>
/// Writing a post or an urgent message: teachers to their own groups, admins to any group or
/// the whole school. Published at once; the audience is notified in the same transaction.
/// </summary>
[Authorize(Roles = Roles.Staff)]
[RequestSizeLimit(RequestLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = RequestLimit)]
public sealed class NewModel(CurrentUser viewer, TimelineService timeline, HeldPostMedia held, PhotoConsentCheck photoConsent, IStringLocalizer<TimelineText> text) : PageModel
{
    public const long RequestLimit = 200L * 1024 * 1024;

    [BindProperty]
    public PostForm Form { get; set; } = new();

    [BindProperty]
    public List<IFormFile> Photos { get; set; } = [];

    [BindProperty]
    public List<IFormFile> Files { get; set; } = [];

    public IReadOnlyList<GroupOption> Groups { get; private set; } = [];
    /// <summary>Per group the writer may post to, the children without consent for photos on the portal.</summary>
    public IReadOnlyList<ConsentGroup> WithoutConsent { get; private set; } = [];
    public bool IsAdmin => viewer.IsAdmin;
    /// <summary>Photos and files of a refused attempt, held so the writer need not choose them again.</summary>
    public IReadOnlyList<HeldFile> Held { get; private set; } = [];

    public sealed record GroupOption(Guid Id, string Name);


    public async Task OnGetAsync(bool spoed, CancellationToken ct)
    {
        await LoadAsync(ct);
        Form = new PostForm
        {
            Urgent = spoed,
            SchoolWide = IsAdmin,
            AllowLikes = !spoed,
            // Comments default on for group posts, off for school-wide posts (and urgent messages).
            AllowComments = !IsAdmin && !spoed,
        };
        if (Groups.Count == 1 && !IsAdmin)
        {
            Form.GroupIds = [Groups[0].Id];
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var problems = new List<Problem>();
        if (!ModelState.IsValid)
        {
            // A value the binder could not read (a forged group id …): our own message, not the framework's.
            ModelState.Clear();
            problems.Add(new Problem("ErrorInvalidInput"));
        }
        var newPhotos = await FormUploads.ReadAsync(Photos, TimelineService.MaxPhotoBytes, "ErrorPhotoTooLarge", problems, ct);
        var newFiles = await FormUploads.ReadAsync(Files, AttachmentRules.MaxBytes, "ErrorAttachmentTooLarge", problems, ct);
        var earlier = await held.TakeBackAsync(viewer.Id, Form.KeptUploadIds, ct);
        List<UploadedFile> photos = [.. earlier.Photos, .. newPhotos];
        List<UploadedFile> files = [.. earlier.Files, .. newFiles];
        var chosen = Form.SchoolWide ? Groups.Select(g => g.Id).ToList() : Form.GroupIds;
        if (PhotoConsentCheck.Check(WithoutConsent, chosen, photos.Count > 0, Form.ConsentChecked) is { } consentProblem)
        {
            problems.Add(consentProblem);
        }
        if (problems.Count == 0)
        {
            var result = await timeline.PublishAsync(new PostDraft(
                Form.Title, Form.Body, Form.SchoolWide, Form.GroupIds, Form.Urgent, Form.Pinned,
                Form.AllowComments, Form.AllowLikes, photos, files), viewer, ct);
            if (result.Succeeded)
            {
                await held.DiscardAsync(viewer.Id, earlier.Held, ct);
                return LocalRedirect(Form.Urgent ? TimelineNotifications.ReadOverviewLink(result.Value) : TimelineNotifications.Link(result.Value));
            }
            problems.AddRange(result.Problems);
        }
        // Refused: what was chosen stays chosen (the post itself saved nothing).
        Held = await held.KeepForNextTryAsync(viewer.Id, earlier, newPhotos, newFiles, problems, ct);
        Form.KeptUploadIds = Held.Select(h => h.Id).ToList();
        foreach (var problem in problems)
        {
            ModelState.AddModelError("", text[problem.Key, problem.Args]);
        }
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Groups = await timeline.TargetGroups(viewer).Select(g => new GroupOption(g.Id, g.Name)).ToListAsync(ct);
        WithoutConsent = await photoConsent.ForGroupsAsync(Groups.Select(g => (g.Id, g.Name)).ToList(), ct);
    }
}
