using Microsoft.EntityFrameworkCore;
using Schoolplein.Platform.Blobs;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Images;
using Schoolplein.Platform.Persistence;

namespace Schoolplein.Platform.Profiles;

/// <summary>What a user writes about themself; the phone number is already E.164 (see <see cref="PhoneNumberRules"/>).</summary>
public sealed record ProfileUpdate(string? AboutMe, string? PhoneNumber, bool PhoneVisibleToParents);

public enum PhotoSize
{
    Large,
    Thumbnail,
}

/// <summary>Profile photo and "over mij" of the signed-in user.</summary>
public sealed class ProfileService(SchoolpleinDb db, IBlobStore blobs, ImagePipeline images)
{
    /// <summary>Square crops: 512 px for a profile view, 128 px for menus and lists (64 px shown at 2× density).</summary>
    public static readonly IReadOnlyList<ImageVariantSpec> PhotoVariants =
    [
        new("large", 512, 512, ImageFit.Cover),
        new("thumb", 128, 128, ImageFit.Cover),
    ];

    /// <summary>Replaces the photo; refused with an <see cref="ImageProblems"/> key when the upload is no usable photo (then nothing changed).</summary>
    public async Task<Outcome> SetPhotoAsync(Guid userId, Stream content, CancellationToken ct = default)
    {
        var result = await images.ProcessAsync(content, PhotoVariants, ct);
        if (!result.Succeeded)
        {
            return Outcome.Refused([ImageProblems.For(result.Problem!.Value, images.Options)]);
        }
        var user = await db.Users.SingleAsync(u => u.Id == userId, ct);
        await DeleteBlobsAsync(user, ct);
        var large = result["large"];
        var thumb = result["thumb"];
        user.PhotoBlobId = await blobs.PutAsync(large.ContentType, large.Content, ct);
        user.PhotoThumbnailBlobId = await blobs.PutAsync(thumb.ContentType, thumb.Content, ct);
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
        await db.SaveChangesAsync(ct);
        return Outcome.Done;
    }

    public async Task RemovePhotoAsync(Guid userId, CancellationToken ct = default)
    {
        var user = await db.Users.SingleAsync(u => u.Id == userId, ct);
        await DeleteBlobsAsync(user, ct);
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
        await db.SaveChangesAsync(ct);
    }

    public async Task SaveAsync(Guid userId, ProfileUpdate update, CancellationToken ct = default)
    {
        var user = await db.Users.SingleAsync(u => u.Id == userId, ct);
        user.AboutMe = string.IsNullOrWhiteSpace(update.AboutMe) ? null : update.AboutMe.Trim().ReplaceLineEndings("\n");
        if (user.PhoneNumber != update.PhoneNumber)
        {
            user.PhoneNumber = update.PhoneNumber;
            user.PhoneNumberConfirmed = false;
        }
        user.PhoneVisibleToParents = update.PhoneVisibleToParents;
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Removes both photo blobs from the store (with the caller's SaveChanges).</summary>
    public async Task DeleteBlobsAsync(AppUser user, CancellationToken ct = default)
    {
        foreach (var id in new[] { user.PhotoBlobId, user.PhotoThumbnailBlobId })
        {
            if (id is { } blobId)
            {
                await blobs.DeleteAsync(blobId, ct);
            }
        }
        user.PhotoBlobId = null;
        user.PhotoThumbnailBlobId = null;
    }
}

/// <summary>
/// Who may see someone's profile (photo, "over mij"): the person themself, staff of the
/// school, parents who have a child in a group with one of the person's children, and
/// parents whose child is in a group the person teaches. Everything else, including every
/// user of another school (tenant filter), is invisible.
/// </summary>
public sealed class ProfileVisibility(SchoolpleinDb db, IBlobStore blobs)
{
    private static readonly Guid[] StaffRoleIds = Roles.All.Where(r => r.Name is Roles.Teacher or Roles.SchoolAdmin).Select(r => r.Id).ToArray();

    /// <summary>The users whose profile <paramref name="viewerId"/> may see, as a query to compose further.</summary>
    public IQueryable<AppUser> VisibleTo(Guid viewerId)
    {
        var viewerIsStaff = db.UserRoles.Any(r => r.UserId == viewerId && StaffRoleIds.Contains(r.RoleId));
        var viewerGroups = db.Guardianships
            .Where(g => g.UserId == viewerId && g.Pupil!.ArchivedAt == null && g.Pupil.GroupId != null)
            .Select(g => g.Pupil!.GroupId!.Value);
        return db.Users.Where(u =>
            u.Id == viewerId
            || viewerIsStaff
            || (u.DeactivatedAt == null
                && (db.Guardianships.Any(g => g.UserId == u.Id && g.Pupil!.ArchivedAt == null && g.Pupil.GroupId != null && viewerGroups.Contains(g.Pupil.GroupId.Value))
                    || db.GroupTeachers.Any(t => t.UserId == u.Id && viewerGroups.Contains(t.GroupId)))));
    }

    /// <summary>The photo when the viewer may see it and there is one; null otherwise (the caller answers 404).</summary>
    public async Task<BlobContent?> PhotoAsync(Guid viewerId, Guid userId, PhotoSize size, CancellationToken ct = default)
    {
        var blobId = await VisibleTo(viewerId)
            .Where(u => u.Id == userId)
            .Select(u => size == PhotoSize.Large ? u.PhotoBlobId : u.PhotoThumbnailBlobId)
            .FirstOrDefaultAsync(ct);
        return blobId is { } id ? await blobs.GetAsync(id, ct) : null;
    }
}
