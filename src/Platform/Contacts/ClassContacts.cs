using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Schoolplein.Platform.Blobs;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Roster;

namespace Schoolplein.Platform.Contacts;

public sealed record ContactGroup(Guid Id, string Name);
/// <param name="PhotoId">The photo's own opaque id (its blob id, new with every upload): the list's image URL never carries the guardian's user id.</param>
public sealed record ContactGuardian(Guid UserId, string Name, string? AboutMe, bool HasPhoto, string? Phone, string? Email, Guid? PhotoId = null);
public sealed record ContactChild(Guid PupilId, string Name, IReadOnlyList<ContactGuardian> Guardians);

/// <param name="FullDetails">Staff view: every guardian's phone and e-mail. Parent view: phone only where the guardian opted in, no e-mail, own children left out.</param>
public sealed record ContactList(Guid GroupId, string GroupName, bool FullDetails, IReadOnlyList<ContactChild> Children);

/// <summary>
/// The class contact list. A parent sees, for each group one of their current children is in, the
/// other children's guardians: name, photo, "over mij", and the phone number only where that
/// guardian switched visibility on. The group's teachers (and the school admins) see every
/// guardian's phone and e-mail. Nothing of other groups; the tenant filter keeps other schools out.
/// Only activated accounts are listed (<see cref="Listed"/>). Every rule sits inside the queries;
/// the viewer is the signed-in <see cref="CurrentUser"/>.
/// </summary>
public sealed class ClassContacts(SchoolpleinDb db, IBlobStore blobs, CurrentUser viewer)
{
    /// <summary>
    /// A guardian's account is listed once activated (e-mail confirmed) and while not deactivated: an
    /// account made with a koppelcode but never activated may carry a mistyped or someone else's
    /// address, and its person has not shown up yet.
    /// </summary>
    private static readonly System.Linq.Expressions.Expression<Func<Guardianship, bool>> Listed =
        g => g.User!.EmailConfirmed && g.User.DeactivatedAt == null;

    /// <summary>Groups whose full list (phones, e-mail) the viewer sees as staff.</summary>
    private IQueryable<Group> StaffGroups() =>
        db.Groups.Where(g => viewer.IsAdmin || (viewer.IsTeacher && g.Teachers.Any(t => t.UserId == viewer.Id)));

    /// <summary>Groups the viewer sees as a parent: a current child of theirs is in it.</summary>
    private IQueryable<Group> ParentGroups() =>
        db.Groups.Where(g => viewer.IsParent && g.Pupils.Any(p => p.ArchivedAt == null && p.Guardians.Any(x => x.UserId == viewer.Id)));

    private IQueryable<Guid> VisibleGroupIds() =>
        StaffGroups().Select(g => g.Id).Union(ParentGroups().Select(g => g.Id));

    public async Task<IReadOnlyList<ContactGroup>> GroupsAsync(CancellationToken ct = default)
    {
        var ids = VisibleGroupIds();
        return await db.Groups.AsNoTracking()
            .Where(g => ids.Contains(g.Id))
            .OrderBy(g => g.SortOrder).ThenBy(g => g.Name)
            .Select(g => new ContactGroup(g.Id, g.Name))
            .ToListAsync(ct);
    }

    /// <summary>The list of one group, or null when the viewer may not see it (unknown, other school, not their group).</summary>
    public async Task<ContactList?> ListAsync(Guid groupId, CancellationToken ct = default)
    {
        var full = await StaffGroups().AnyAsync(g => g.Id == groupId, ct);
        var group = await (full ? StaffGroups() : ParentGroups()).AsNoTracking()
            .Where(g => g.Id == groupId)
            .Select(g => new { g.Id, g.Name })
            .FirstOrDefaultAsync(ct);
        if (group is null)
        {
            return null;
        }
        var rows = await db.Pupils.AsNoTracking()
            .Where(p => p.GroupId == groupId && p.ArchivedAt == null && (full || !p.Guardians.Any(g => g.UserId == viewer.Id)))
            .OrderBy(p => p.FirstName).ThenBy(p => p.LastName)
            .Select(p => new
            {
                p.Id, p.FullName,
                Guardians = p.Guardians.AsQueryable()
                    .Where(Listed)
                    .OrderBy(g => g.User!.FirstName)
                    .Select(g => new
                    {
                        g.UserId, g.User!.FullName, g.User.AboutMe,
                        HasPhoto = g.User.PhotoBlobId != null,
                        PhotoId = g.User.PhotoBlobId,
                        Phone = full || g.User.PhoneVisibleToParents ? g.User.PhoneNumber : null,
                        Email = full ? g.User.Email : null,
                    })
                    .ToList(),
            })
            .ToListAsync(ct);
        return new ContactList(group.Id, group.Name, full, rows.Select(p => new ContactChild(
            p.Id,
            p.FullName,
            p.Guardians.Select(g => new ContactGuardian(
                g.UserId, g.FullName,
                string.IsNullOrWhiteSpace(g.AboutMe) ? null : g.AboutMe, g.HasPhoto,
                string.IsNullOrWhiteSpace(g.Phone) ? null : g.Phone, g.Email, g.PhotoId)).ToList())).ToList());
    }

    /// <summary>
    /// A guardian's profile photo by the photo's own id (see <see cref="ContactGuardian.PhotoId"/>), only for
    /// viewers who see that guardian in one of their contact lists.
    /// </summary>
    public async Task<BlobContent?> PhotoAsync(Guid photoId, CancellationToken ct = default)
    {
        var ids = VisibleGroupIds();
        var blobId = await db.Guardianships.AsNoTracking()
            .Where(Listed)
            .Where(g => g.User!.PhotoBlobId == photoId
                && g.Pupil!.ArchivedAt == null && g.Pupil.GroupId != null && ids.Contains(g.Pupil.GroupId.Value))
            .Select(g => g.User!.PhotoBlobId)
            .FirstOrDefaultAsync(ct);
        return blobId is { } id ? await blobs.GetAsync(id, ct) : null;
    }
}

public static class ContactsRegistration
{
    public static IServiceCollection AddClassContacts(this IServiceCollection services)
    {
        services.AddScoped<ClassContacts>();
        return services;
    }
}
