using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Invitations;
using Schoolplein.Platform.LinkCodes;
using Schoolplein.Platform.Persistence;

namespace Schoolplein.Platform.SchoolMigration;

/// <summary>
/// After a migration, invites every imported guardian with a known e-mail address: the mail
/// lets them choose a password (their children are already linked) and lists each child's
/// koppelcode for the other parent or carer. Only accounts that never had a password or an
/// invitation are mailed, so running it again (or after a newer import) never mails anyone twice.
/// Works in batches, each saved on its own, so a crash resumes where it stopped.
/// </summary>
public sealed partial class GuardianInvitationJob(
    SchoolpleinDb db, AccountInvitations invitations, LinkCodeService codes, IStringLocalizer<InvitationText> text,
    ILogger<GuardianInvitationJob> logger)
{
    public const int BatchSize = 200;
    private static readonly Guid ParentRole = Roles.All.Single(r => r.Name == Roles.Parent).Id;

    [AutomaticRetry(Attempts = 3)]
    public async Task<int> RunAsync(Guid tenantId, CancellationToken ct)
    {
        var invited = 0;
        while (true)
        {
            var batch = await db.Users
                .Where(u => u.Email != null && u.PasswordHash == null && u.DeletedAt == null && u.DeactivatedAt == null
                    && db.UserRoles.Any(r => r.UserId == u.Id && r.RoleId == ParentRole)
                    && !db.Set<Invitation>().Any(i => i.UserId == u.Id)
                    && db.Guardianships.Any(g => g.UserId == u.Id && g.Pupil!.ArchivedAt == null))
                .OrderBy(u => u.Id)
                .Take(BatchSize)
                .ToListAsync(ct);
            if (batch.Count == 0)
            {
                break;
            }
            var ids = batch.Select(u => u.Id).ToList();
            var children = await db.Guardianships.AsNoTracking()
                .Where(g => ids.Contains(g.UserId) && g.Pupil!.ArchivedAt == null)
                .OrderBy(g => g.Pupil!.FirstName)
                .Select(g => new { g.UserId, g.PupilId, g.Pupil!.FirstName })
                .ToListAsync(ct);
            var pupilIds = children.Select(c => c.PupilId).Distinct().ToList();
            await codes.IssueMissingAsync(pupilIds, ct);
            var active = (await codes.ActiveCodesAsync(pupilIds, ct))
                .GroupBy(c => c.PupilId)
                .ToDictionary(g => g.Key, g => g.OrderByDescending(c => c.ExpiresAt).First().Display);
            foreach (var user in batch)
            {
                var lines = children.Where(c => c.UserId == user.Id && active.ContainsKey(c.PupilId))
                    .Select(c => text["GuardianCode", c.FirstName, active[c.PupilId]].Value)
                    .ToList();
                invitations.Invite(user, lines.Count == 0 ? null : [text["GuardianCodes"], .. lines]);
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            invited += batch.Count;
        }
        LogInvited(logger, invited);
        return invited;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Invited {Count} imported guardians")]
    private static partial void LogInvited(ILogger logger, int count);
}
