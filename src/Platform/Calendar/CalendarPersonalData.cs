using Microsoft.EntityFrameworkCore;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Privacy;

namespace Schoolplein.Platform.Calendar;

/// <summary>The person's sign-ups and whether they have a calendar feed (never its token); both go with the account.</summary>
public sealed class CalendarPersonalData(SchoolpleinDb db) : IPersonalDataContributor, IAccountDeletionParticipant
{
    public async Task ContributeAsync(PersonalDataExport export, CancellationToken ct)
    {
        var signUps = await db.Set<CalendarEventSignUp>().AsNoTracking()
            .Where(s => s.UserId == export.UserId)
            .OrderBy(s => s.CreatedAt)
            .Select(s => new { Event = s.Event!.Title, s.Event.StartDate, SignedUpAt = s.CreatedAt })
            .ToListAsync(ct);
        var feed = await db.Set<CalendarFeed>().AsNoTracking()
            .Where(f => f.UserId == export.UserId)
            .Select(f => new { f.CreatedAt, f.LastUsedAt })
            .FirstOrDefaultAsync(ct);
        export.Add("calendar", new { SignUps = signUps, Feed = feed });
    }

    public async Task OnAccountDeletingAsync(AccountDeletionContext context, CancellationToken ct)
    {
        // Free the places the person took, then remove the sign-ups (same transaction as the deletion).
        var events = await db.Set<CalendarEventSignUp>().Where(s => s.UserId == context.UserId).Select(s => s.EventId).ToListAsync(ct);
        if (events.Count > 0)
        {
            await db.Set<CalendarEvent>().Where(e => events.Contains(e.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.SignUpCount, e => e.SignUpCount - 1), ct);
            await db.Set<CalendarEventSignUp>().Where(s => s.UserId == context.UserId).ExecuteDeleteAsync(ct);
        }
        await db.Set<CalendarFeed>().Where(f => f.UserId == context.UserId).ExecuteDeleteAsync(ct);
    }
}
