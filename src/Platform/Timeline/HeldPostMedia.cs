using Schoolplein.Platform.Blobs;
using Schoolplein.Platform.Images;

namespace Schoolplein.Platform.Timeline;

/// <summary>Held photos and files taken back for a new attempt, with their bytes.</summary>
public sealed record TakenBackMedia(IReadOnlyList<HeldFile> Held, IReadOnlyList<UploadedFile> Photos, IReadOnlyList<UploadedFile> Files);

/// <summary>
/// Photos and files of a post that was refused (the photo-consent question not confirmed, a
/// title missing …) are held for the author, so the form can be sent again without choosing
/// them anew. Photos are re-encoded before they are held, so no EXIF or GPS is stored even for
/// a post that is never published; documents are held only when their type is accepted.
/// </summary>
public sealed class HeldPostMedia(PendingUploads pending, ImagePipeline images)
{
    public const string PhotoPurpose = "timeline.photo";
    public const string FilePurpose = "timeline.file";

    /// <summary>Near-lossless: a held photo is re-encoded once more (to the stored size) when the post is published.</summary>
    private static readonly ImageVariantSpec HeldPhoto = new("held", TimelineService.LargeSide, TimelineService.LargeSide, Quality: 95);

    /// <summary>The author's held media among <paramref name="ids"/> (others' ids are ignored), with bytes.</summary>
    public async Task<TakenBackMedia> TakeBackAsync(Guid authorId, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var held = (await pending.FindAsync(authorId, ids, ct))
            .Where(h => h.Purpose is PhotoPurpose or FilePurpose).ToList();
        var photos = new List<UploadedFile>();
        var files = new List<UploadedFile>();
        var found = new List<HeldFile>();
        foreach (var file in held)
        {
            if (await pending.ContentAsync(authorId, file.Id, ct) is not { } content)
            {
                continue;
            }
            found.Add(file);
            (file.Purpose == PhotoPurpose ? photos : files).Add(new UploadedFile(file.FileName, content.Content));
        }
        return new TakenBackMedia(found, photos, files);
    }

    /// <summary>
    /// Holds the new uploads that the post would accept. The others are not held; for each of
    /// them the problem to show is returned, since the post's own checks may not have run.
    /// </summary>
    public async Task<(IReadOnlyList<HeldFile> Held, IReadOnlyList<Problem> Refused)> HoldAsync(
        Guid authorId, IReadOnlyList<UploadedFile> photos, IReadOnlyList<UploadedFile> files, CancellationToken ct)
    {
        var toHold = new List<FileToHold>();
        var refused = new List<Problem>();
        foreach (var photo in photos)
        {
            var name = Uploads.CleanFileName(photo.FileName);
            if (images.Process(photo.Content, [HeldPhoto]) is { Succeeded: true } image)
            {
                var cleaned = image[HeldPhoto.Name];
                toHold.Add(new FileToHold(PhotoPurpose, name, cleaned.ContentType, cleaned.Content));
            }
            else
            {
                refused.Add(new Problem("ErrorNotAPhoto", name));
            }
        }
        foreach (var file in files)
        {
            var name = Uploads.CleanFileName(file.FileName);
            if (AttachmentRules.ContentTypeOf(file) is { } contentType)
            {
                toHold.Add(new FileToHold(FilePurpose, name, contentType, file.Content));
            }
            else
            {
                refused.Add(new Problem("ErrorAttachmentType", name));
            }
        }
        return (await pending.HoldAsync(authorId, toHold, ct), refused);
    }

    /// <summary>Once the post is saved, its held media are no longer needed.</summary>
    public Task DiscardAsync(Guid authorId, IEnumerable<HeldFile> held, CancellationToken ct) =>
        pending.DiscardAsync(authorId, held.Select(h => h.Id), ct);

    /// <summary>A held photo for the author's own preview, or null.</summary>
    public async Task<BlobContent?> PhotoAsync(Guid authorId, Guid id, CancellationToken ct) =>
        (await pending.FindAsync(authorId, [id], ct)).Any(h => h.Purpose == PhotoPurpose)
            ? await pending.ContentAsync(authorId, id, ct)
            : null;
}
