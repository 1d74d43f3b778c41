using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Schoolplein.Platform.Blobs;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Roster;

namespace Schoolplein.Platform.Contacts;

/// <summary>Who is asking: the user and the roles that decide what the contact list shows.</summary>
public sealed record ContactViewer(Guid UserId, bool IsParent, bool IsTeacher, bool IsAdmin);

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
/// Only activated accounts are listed (<see cref="Listed"/>). Every rule sits inside the queries.
/// </summary>
public sealed class ClassContacts(SchoolpleinDb db, IBlobStore blobs)
{
    /// <summary>
    /// A guardian's account is listed once activated (e-mail confirmed) and while not deactivated: an
    /// account made with a koppelcode but never activated may carry a mistyped or someone else's
    /// address, and its person has not shown up yet.
    /// </summary>
    private static readonly System.Linq.Expressions.Expression<Func<Guardianship, bool>> Listed =
        g => g.User!.EmailConfirmed && g.User.DeactivatedAt == null;

    /// <summary>Groups whose full list (phones, e-mail) the viewer sees as staff.</summary>
    private IQueryable<Group> StaffGroups(ContactViewer viewer) =>
        db.Groups.Where(g => viewer.IsAdmin || (viewer.IsTeacher && g.Teachers.Any(t => t.UserId == viewer.UserId)));

    /// <summary>Groups the viewer sees as a parent: a current child of theirs is in it.</summary>
    private IQueryable<Group> ParentGroups(ContactViewer viewer) =>
        db.Groups.Where(g => viewer.IsParent && g.Pupils.Any(p => p.ArchivedAt == null && p.Guardians.Any(x => x.UserId == viewer.UserId)));

    private IQueryable<Guid> VisibleGroupIds(ContactViewer viewer) =>
        StaffGroups(viewer).Select(g => g.Id).Union(ParentGroups(viewer).Select(g => g.Id));

    public async Task<IReadOnlyList<ContactGroup>> GroupsAsync(ContactViewer viewer, CancellationToken ct = default)
    {
        var ids = VisibleGroupIds(viewer);
        return await db.Groups.AsNoTracking()
            .Where(g => ids.Contains(g.Id))
            .OrderBy(g => g.SortOrder).ThenBy(g => g.Name)
            .Select(g => new ContactGroup(g.Id, g.Name))
            .ToListAsync(ct);
    }

    /// <summary>The list of one group, or null when the viewer may not see it (unknown, other school, not their group).</summary>
    public async Task<ContactList?> ListAsync(ContactViewer viewer, Guid groupId, CancellationToken ct = default)
    {
        var full = await StaffGroups(viewer).AnyAsync(g => g.Id == groupId, ct);
        var group = await (full ? StaffGroups(viewer) : ParentGroups(viewer)).AsNoTracking()
            .Where(g => g.Id == groupId)
            .Select(g => new { g.Id, g.Name })
            .FirstOrDefaultAsync(ct);
        if (group is null)
        {
            return null;
        }
        var rows = await db.Pupils.AsNoTracking()
            .Where(p => p.GroupId == groupId && p.ArchivedAt == null && (full || !p.Guardians.Any(g => g.UserId == viewer.UserId)))
            .OrderBy(p => p.FirstName).ThenBy(p => p.LastName)
            .Select(p => new
            {
                p.Id, p.FirstName, p.LastNamePrefix, p.LastName,
                Guardians = p.Guardians.AsQueryable()
                    .Where(Listed)
                    .OrderBy(g => g.User!.FirstName)
                    .Select(g => new
                    {
                        g.UserId, g.User!.FirstName, g.User.LastNamePrefix, g.User.LastName, g.User.AboutMe,
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
            PersonName.Format(p.FirstName, p.LastNamePrefix, p.LastName),
            p.Guardians.Select(g => new ContactGuardian(
                g.UserId, PersonName.Format(g.FirstName, g.LastNamePrefix, g.LastName),
                string.IsNullOrWhiteSpace(g.AboutMe) ? null : g.AboutMe, g.HasPhoto,
                string.IsNullOrWhiteSpace(g.Phone) ? null : g.Phone, g.Email, g.PhotoId)).ToList())).ToList());
    }

    /// <summary>
    /// A guardian's profile photo by the photo's own id (see <see cref="ContactGuardian.PhotoId"/>), only for
    /// viewers who see that guardian in one of their contact lists.
    /// </summary>
    public async Task<BlobContent?> PhotoAsync(ContactViewer viewer, Guid photoId, CancellationToken ct = default)
    {
        var ids = VisibleGroupIds(viewer);
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
