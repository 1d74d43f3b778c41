using Schoolplein.Platform;
using Schoolplein.Platform.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.FeatureManagement;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Modules;
using Schoolplein.Platform.Timeline;
using Schoolplein.Tenant.Web.Shared;

namespace Schoolplein.Tenant.Web.Timeline;

/// <summary>
/// One post with its photos, files, likes and comments. Opening it marks its notifications
/// read and, for an urgent message, writes the reader's receipt.
/// </summary>
public sealed class DetailsModel(
    CurrentUser viewer, TimelineReader reader, TimelineService timeline, PostInteractions interactions, IFeatureManager features, IStringLocalizer<TimelineText> text)
    : PageModel, IShowsError
{
    public PostCard Post { get; private set; } = null!;
    public IReadOnlyList<CommentView> Comments { get; private set; } = [];
    public bool CommentsOn { get; private set; }
    public bool CanManage { get; private set; }
    public bool CanSeeReceipts { get; private set; }
    public string? Error { get; private set; }
    public string? Status { get; private set; }

    [BindProperty]
    public string? CommentText { get; set; }


    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var post = await reader.PostAsync(viewer, id, ct);
        if (post is null)
        {
            return NotFound();
        }
        await interactions.OpenedAsync(id, viewer.Id, post.Urgent, ct);
        return await ShowAsync(id, ct);
    }

    public async Task<IActionResult> OnPostLikeAsync(Guid id, string? returnUrl, CancellationToken ct)
    {
        var outcome = await interactions.ToggleLikeAsync(viewer, id, ct);
        if (outcome is null)
        {
            return NotFound();
        }
        if (!outcome.Succeeded)
        {
            return await WithErrorAsync(id, outcome.Problems[0], ct);
        }
        return LocalRedirect(Shared.LocalUrl.OrDefault(Url, returnUrl, $"/nieuws/{id}"));
    }

    public async Task<IActionResult> OnPostCommentAsync(Guid id, CancellationToken ct)
    {
        if (!await features.IsEnabledAsync(SchoolModules.Comments))
        {
            return await timeline.Visible(viewer).AnyAsync(p => p.Id == id, ct) ? await WithErrorAsync(id, "ErrorCommentsOff", ct) : NotFound();
        }
        var outcome = await interactions.CommentAsync(viewer, id, CommentText, ct);
        if (outcome is null)
        {
            return NotFound();
        }
        if (!outcome.Succeeded)
        {
            return await WithErrorAsync(id, outcome.Problems[0], ct);
        }
        return LocalRedirect($"/nieuws/{id}#reacties");
    }

    public async Task<IActionResult> OnPostDeleteCommentAsync(Guid id, Guid commentId, CancellationToken ct)
    {
        if (!this.IsConfirmed() && await interactions.MayDeleteCommentAsync(viewer, id, commentId, ct) is { Succeeded: true, Value: var comment })
        {
            return this.Ask(text["DeleteCommentConfirmTitle"], text["DeleteCommentConfirmQuestion", PostHtml.Excerpt(comment ?? "", 200)],
                text["DeleteCommentConfirmButton"], $"/nieuws/{id}#reacties");
        }
        var outcome = await interactions.DeleteCommentAsync(viewer, id, commentId, ct);
        return outcome switch
        {
            null => NotFound(),
            { Succeeded: false } refused => await WithErrorAsync(id, refused.Problems[0], ct),
            _ => LocalRedirect($"/nieuws/{id}#reacties"),
        };
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken ct)
    {
        if (!this.IsConfirmed() && await timeline.Manageable(viewer).Where(p => p.Id == id).Select(p => p.Title).FirstOrDefaultAsync(ct) is { } title)
        {
            return this.Ask(text["DeletePostConfirmTitle"], text["DeletePostConfirmQuestion", title], text["DeletePostConfirmButton"], $"/nieuws/{id}");
        }
        if (await timeline.DeleteAsync(id, viewer, ct))
        {
            return LocalRedirect("/");
        }
        // Visible but not the viewer's to delete: say so; otherwise it does not exist for them.
        return await timeline.Visible(viewer).AnyAsync(p => p.Id == id, ct) ? await WithErrorAsync(id, "ErrorNotYourPost", ct) : NotFound();
    }

    private Task<IActionResult> WithErrorAsync(Guid id, string key, CancellationToken ct) => WithErrorAsync(id, new Problem(key), ct);

    private async Task<IActionResult> WithErrorAsync(Guid id, Problem problem, CancellationToken ct)
    {
        Error = text.Text(problem);
        return await ShowAsync(id, ct);
    }

    private async Task<IActionResult> ShowAsync(Guid id, CancellationToken ct)
    {
        var post = await reader.PostAsync(viewer, id, ct);
        if (post is null)
        {
            return NotFound();
        }
        Post = post;
        CommentsOn = await features.IsEnabledAsync(SchoolModules.Comments);
        if (CommentsOn && post.AllowComments)
        {
            Comments = await reader.CommentsAsync(id, ct);
        }
        CanManage = viewer.IsAdmin || post.AuthorId == viewer.Id;
        CanSeeReceipts = post.Urgent && (CanManage || await timeline.ReceiptsVisible(viewer).AnyAsync(p => p.Id == id, ct));
        return Page();
    }

    public bool CanDelete(CommentView comment) => CanManage || comment.AuthorId == viewer.Id;
}
