using Microsoft.EntityFrameworkCore;
using Npgsql;
using Schoolplein.Platform.Persistence;

namespace Schoolplein.Platform.Conferences;

/// <summary>A booking made: its id, and whether it moved the child's earlier booking with that teacher.</summary>
public sealed record Booked(Guid BookingId, bool Moved);

/// <summary>
/// Parents booking, moving and cancelling conference slots. Every rule that depends on who
/// asks is checked inside the queries; the slot itself is claimed by the database (unique
/// index on the booking's slot), never by a check-then-insert.
/// </summary>
public sealed class ConferenceBookings(SchoolpleinDb db, ConferenceMail mail, TimeProvider time)
{
    /// <summary>Groups of the round the user's children are in that a teacher of the slot teaches, for one child.</summary>
    public async Task<Outcome<Booked>> BookAsync(Guid userId, Guid pupilId, Guid slotId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var child = await db.Guardianships.AsNoTracking()
            .Where(g => g.UserId == userId && g.PupilId == pupilId && g.Pupil!.ArchivedAt == null)
            .Select(g => new { g.PupilId, g.Pupil!.GroupId })
            .FirstOrDefaultAsync(ct);
        if (child is null)
        {
            return Outcome<Booked>.Refused("ErrorChildNotLinked");
        }
        var slot = await db.Set<ConferenceSlot>().AsNoTracking()
            .Where(s => s.Id == slotId)
            .Select(s => new
            {
                s.Id, s.RoundId, s.TeacherId, s.StartsAt, s.Blocked,
                s.Round!.BookingOpensAt, s.Round.BookingClosesAt, s.Round.SiblingsBookEarly, s.Round.SeparateGuardianBookings,
                ChildInRound = s.Round.Groups.Any(g => g.GroupId == child.GroupId),
                TeachesChild = db.GroupTeachers.Any(t => t.UserId == s.TeacherId && t.GroupId == child.GroupId),
                // Children of this parent in different groups of the round: siblings may book early.
                SiblingGroups = db.Guardianships.Where(g => g.UserId == userId && g.Pupil!.ArchivedAt == null
                        && s.Round.Groups.Any(rg => rg.GroupId == g.Pupil.GroupId))
                    .Select(g => g.Pupil!.GroupId).Distinct().Count(),
                BookedPupil = (Guid?)s.Booking!.PupilId,
                BookedGuardianKey = (Guid?)s.Booking.GuardianKey,
            })
            .FirstOrDefaultAsync(ct);
        if (slot is null)
        {
            return Outcome<Booked>.Refused("ErrorSlotUnknown");
        }
        if (!slot.ChildInRound || !slot.TeachesChild)
        {
            return Outcome<Booked>.Refused("ErrorTeacherNotOfChild");
        }
        var opensAt = slot.SiblingsBookEarly && slot.SiblingGroups > 1 ? slot.BookingOpensAt.AddDays(-1) : slot.BookingOpensAt;
        if (now < opensAt)
        {
            return Outcome<Booked>.Refused("ErrorBookingNotOpen");
        }
        if (now >= slot.BookingClosesAt)
        {
            return Outcome<Booked>.Refused("ErrorBookingClosed");
        }
        if (slot.Blocked || slot.StartsAt <= now)
        {
            return Outcome<Booked>.Refused("ErrorSlotUnavailable");
        }
        var guardianKey = slot.SeparateGuardianBookings ? userId : Guid.Empty;
        if (slot.BookedPupil is { } bookedPupil && (bookedPupil != pupilId || slot.BookedGuardianKey != guardianKey))
        {
            // Someone else has it: say so before building the confirmation mail and a transaction that
            // the unique index would roll back (in a burst of ten parents per slot, nine of them). A
            // booking made after this read is still refused by that index below.
            return Outcome<Booked>.Refused("ErrorSlotTaken");
        }
        var existing = await db.Set<ConferenceBooking>()
            .FirstOrDefaultAsync(b => b.RoundId == slot.RoundId && b.TeacherId == slot.TeacherId && b.PupilId == pupilId && b.GuardianKey == guardianKey, ct);
        var moved = existing is not null;
        var previousBooker = existing?.BookedById;
        if (existing is not null && existing.SlotId == slotId)
        {
            return Outcome<Booked>.Done(new Booked(existing.Id, false));
        }
        var booking = existing ?? new ConferenceBooking
        {
            RoundId = slot.RoundId,
            TeacherId = slot.TeacherId,
            PupilId = pupilId,
            GuardianKey = guardianKey,
            CreatedAt = now,
        };
        booking.SlotId = slotId;
        booking.BookedById = userId;
        booking.UpdatedAt = now;
        booking.ReminderSentAt = null;
        if (existing is null)
        {
            db.Add(booking);
        }
        else
        {
            booking.Sequence++;
        }
        await mail.AddConfirmationAsync(booking, moved, userId, ct);
        if (previousBooker is { } previous && previous != userId)
        {
            // The other guardian booked it before: their calendar has the old time.
            await mail.AddConfirmationAsync(booking, moved, previous, ct);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg)
        {
            db.ChangeTracker.Clear();
            return Outcome<Booked>.Refused(pg.ConstraintName == ConferenceBookingConfiguration.SlotIndex ? "ErrorSlotTaken" : "ErrorAlreadyBooked");
        }
        return Outcome<Booked>.Done(new Booked(booking.Id, moved));
    }

    /// <summary>Cancels a booking the user may manage (their child's; their own when guardians book separately) while booking is open.</summary>
    public async Task<Outcome> CancelAsync(Guid userId, Guid bookingId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var booking = await Manageable(userId).Include(b => b.Slot).FirstOrDefaultAsync(b => b.Id == bookingId, ct);
        if (booking is null)
        {
            return Outcome.Refused("ErrorBookingUnknown");
        }
        var closes = await db.Set<ConferenceRound>().Where(r => r.Id == booking.RoundId).Select(r => r.BookingClosesAt).FirstAsync(ct);
        if (now >= closes)
        {
            return Outcome.Refused("ErrorBookingClosed");
        }
        db.Remove(booking);
        await mail.AddCancellationAsync(booking, booking.BookedById, ct);
        if (booking.BookedById != userId)
        {
            await mail.AddCancellationAsync(booking, userId, ct);
        }
        await db.SaveChangesAsync(ct);
        return Outcome.Done;
    }

    /// <summary>
    /// When booking <paramref name="slotId"/> would move the child's existing booking with that
    /// teacher (same round) to another time: the booked time, so the parent can confirm first. Null
    /// when it would be a first booking, the same slot, or refused anyway (the booking says why).
    /// </summary>
    public async Task<DateTimeOffset?> WouldMoveFromAsync(Guid userId, Guid pupilId, Guid slotId, CancellationToken ct)
    {
        var slot = await db.Set<ConferenceSlot>().AsNoTracking()
            .Where(s => s.Id == slotId && db.Guardianships.Any(g => g.UserId == userId && g.PupilId == pupilId && g.Pupil!.ArchivedAt == null))
            .Select(s => new { s.RoundId, s.TeacherId, s.Round!.SeparateGuardianBookings })
            .FirstOrDefaultAsync(ct);
        if (slot is null)
        {
            return null;
        }
        var guardianKey = slot.SeparateGuardianBookings ? userId : Guid.Empty;
        return await db.Set<ConferenceBooking>().AsNoTracking()
            .Where(b => b.RoundId == slot.RoundId && b.TeacherId == slot.TeacherId && b.PupilId == pupilId && b.GuardianKey == guardianKey && b.SlotId != slotId)
            .Select(b => (DateTimeOffset?)b.Slot!.StartsAt)
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>The start of a booking the user could cancel now, or null (unknown, not theirs, or booking closed).</summary>
    public async Task<DateTimeOffset?> CancellableStartAsync(Guid userId, Guid bookingId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return await Manageable(userId).AsNoTracking()
            .Where(b => b.Id == bookingId && db.Set<ConferenceRound>().Any(r => r.Id == b.RoundId && r.BookingClosesAt > now))
            .Select(b => (DateTimeOffset?)b.Slot!.StartsAt)
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>Bookings a user may see and change: of their linked children, and only their own when guardians book separately.</summary>
    public IQueryable<ConferenceBooking> Manageable(Guid userId) =>
        db.Set<ConferenceBooking>().Where(b =>
            db.Guardianships.Any(g => g.UserId == userId && g.PupilId == b.PupilId && g.Pupil!.ArchivedAt == null)
            && (b.GuardianKey == Guid.Empty || b.GuardianKey == userId));
}
