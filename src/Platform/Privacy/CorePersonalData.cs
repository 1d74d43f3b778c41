using Microsoft.EntityFrameworkCore;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Roster;

namespace Schoolplein.Platform.Privacy;

/// <summary>
/// The person's children (basic data and the links), the groups they teach, and the
/// guardianship history about them. Names of other guardians are not included.
/// On deletion: an "account deleted" entry per child in the append-only log (ids only), and
/// the links go, so the children stay with their other guardians.
/// </summary>
public sealed class RosterPersonalData(SchoolpleinDb db) : IPersonalDataContributor, IAccountDeletionParticipant
{
    public async Task ContributeAsync(PersonalDataExport export, CancellationToken ct)
    {
        var userId = export.UserId;
        var children = await db.Guardianships.AsNoTracking()
            .Where(g => g.UserId == userId)
            .OrderBy(g => g.Pupil!.FirstName)
            .Select(g => new
            {
                g.Pupil!.FirstName,
                g.Pupil.LastNamePrefix,
                g.Pupil.LastName,
                g.Pupil.DateOfBirth,
                Group = g.Pupil.Group == null ? null : g.Pupil.Group.Name,
                SchoolYear = g.Pupil.Group == null ? null : g.Pupil.Group.SchoolYear,
                Archived = g.Pupil.ArchivedAt != null,
                g.Relation,
                g.LinkedAt,
                LinkedWithKoppelcode = g.LinkCodeId != null,
            })
            .ToListAsync(ct);
        export.Add("children", children);

        var taught = await db.GroupTeachers.AsNoTracking()
            .Where(t => t.UserId == userId)
            .OrderBy(t => t.Group!.Name)
            .Select(t => new { Group = t.Group!.Name, t.Group.SchoolYear })
            .ToListAsync(ct);
        if (taught.Count > 0)
        {
            export.Add("groupsTaught", taught);
        }

        var history = await db.Set<GuardianshipLogEntry>().AsNoTracking()
            .Where(e => e.UserId == userId)
            .OrderBy(e => e.At)
            .Select(e => new
            {
                Child = db.Pupils.Where(p => p.Id == e.PupilId).Select(p => p.FirstName).FirstOrDefault(),
                e.Change,
                e.Reason,
                ByYourself = e.ActorUserId == userId,
                e.At,
            })
            .ToListAsync(ct);
        export.Add("guardianshipHistory", history);
    }

    public async Task OnAccountDeletingAsync(AccountDeletionContext context, CancellationToken ct)
    {
        var pupils = await db.Guardianships.Where(g => g.UserId == context.UserId).Select(g => g.PupilId).ToListAsync(ct);
        foreach (var pupilId in pupils)
        {
            db.Set<GuardianshipLogEntry>().Add(new GuardianshipLogEntry
            {
                PupilId = pupilId,
                UserId = context.UserId,
                Change = GuardianshipChange.AccountDeleted,
                ActorUserId = context.UserId,
                At = context.At,
            });
        }
        await db.Guardianships.Where(g => g.UserId == context.UserId).ExecuteDeleteAsync(ct);
    }
}

/// <summary>The in-app notifications of the person; deleted with the account.</summary>
public sealed class NotificationsPersonalData(SchoolpleinDb db) : IPersonalDataContributor, IAccountDeletionParticipant
{
    public async Task ContributeAsync(PersonalDataExport export, CancellationToken ct)
    {
        var notifications = await db.Notifications.AsNoTracking()
            .Where(n => n.UserId == export.UserId)
            .OrderBy(n => n.CreatedAt)
            .Select(n => new { n.Kind, n.Title, n.Body, n.Link, n.Urgent, n.CreatedAt, n.ReadAt })
            .ToListAsync(ct);
        export.Add("notifications", notifications);
    }

    public Task OnAccountDeletingAsync(AccountDeletionContext context, CancellationToken ct) =>
        db.Notifications.Where(n => n.UserId == context.UserId).ExecuteDeleteAsync(ct);
}

/// <summary>
/// Mails the school sent to the person's address: kind, subject and dates. Bodies are left
/// out (they hold one-time links). Deleted with the account, attachments included.
/// </summary>
public sealed class EmailPersonalData(SchoolpleinDb db) : IPersonalDataContributor, IAccountDeletionParticipant
{
    public async Task ContributeAsync(PersonalDataExport export, CancellationToken ct)
    {
        var email = await db.Users.Where(u => u.Id == export.UserId).Select(u => u.NormalizedEmail).FirstOrDefaultAsync(ct);
        if (email is null)
        {
            return;
        }
        var mails = await db.OutboxEmails.AsNoTracking()
            .Where(m => m.ToAddress.ToUpper() == email)
            .OrderBy(m => m.CreatedAt)
            .Select(m => new { m.Kind, m.Subject, m.ToAddress, m.Status, m.CreatedAt, m.SentAt })
            .ToListAsync(ct);
        export.Add("emails", mails);
    }

    public async Task OnAccountDeletingAsync(AccountDeletionContext context, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(context.Email))
        {
            return;
        }
        var email = context.Email.ToUpperInvariant();
        await db.OutboxEmails.Where(m => m.ToAddress.ToUpper() == email).ExecuteDeleteAsync(ct);
    }
}
