using Schoolplein.Platform;
using Schoolplein.Platform.Blobs;
using Schoolplein.Platform.Timeline;

namespace Schoolplein.Tenant.Web.Timeline;

/// <summary>The compose and edit form of a post.</summary>
public sealed class PostForm
{
    public string? Title { get; set; }
    public string? Body { get; set; }
    public bool SchoolWide { get; set; }
    public List<Guid> GroupIds { get; set; } = [];
    public bool Urgent { get; set; }
    public bool Pinned { get; set; }
    public bool AllowComments { get; set; }
    public bool AllowLikes { get; set; }
    /// <summary>The author confirms having checked the children without photo consent.</summary>
    public bool ConsentChecked { get; set; }
    public List<Guid> RemovePhotoIds { get; set; } = [];
    public List<Guid> RemoveAttachmentIds { get; set; } = [];
    /// <summary>Photos and files held after an earlier refused attempt that the writer still wants (see <see cref="HeldPostMedia"/>).</summary>
    public List<Guid> KeptUploadIds { get; set; } = [];
}

/// <summary>What the compose and edit pages do with held media around an attempt to save.</summary>
public static class HeldMediaSteps
{
    /// <summary>
    /// After a refused attempt: holds the new uploads (so the re-rendered form keeps them) and
    /// adds the problems of uploads that cannot be held, unless the post's checks reported them.
    /// Returns everything the form now holds, earlier held media first.
    /// </summary>
    public static async Task<IReadOnlyList<HeldFile>> KeepForNextTryAsync(
        this HeldPostMedia held, Guid authorId, TakenBackMedia earlier, IReadOnlyList<UploadedFile> photos, IReadOnlyList<UploadedFile> files,
        List<Problem> problems, CancellationToken ct)
    {
        var (added, refused) = await held.HoldAsync(authorId, photos, files, ct);
        foreach (var problem in refused)
        {
            if (!problems.Any(p => p.Key == problem.Key && p.Args.SequenceEqual(problem.Args)))
            {
                problems.Add(problem);
            }
        }
        return [.. earlier.Held, .. added];
    }
}

/// <summary>Browser uploads (IFormFile) read into <see cref="UploadedFile"/>s.</summary>
public static class FormUploads
{
    /// <summary>
    /// Reads the uploaded files into memory, refusing (with a problem) any file far over the
    /// limit before reading it. Files without content (an empty file input) are skipped.
    /// </summary>
    public static async Task<List<UploadedFile>> ReadAsync(IEnumerable<IFormFile>? files, long maxBytes, string tooLargeKey, List<Problem> problems, CancellationToken ct)
    {
        var result = new List<UploadedFile>();
        foreach (var file in files ?? [])
        {
            if (file.Length == 0)
            {
                continue;
            }
            if (file.Length > maxBytes)
            {
                problems.Add(new Problem(tooLargeKey, Uploads.CleanFileName(file.FileName), maxBytes / (1024 * 1024)));
                continue;
            }
            using var buffer = new MemoryStream((int)file.Length);
            await file.CopyToAsync(buffer, ct);
            result.Add(new UploadedFile(file.FileName, buffer.ToArray()));
        }
        return result;
    }
}
