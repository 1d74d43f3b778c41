using Microsoft.EntityFrameworkCore;
using Schoolplein.Platform.Calendar;
using Schoolplein.Platform.Persistence;

namespace Schoolplein.Platform.Conferences;

/// <summary>Booked conferences in the personal iCal feed: a parent's bookings for their children, a teacher's booked slots.</summary>
public sealed class ConferenceFeedSource(SchoolpleinDb db, ConferenceBookings bookings, ConferenceMail mail) : ICalendarFeedSource
{
    public async Task<IReadOnlyList<FeedEvent>> EventsForAsync(Guid userId, DateOnly since, CancellationToken ct)
    {
        var rows = await db.Set<ConferenceBooking>().AsNoTracking()
            .Where(b => b.Slot!.Date >= since && (bookings.Manageable(userId).Any(m => m.Id == b.Id) || b.TeacherId == userId))
            .Select(b => new BookingDetails(
                b.Id, b.Sequence, b.CreatedAt, b.UpdatedAt, b.Slot!.Round!.Title, b.Pupil!.FirstName,
                b.Slot.Teacher!.FullName,
                b.Slot.StartsAt, b.Slot.EndsAt, b.Slot.Round.Location, b.Slot.Round.VideoLink))
            .ToListAsync(ct);
        return rows.Select(r => mail.ToFeedEvent(r)).ToList();
    }
}
