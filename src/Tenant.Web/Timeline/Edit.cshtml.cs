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

/// <summary>Changing a post: text, pinning, likes/comments, photos and files. Its audience and urgency stay as sent.</summary>
[Authorize(Roles = Roles.Staff)]
[RequestSizeLimit(NewModel.RequestLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = NewModel.RequestLimit)]
public sealed class EditModel(CurrentUser viewer, TimelineService timeline, TimelineReader reader, HeldPostMedia held, PhotoConsentCheck photoConsent, IStringLocalizer<TimelineText> text) : PageModel
{
    [BindProperty]
    public PostForm Form { get; set; } = new();

    [BindProperty]
    public List<IFormFile> Photos { get; set; } = [];

    [BindProperty]
    public List<IFormFile> Files { get; set; } = [];

    public PostCard Post { get; private set; } = null!;
    /// <summary>Children of the post's groups without consent for photos on the portal.</summary>
    public IReadOnlyList<ConsentGroup> WithoutConsent { get; private set; } = [];
    /// <summary>Photos and files of a refused attempt, held so the writer need not choose them again.</summary>
    public IReadOnlyList<HeldFile> Held { get; private set; } = [];


    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        Form = new PostForm
        {
            Title = Post.Title,
            Body = Post.BodyHtml,
            Pinned = Post.Pinned,
            AllowComments = Post.AllowComments,
            AllowLikes = Post.AllowLikes,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        var problems = new List<Problem>();
        if (!ModelState.IsValid)
        {
            ModelState.Clear();
            problems.Add(new Problem("ErrorInvalidInput"));
        }
        var newPhotos = await FormUploads.ReadAsync(Photos, TimelineService.MaxPhotoBytes, "ErrorPhotoTooLarge", problems, ct);
        var newFiles = await FormUploads.ReadAsync(Files, AttachmentRules.MaxBytes, "ErrorAttachmentTooLarge", problems, ct);
        var earlier = await held.TakeBackAsync(viewer.Id, Form.KeptUploadIds, ct);
        List<UploadedFile> photos = [.. earlier.Photos, .. newPhotos];
        List<UploadedFile> files = [.. earlier.Files, .. newFiles];
        if (PhotoConsentCheck.Check(WithoutConsent, WithoutConsent.Select(g => g.GroupId).ToList(), photos.Count > 0, Form.ConsentChecked) is { } consentProblem)
        {
            problems.Add(consentProblem);
        }
        if (problems.Count == 0)
        {
            var result = await timeline.UpdateAsync(id, new PostChanges(
                Form.Title, Form.Body, Form.Pinned, Form.AllowComments, Form.AllowLikes,
                Form.RemovePhotoIds, Form.RemoveAttachmentIds, photos, files), viewer, ct);
            if (result.Succeeded)
            {
                await held.DiscardAsync(viewer.Id, earlier.Held, ct);
                return LocalRedirect(TimelineNotifications.Link(id));
            }
            problems.AddRange(result.Problems);
        }
        Held = await held.KeepForNextTryAsync(viewer.Id, earlier, newPhotos, newFiles, problems, ct);
        Form.KeptUploadIds = Held.Select(h => h.Id).ToList();
        foreach (var problem in problems)
        {
            ModelState.AddModelError("", text[problem.Key, problem.Args]);
        }
        return Page();
    }

    /// <summary>The post, only when the viewer may change it (their own, or any for an admin).</summary>
    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (!await timeline.Manageable(viewer).AnyAsync(p => p.Id == id, ct))
        {
            return false;
        }
        var post = await reader.PostAsync(viewer, id, ct);
        if (post is null)
        {
            return false;
        }
        Post = post;
        var groups = await timeline.Manageable(viewer).Where(p => p.Id == id)
            .SelectMany(p => p.Groups).Select(g => new { g.GroupId, g.Group!.Name, g.Group.SortOrder })
            .OrderBy(g => g.SortOrder).ThenBy(g => g.Name)
            .Select(g => new { g.GroupId, g.Name }).ToListAsync(ct);
        var audience = post.SchoolWide
            ? await timeline.TargetGroups(viewer).Select(g => new { GroupId = g.Id, g.Name }).ToListAsync(ct)
            : groups;
        WithoutConsent = await photoConsent.ForGroupsAsync(audience.Select(g => (g.GroupId, g.Name)).ToList(), ct);
        return true;
    }
}
