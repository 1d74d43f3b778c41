using Hangfire;
using Microsoft.EntityFrameworkCore;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Notifications;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Schools;
using Schoolplein.Platform.Localization;

namespace Schoolplein.Platform.Timeline;

/// <summary>A guardian an urgent message was sent to, with when they opened it (null: not yet).</summary>
public sealed record UrgentGuardian(Guid UserId, string Name, string? Phone, DateTimeOffset? ReadAt);

/// <summary>A child an urgent message was about; reached when any of its guardians opened it.</summary>
public sealed record UrgentChild(Guid PupilId, string Name, string? Group, IReadOnlyList<UrgentGuardian> Guardians)
{
    public bool Reached => Guardians.Any(g => g.ReadAt is not null);
}

/// <summary>Opened receipts per guardian with the children they were sent for.</summary>
public sealed record UrgentReader(Guid UserId, string Name, IReadOnlyList<string> Children, DateTimeOffset? ReadAt);

/// <summary>
/// A guardian who opened an urgent message it was not sent to (linked or joined after it went out),
/// with their children the message is about.
/// </summary>
public sealed record UrgentLaterReader(Guid UserId, string Name, IReadOnlyList<string> Children, DateTimeOffset ReadAt);

/// <summary>
/// The read overview. Reach counts only the recipients fixed when the message was sent (what the
/// school has to prove it reached); guardians who opened it later are listed apart in
/// <see cref="LaterReaders"/>: they are not recipients who failed to read, and their read does not
/// change who was reached when it mattered. Staff opening a message leave a receipt too (it clears
/// their own "not read" mark) but are no guardians and appear nowhere here.
/// </summary>
public sealed record UrgentOverview(
    Guid PostId, string Title, string AuthorName, IReadOnlyList<string> Groups, DateTimeOffset PublishedAt,
    int EscalationStage, DateTimeOffset? RemindedAt, IReadOnlyList<UrgentChild> Children, IReadOnlyList<UrgentReader> Guardians,
    IReadOnlyList<UrgentLaterReader> LaterReaders)
{
    public int ChildrenReached => Children.Count(c => c.Reached);
    public int GuardiansRead => Guardians.Count(g => g.ReadAt is not null);
    public int Percent => UrgentMessages.Percent(ChildrenReached, Children.Count);
    public bool SchoolWide => Groups.Count == 0;
    /// <summary>Children nobody has opened the message for: their families are phoned.</summary>
    public IReadOnlyList<UrgentChild> NotReached => Children.Where(c => !c.Reached).ToList();
}

public sealed record UrgentListItem(Guid Id, string Title, DateTimeOffset PublishedAt, int Children, int Reached, int EscalationStage)
{
    public int Percent => UrgentMessages.Percent(Reached, Children);
}


/// <summary>
/// The staff side of urgent messages (spoedberichten): who has read one, per guardian and per
/// child, and reminders to those who have not. Every query goes through
/// <see cref="TimelineService.ReceiptsVisible"/> (admins all, otherwise the author and the
/// teachers of the message's groups).
/// </summary>
public sealed class UrgentMessages(SchoolpleinDb db, TimelineService timeline, Notifier notifier, TimeProvider time)
{
    /// <summary>A second reminder within this time is refused: a double click sends one.</summary>
    public static readonly TimeSpan ReminderInterval = TimeSpan.FromMinutes(5);

    /// <summary>Problem keys of <see cref="RemindAsync"/> (the urgent pages' resources).</summary>
    public const string RemindTooSoon = "RemindTooSoon";

    /// <summary>Not a mistake of the sender but good news: the page shows it as a status, not an error.</summary>
    public const string RemindEveryoneRead = "RemindEveryoneRead";

    public static int Percent(int part, int total) => total == 0 ? 0 : part * 100 / total;

    public async Task<IReadOnlyList<UrgentListItem>> ListAsync(CurrentUser viewer, CancellationToken ct) =>
        await timeline.ReceiptsVisible(viewer).AsNoTracking()
            .OrderByDescending(p => p.PublishedAt).ThenByDescending(p => p.Id)
            .Take(100)
            .Select(p => new UrgentListItem(p.Id, p.Title, p.PublishedAt,
                db.Set<UrgentRecipient>().Where(r => r.PostId == p.Id).Select(r => r.PupilId).Distinct().Count(),
                db.Set<UrgentRecipient>()
                    .Where(r => r.PostId == p.Id && db.Set<UrgentReadReceipt>().Any(x => x.PostId == r.PostId && x.UserId == r.UserId))
                    .Select(r => r.PupilId).Distinct().Count(),
                p.EscalationStage))
            .ToListAsync(ct);

    public async Task<UrgentOverview?> OverviewAsync(CurrentUser viewer, Guid postId, CancellationToken ct)
    {
        var post = await timeline.ReceiptsVisible(viewer).AsNoTracking()
            .Where(p => p.Id == postId)
            .Select(p => new
            {
                p.Id, p.Title, p.PublishedAt, p.EscalationStage, p.RemindedAt,
                Author = p.Author!.FullName,
                Groups = p.Groups.OrderBy(g => g.Group!.SortOrder).ThenBy(g => g.Group!.Name).Select(g => g.Group!.Name).ToList(),
                GroupIds = p.Groups.Select(g => g.GroupId).ToList(),
            })
            .FirstOrDefaultAsync(ct);
        if (post is null)
        {
            return null;
        }
        var rows = await db.Set<UrgentRecipient>().AsNoTracking()
            .Where(r => r.PostId == postId)
            .Select(r => new
            {
                r.PupilId, r.Pupil!.FirstName, PupilPrefix = r.Pupil.LastNamePrefix, PupilLast = r.Pupil.LastName, Group = r.Pupil.Group!.Name,
                r.UserId, UserFirst = r.User!.FirstName, UserPrefix = r.User.LastNamePrefix, UserLast = r.User.LastName, r.User.PhoneNumber,
                ReadAt = db.Set<UrgentReadReceipt>().Where(x => x.PostId == r.PostId && x.UserId == r.UserId).Select(x => (DateTimeOffset?)x.ReadAt).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var children = rows.GroupBy(r => r.PupilId)
            .Select(g => new UrgentChild(g.Key, PersonName.Format(g.First().FirstName, g.First().PupilPrefix, g.First().PupilLast), g.First().Group,
                g.Select(r => new UrgentGuardian(r.UserId, PersonName.Format(r.UserFirst, r.UserPrefix, r.UserLast),
                        string.IsNullOrWhiteSpace(r.PhoneNumber) ? null : r.PhoneNumber, r.ReadAt))
                    .OrderBy(x => x.Name, StringComparer.CurrentCulture).ToList()))
            .OrderBy(c => c.Reached).ThenBy(c => c.Group, StringComparer.CurrentCulture).ThenBy(c => c.Name, StringComparer.CurrentCulture)
            .ToList();
        var guardians = rows.GroupBy(r => r.UserId)
            .Select(g => new UrgentReader(g.Key, PersonName.Format(g.First().UserFirst, g.First().UserPrefix, g.First().UserLast),
                g.Select(r => r.FirstName).Order(StringComparer.CurrentCulture).ToList(), g.First().ReadAt))
            .OrderBy(r => r.ReadAt is not null).ThenBy(r => r.Name, StringComparer.CurrentCulture)
            .ToList();
        var later = await LaterReadersAsync(postId, post.GroupIds, ct);
        return new UrgentOverview(post.Id, post.Title, post.Author, post.Groups, post.PublishedAt, post.EscalationStage, post.RemindedAt, children, guardians, later);
    }

    /// <summary>
    /// Receipts of people the message was not sent to who are now guardians of a child it is about
    /// (of any current pupil for a school-wide message): parents who joined or were linked later.
    /// </summary>
    private async Task<IReadOnlyList<UrgentLaterReader>> LaterReadersAsync(Guid postId, IReadOnlyList<Guid> groupIds, CancellationToken ct)
    {
        var schoolWide = groupIds.Count == 0;
        var rows = await db.Set<UrgentReadReceipt>().AsNoTracking()
            .Where(x => x.PostId == postId && !db.Set<UrgentRecipient>().Any(r => r.PostId == postId && r.UserId == x.UserId))
            .Join(db.Users, x => x.UserId, u => u.Id, (x, u) => new
            {
                u.Id, u.FirstName, u.LastNamePrefix, u.LastName, x.ReadAt,
                Children = db.Guardianships
                    .Where(g => g.UserId == u.Id && g.Pupil!.ArchivedAt == null
                        && (schoolWide || (g.Pupil.GroupId != null && groupIds.Contains(g.Pupil.GroupId.Value))))
                    .Select(g => g.Pupil!.FirstName).ToList(),
            })
            .ToListAsync(ct);
        return rows.Where(r => r.Children.Count > 0)
            .Select(r => new UrgentLaterReader(r.Id, PersonName.Format(r.FirstName, r.LastNamePrefix, r.LastName),
                r.Children.Order(StringComparer.CurrentCulture).ToList(), r.ReadAt))
            .OrderBy(r => r.ReadAt)
            .ToList();
    }

    /// <summary>Guardians of a message who have not opened it (not yet: those who did never get another notification).</summary>
    public IQueryable<Guid> Unread(Guid postId) =>
        db.Set<UrgentRecipient>()
            .Where(r => r.PostId == postId && !db.Set<UrgentReadReceipt>().Any(x => x.PostId == r.PostId && x.UserId == r.UserId))
            .Select(r => r.UserId)
            .Distinct();

    /// <summary>
    /// Notifies (urgent, every channel) only the guardians who have not opened the message. The
    /// claim on <see cref="Post.RemindedAt"/> is one conditional UPDATE in the same transaction as
    /// the notifications, so two clicks at once send one reminder. Answers the number of guardians
    /// reminded; null when the message does not exist for the viewer; refused with
    /// <see cref="RemindTooSoon"/> or <see cref="RemindEveryoneRead"/> (nothing sent, nothing saved).
    /// </summary>
    public async Task<Outcome<int>?> RemindAsync(CurrentUser viewer, Guid postId, CancellationToken ct)
    {
        var post = await timeline.ReceiptsVisible(viewer).AsNoTracking()
            .Where(p => p.Id == postId).Select(p => new { p.Title }).FirstOrDefaultAsync(ct);
        if (post is null)
        {
            return null;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = time.GetUtcNow();
        var since = now - ReminderInterval;
        var claimed = await db.Set<Post>()
            .Where(p => p.Id == postId && (p.RemindedAt == null || p.RemindedAt <= since))
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.RemindedAt, now), ct);
        if (claimed == 0)
        {
            return Outcome<int>.Refused(RemindTooSoon);
        }
        var unread = await Unread(postId).ToListAsync(ct);
        if (unread.Count == 0)
        {
            return Outcome<int>.Refused(RemindEveryoneRead);
        }
        var sent = await notifier.NotifyAsync(unread, new NotificationContent(
            TimelineNotifications.UrgentReminderKind, typeof(TimelineNotificationText),
            "UrgentReminderTitle", [post.Title], "UrgentReminderBody", [post.Title],
            TimelineNotifications.Link(postId), Urgent: true, SourceId: postId), ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Outcome<int>.Done(sent.Count);
    }
}

/// <summary>
/// Plans the follow-up of an urgent message when it is sent (see <see cref="UrgentEscalationJob"/>).
/// Called after the message committed: when the job cannot be scheduled, the message stands and
/// <see cref="UrgentEscalationSweepJob"/> runs the follow-up when it is due.
/// </summary>
public sealed class UrgentEscalation(IBackgroundJobClient jobs, TenantSettingsStore<SchoolSettings> settings, SchoolpleinDb db,
    Microsoft.Extensions.Logging.ILogger<UrgentEscalation> logger)
{
    public async Task ScheduleAsync(Guid postId, CancellationToken ct)
    {
        var minutes = (await settings.GetAsync(ct)).UrgentEscalationMinutes;
        var tenantId = db.CurrentTenantId;
        try
        {
            jobs.Schedule<UrgentEscalationJob>(job => job.RunAsync(tenantId, postId, CancellationToken.None), TimeSpan.FromMinutes(minutes));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Microsoft.Extensions.Logging.LoggerExtensions.LogWarning(logger, ex,
                "Escalation of urgent post {PostId} of school {TenantId} could not be scheduled; the escalation sweep runs it", postId, tenantId);
        }
    }
}

/// <summary>
/// The follow-up of an urgent message, one step per run: after the school's escalation time the
/// guardians who have not opened it get a second urgent notification (every channel); after twice
/// that time, if children are still not reached, the author is told to phone their families
/// (the message's page then shows the phone list). A run that comes early (the setting grew)
/// plans itself again; each step is claimed with a conditional UPDATE, so a retry or a second
/// run does nothing twice. Arguments are ids only.
/// </summary>
public sealed class UrgentEscalationJob(
    SchoolpleinDb db, Notifier notifier, TenantSettingsStore<SchoolSettings> settings, IBackgroundJobClient jobs, TimeProvider time)
{
    public const int Escalated = 1;
    public const int PhoneList = 2;

    public async Task RunAsync(Guid tenantId, Guid postId, CancellationToken ct)
    {
        var post = await db.Set<Post>().AsNoTracking()
            .Where(p => p.Id == postId && p.Urgent)
            .Select(p => new { p.Title, p.AuthorId, p.PublishedAt, p.EscalationStage })
            .FirstOrDefaultAsync(ct);
        if (post is null || post.EscalationStage >= PhoneList)
        {
            return;
        }
        var interval = TimeSpan.FromMinutes((await settings.GetAsync(ct)).UrgentEscalationMinutes);
        var due = post.PublishedAt + interval * (post.EscalationStage + 1);
        var now = time.GetUtcNow();
        if (now < due)
        {
            jobs.Schedule<UrgentEscalationJob>(job => job.RunAsync(tenantId, postId, CancellationToken.None), due - now);
            return;
        }
        var stage = post.EscalationStage + 1;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var claimed = await db.Set<Post>()
            .Where(p => p.Id == postId && p.EscalationStage == post.EscalationStage)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.EscalationStage, stage), ct);
        if (claimed == 0)
        {
            return;
        }
        var unread = await db.Set<UrgentRecipient>()
            .Where(r => r.PostId == postId && !db.Set<UrgentReadReceipt>().Any(x => x.PostId == r.PostId && x.UserId == r.UserId))
            .Select(r => new { r.UserId, r.PupilId })
            .ToListAsync(ct);
        // A child is reached when any guardian read it: only children with no reader are left.
        var readChildren = await db.Set<UrgentRecipient>()
            .Where(r => r.PostId == postId && db.Set<UrgentReadReceipt>().Any(x => x.PostId == r.PostId && x.UserId == r.UserId))
            .Select(r => r.PupilId).Distinct().ToListAsync(ct);
        var notReached = unread.Select(u => u.PupilId).Distinct().Except(readChildren).Count();
        if (stage == Escalated && unread.Count > 0)
        {
            await notifier.NotifyAsync(unread.Select(u => u.UserId), new NotificationContent(
                TimelineNotifications.UrgentEscalationKind, typeof(TimelineNotificationText),
                "UrgentEscalationTitle", [post.Title], "UrgentEscalationBody", [post.Title],
                TimelineNotifications.Link(postId), Urgent: true, SourceId: postId), ct);
        }
        else if (stage == PhoneList && notReached > 0)
        {
            await notifier.NotifyAsync([post.AuthorId], new NotificationContent(
                TimelineNotifications.UrgentPhoneListKind, typeof(TimelineNotificationText),
                "UrgentPhoneListTitle", [post.Title], Plurals.Key("UrgentPhoneListBody", notReached), [notReached],
                TimelineNotifications.ReadOverviewLink(postId) + "#bellijst", Urgent: true, SourceId: postId), ct);
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        if (stage == Escalated && notReached > 0)
        {
            jobs.Schedule<UrgentEscalationJob>(job => job.RunAsync(tenantId, postId, CancellationToken.None), interval);
        }
    }
}
