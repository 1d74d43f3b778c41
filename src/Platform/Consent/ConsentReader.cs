using Microsoft.EntityFrameworkCore;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Roster;

namespace Schoolplein.Platform.Consent;

public sealed record CategoryView(Guid Id, string? Code, string Name, string? Description, int SortOrder, DateOnly? LockDate, bool Retired);

/// <summary>The current answer of one (pupil, category): the latest record.</summary>
public sealed record CurrentAnswer(Guid PupilId, Guid CategoryId, bool Granted, DateTimeOffset RecordedAt, ConsentSource Source, Guid? GuardianUserId);

public sealed record HistoryEntry(
    Guid Id, Guid CategoryId, string CategoryNameThen, bool Granted, ConsentSource Source, DateTimeOffset RecordedAt,
    string? GuardianName, string? StaffName);

/// <summary>Read side of consent: categories, current answers and history, with visibility inside the queries.</summary>
public sealed class ConsentReader(SchoolpleinDb db)
{
    /// <summary>The latest record per (pupil, category) of <paramref name="records"/>, one row each.</summary>
    public static IQueryable<CurrentAnswer> Latest(IQueryable<ConsentRecord> records) =>
        records.GroupBy(r => new { r.PupilId, r.CategoryId })
            .Select(g => g.OrderByDescending(r => r.RecordedAt).ThenBy(r => r.Granted)
                .Select(r => new CurrentAnswer(r.PupilId, r.CategoryId, r.Granted, r.RecordedAt, r.Source, r.GuardianUserId))
                .First());

    /// <summary>
    /// Pupils a user may see consent of: a guardian their own (current) children, a teacher the
    /// pupils of their groups, a school admin every pupil (archived ones too: the school must be able to prove consent later).
    /// </summary>
    public IQueryable<Pupil> VisiblePupils(Guid userId, bool isAdmin, bool isTeacher) =>
        db.Pupils.Where(p => isAdmin
            || (p.ArchivedAt == null && (p.Guardians.Any(g => g.UserId == userId)
                || (isTeacher && p.Group!.Teachers.Any(t => t.UserId == userId)))));

    /// <summary>Groups whose matrix a staff member may see: a teacher their own groups, an admin all.</summary>
    public IQueryable<Group> VisibleGroups(Guid userId, bool isAdmin) =>
        db.Groups.Where(g => isAdmin || g.Teachers.Any(t => t.UserId == userId));

    public async Task<IReadOnlyList<CategoryView>> CategoriesAsync(bool includeRetired, CancellationToken ct = default) =>
        await db.ConsentCategories.AsNoTracking()
            .Where(c => includeRetired || c.RetiredAt == null)
            .OrderBy(c => c.RetiredAt != null).ThenBy(c => c.SortOrder).ThenBy(c => c.Name)
            .Select(c => new CategoryView(c.Id, c.Code, c.Name, c.Description, c.SortOrder, c.LockDate, c.RetiredAt != null))
            .ToListAsync(ct);

    /// <summary>Current answers of the given pupils, keyed by (pupil, category). Missing key = never answered = not allowed.</summary>
    public async Task<IReadOnlyDictionary<(Guid PupilId, Guid CategoryId), CurrentAnswer>> CurrentAnswersAsync(
        IReadOnlyCollection<Guid> pupilIds, CancellationToken ct = default) =>
        (await Latest(db.ConsentRecords.AsNoTracking().Where(r => pupilIds.Contains(r.PupilId))).ToListAsync(ct))
            .ToDictionary(a => (a.PupilId, a.CategoryId));

    /// <summary>Every record of one pupil, newest first. The caller has checked visibility.</summary>
    public async Task<IReadOnlyList<HistoryEntry>> HistoryAsync(Guid pupilId, CancellationToken ct = default) =>
        await db.ConsentRecords.AsNoTracking()
            .Where(r => r.PupilId == pupilId)
            .OrderByDescending(r => r.RecordedAt).ThenBy(r => r.Granted)
            .Select(r => new HistoryEntry(
                r.Id, r.CategoryId, r.CategoryName, r.Granted, r.Source, r.RecordedAt,
                r.Guardian == null ? null : r.Guardian.FullName,
                r.Staff == null ? null : r.Staff.FullName))
            .ToListAsync(ct);

    /// <summary>The latest re-confirmation request the guardian still has to answer, with the children it is open for.</summary>
    public async Task<IReadOnlyList<Guid>> ChildrenToConfirmAsync(Guid guardianUserId, CancellationToken ct = default) =>
        await ToConfirm(guardianUserId)
            .OrderBy(g => g.Pupil!.FirstName)
            .Select(g => g.PupilId)
            .ToListAsync(ct);

    /// <summary>
    /// The guardian's children (not archived) whose choices the school's latest re-confirmation request still waits for;
    /// none when the school never asked. A query, so the layout can ask it in the same round trip as its other questions.
    /// </summary>
    public IQueryable<Guardianship> ToConfirm(Guid guardianUserId)
    {
        var latest = db.ConsentReconfirmations.OrderByDescending(r => r.RequestedAt).Select(r => r.Id).Take(1);
        return db.Guardianships.AsNoTracking()
            .Where(g => g.UserId == guardianUserId && g.Pupil!.ArchivedAt == null
                && latest.Any(id => !db.ConsentConfirmations.Any(c => c.ReconfirmationId == id && c.PupilId == g.PupilId && c.GuardianUserId == guardianUserId)));
    }
}

/// <summary>
/// The answer the timeline needs when staff attach photos: which children of these groups may
/// NOT appear in a photo on the portal (category <see cref="ConsentCategoryCodes.Portal"/>; never answered counts as not allowed).
/// </summary>
public interface IPhotoConsent
{
    Task<IReadOnlyList<PupilWithoutConsent>> PupilsWithoutPortalConsentAsync(IEnumerable<Guid> groupIds, CancellationToken ct = default);
}

public sealed record PupilWithoutConsent(Guid PupilId, string Name, Guid GroupId);

public sealed class PhotoConsent(SchoolpleinDb db) : IPhotoConsent
{
    public async Task<IReadOnlyList<PupilWithoutConsent>> PupilsWithoutPortalConsentAsync(IEnumerable<Guid> groupIds, CancellationToken ct = default)
    {
        var groups = groupIds.Distinct().ToList();
        var portal = await db.ConsentCategories.AsNoTracking()
            .Where(c => c.Code == ConsentCategoryCodes.Portal)
            .Select(c => (Guid?)c.Id)
            .FirstOrDefaultAsync(ct);
        var rows = await db.Pupils.AsNoTracking()
            .Where(p => p.ArchivedAt == null && p.GroupId != null && groups.Contains(p.GroupId.Value))
            .Where(p => db.ConsentRecords
                .Where(r => r.PupilId == p.Id && r.CategoryId == portal)
                .OrderByDescending(r => r.RecordedAt).ThenBy(r => r.Granted)
                .Select(r => (bool?)r.Granted)
                .FirstOrDefault() != true)
            .OrderBy(p => p.FirstName).ThenBy(p => p.LastName)
            .Select(p => new { p.Id, p.FirstName, p.LastNamePrefix, p.LastName, GroupId = p.GroupId!.Value })
            .ToListAsync(ct);
        return rows.Select(p => new PupilWithoutConsent(p.Id, PersonName.Format(p.FirstName, p.LastNamePrefix, p.LastName), p.GroupId)).ToList();
    }
}
