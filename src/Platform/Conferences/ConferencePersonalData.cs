using Microsoft.EntityFrameworkCore;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Privacy;

namespace Schoolplein.Platform.Conferences;

/// <summary>
/// Conference bookings the person made. On deletion a booking made for the whole family
/// (guardians book together) stays with the child's other guardian; the person's own bookings
/// (guardians book separately) are cancelled, which frees the slots.
/// </summary>
public sealed class ConferencePersonalData(SchoolpleinDb db) : IPersonalDataContributor, IAccountDeletionParticipant
{
    public async Task ContributeAsync(PersonalDataExport export, CancellationToken ct)
    {
        var bookings = await db.Set<ConferenceBooking>().AsNoTracking()
            .Where(b => b.BookedById == export.UserId)
            .OrderBy(b => b.Slot!.StartsAt)
            .Select(b => new
            {
                Round = b.Slot!.Round!.Title,
                Child = b.Pupil!.FirstName,
                Teacher = b.Slot.Teacher!.FullName,
                b.Slot.StartsAt,
                b.Slot.EndsAt,
                BookedAt = b.CreatedAt,
            })
            .ToListAsync(ct);
        export.Add("conferences", bookings);
    }

    public async Task OnAccountDeletingAsync(AccountDeletionContext context, CancellationToken ct)
    {
        var shared = await db.Set<ConferenceBooking>()
            .Where(b => b.BookedById == context.UserId && b.GuardianKey == Guid.Empty)
            .Select(b => new
            {
                Booking = b,
                OtherGuardian = db.Guardianships.Where(g => g.PupilId == b.PupilId && g.UserId != context.UserId)
                    .OrderBy(g => g.LinkedAt).Select(g => (Guid?)g.UserId).FirstOrDefault(),
            })
            .ToListAsync(ct);
        foreach (var item in shared.Where(s => s.OtherGuardian is not null))
        {
            item.Booking.BookedById = item.OtherGuardian!.Value;
        }
        // The person's own bookings (and family bookings no other guardian can attend) free their slots.
        var kept = shared.Where(s => s.OtherGuardian is not null).Select(s => s.Booking.Id).ToList();
        await db.Set<ConferenceBooking>()
            .Where(b => b.BookedById == context.UserId && !kept.Contains(b.Id))
            .ExecuteDeleteAsync(ct);
    }
}
