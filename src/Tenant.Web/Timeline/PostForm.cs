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
