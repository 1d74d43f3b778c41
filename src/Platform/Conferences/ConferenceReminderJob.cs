using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Schoolplein.Platform.Calendar;
using Schoolplein.Platform.Jobs;
using Schoolplein.Platform.Notifications;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Tenancy;

namespace Schoolplein.Platform.Conferences;

/// <summary>
/// The reminder the day before a conference, to the parent who booked it. Runs hourly per school
/// from the recurring fan-out rather than as one scheduled job per booking: bookings move and are
/// cancelled until the round closes, and a sweep needs no bookkeeping of job ids, survives lost
/// jobs and is idempotent through <see cref="ConferenceBooking.ReminderSentAt"/>. From
/// <see cref="SendFromLocalHour"/> on the day before (school time) every booking of tomorrow is
/// reminded once; bookings made less than <see cref="MinimumNotice"/> ago are not.
/// </summary>
public sealed class ConferenceReminderJob(SchoolpleinDb db, TenantContext tenant, Notifier notifier, TimeProvider time) : ITenantJob
{
    public const int SendFromLocalHour = 16;
    public static readonly TimeSpan MinimumNotice = TimeSpan.FromHours(12);

    public async Task RunAsync(Guid tenantId, CancellationToken ct)
    {
        var zone = tenant.Required.TimeZoneInfo;
        var now = time.GetUtcNow();
        var local = SchoolTime.ToLocal(now, zone);
        if (local.Hour < SendFromLocalHour)
        {
            return;
        }
        var tomorrow = DateOnly.FromDateTime(local).AddDays(1);
        var recent = now - MinimumNotice;
        var due = await db.Set<ConferenceBooking>()
            .Where(b => b.ReminderSentAt == null && b.Slot!.Date == tomorrow && b.CreatedAt < recent && b.UpdatedAt < recent)
            .Select(b => new
            {
                b.Id, b.BookedById, b.Slot!.StartsAt, Child = b.Pupil!.FirstName,
                Teacher = b.Slot.Teacher!.FullName,
            })
            .Take(1000)
            .ToListAsync(ct);
        foreach (var b in due)
        {
            var at = SchoolTime.ToLocal(b.StartsAt, zone).ToString("HH:mm", CultureInfo.InvariantCulture);
            await notifier.NotifyAsync([b.BookedById], new NotificationContent(
                "conference.reminder", typeof(ConferenceText), "ReminderTitle", [b.Child, at], "ReminderBody", [b.Child, b.Teacher, at],
                "/gesprekken", SourceId: b.Id), ct);
        }
        var ids = due.Select(b => b.Id).ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await db.Set<ConferenceBooking>().Where(b => ids.Contains(b.Id)).ExecuteUpdateAsync(s => s.SetProperty(b => b.ReminderSentAt, now), ct);
        await transaction.CommitAsync(ct);
    }
}
