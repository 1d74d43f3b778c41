using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Schoolplein.Platform.Calendar;
using Schoolplein.Platform.Email;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Tenancy;
using Schoolplein.Platform.Localization;

namespace Schoolplein.Platform.Conferences;

/// <summary>What a booked conference looks like to a parent: text and calendar entry.</summary>
public sealed record BookingDetails(
    Guid BookingId, int Sequence, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string RoundTitle, string ChildName, string TeacherName,
    DateTimeOffset StartsAt, DateTimeOffset EndsAt, string? Location, string? VideoLink);

/// <summary>
/// The confirmation (with an .ics that calendar apps import) and cancellation mails to the
/// parent who booked. Added to the caller's unit of work: sent only if the booking commits.
/// </summary>
public sealed class ConferenceMail(
    SchoolpleinDb db, EmailOutbox outbox, SchoolEmailComposer composer, IStringLocalizer<ConferenceText> text,
    TenantContext tenant, IOptions<TenancyOptions> tenancy)
{
    /// <summary>Confirmation to <paramref name="recipientId"/> (the booker; also the guardian who booked before, when another moved it).</summary>
    public async Task AddConfirmationAsync(ConferenceBooking booking, bool moved, Guid recipientId, CancellationToken ct)
    {
        var details = await DetailsAsync(booking, ct);
        var to = await RecipientAsync(recipientId, ct);
        if (to is null)
        {
            return;
        }
        var subject = text[moved ? "MailMovedSubject" : "MailConfirmSubject", details.ChildName, details.TeacherName].Value;
        var message = composer.Compose(
            moved ? "conference.moved" : "conference.booked", to.Value.Email, to.Value.Name, subject, subject,
            Paragraphs(details),
            new EmailAction(text["MailManage"], tenancy.Value.SchoolUri(tenant.Required.Slug, "/gesprekken"))) with
        {
            Attachments = [new EmailAttachment("oudergesprek.ics", "text/calendar; method=PUBLISH; charset=utf-8", Ics(details, cancelled: false))],
        };
        outbox.Add(message);
    }

    public async Task AddCancellationAsync(ConferenceBooking booking, Guid recipientId, CancellationToken ct)
    {
        var details = await DetailsAsync(booking, ct) with { Sequence = booking.Sequence + 1 };
        var to = await RecipientAsync(recipientId, ct);
        if (to is null)
        {
            return;
        }
        var subject = text["MailCancelSubject", details.ChildName, details.TeacherName].Value;
        var message = composer.Compose("conference.cancelled", to.Value.Email, to.Value.Name, subject, subject,
            [text["MailCancelBody", When(details)]],
            new EmailAction(text["MailBookAgain"], tenancy.Value.SchoolUri(tenant.Required.Slug, "/gesprekken"))) with
        {
            Attachments = [new EmailAttachment("oudergesprek.ics", "text/calendar; method=CANCEL; charset=utf-8", Ics(details, cancelled: true))],
        };
        outbox.Add(message);
    }

    public IEnumerable<string> Paragraphs(BookingDetails d)
    {
        yield return text["MailWhen", When(d)];
        if (d.Location is not null)
        {
            yield return text["MailWhere", d.Location];
        }
        if (d.VideoLink is not null)
        {
            yield return text["MailVideo", d.VideoLink];
        }
        yield return text["MailChangeUntil"];
    }

    public string When(BookingDetails d)
    {
        var zone = tenant.Required.TimeZoneInfo;
        var culture = CultureInfo.CurrentCulture;
        var start = SchoolTime.ToLocal(d.StartsAt, zone);
        var end = SchoolTime.ToLocal(d.EndsAt, zone);
        return $"{DateText.DayWithYear(DateOnly.FromDateTime(start), culture)}, {DateText.Time(start)}–{DateText.Time(end)}";
    }

    /// <summary>The .ics of one booking: same UID for every version, so a move updates the entry and a cancel removes it.</summary>
    public byte[] Ics(BookingDetails d, bool cancelled)
    {
        var school = tenant.Required;
        return Encoding.UTF8.GetBytes(CalendarFeedWriter.Write(school.Name, school.TimeZone, [ToFeedEvent(d, cancelled)], cancelled ? "CANCEL" : "PUBLISH"));
    }

    public FeedEvent ToFeedEvent(BookingDetails d, bool cancelled = false)
    {
        var school = tenant.Required;
        var zone = school.TimeZoneInfo;
        var start = SchoolTime.ToLocal(d.StartsAt, zone);
        var end = SchoolTime.ToLocal(d.EndsAt, zone);
        var description = string.Join("\n", new[] { d.RoundTitle, d.VideoLink }.Where(x => x is not null));
        return new FeedEvent(
            $"conference-{d.BookingId}@{school.Slug}.schoolplein",
            text["IcsSummary", d.ChildName, d.TeacherName],
            description,
            d.Location ?? d.VideoLink,
            new EventSchedule(false, DateOnly.FromDateTime(start), DateOnly.FromDateTime(end), TimeOnly.FromDateTime(start), TimeOnly.FromDateTime(end)),
            d.Sequence, d.CreatedAt, d.UpdatedAt,
            tenancy.Value.SchoolUri(school.Slug, "/gesprekken"),
            cancelled);
    }

    private async Task<BookingDetails> DetailsAsync(ConferenceBooking b, CancellationToken ct)
    {
        var row = await db.Set<ConferenceSlot>().AsNoTracking().Where(s => s.Id == b.SlotId)
            .Select(s => new
            {
                s.StartsAt, s.EndsAt, s.Round!.Title, s.Round.Location, s.Round.VideoLink,
                Teacher = s.Teacher!.FullName,
            })
            .FirstAsync(ct);
        var child = await db.Pupils.AsNoTracking().Where(p => p.Id == b.PupilId).Select(p => p.FirstName).FirstAsync(ct);
        return new BookingDetails(b.Id, b.Sequence, b.CreatedAt, b.UpdatedAt, row.Title, child, row.Teacher,
            row.StartsAt, row.EndsAt, row.Location, row.VideoLink);
    }

    private async Task<(string Email, string Name)?> RecipientAsync(Guid userId, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId && u.Email != null)
            .Select(u => new { u.Email, u.FirstName, u.LastNamePrefix, u.LastName }).FirstOrDefaultAsync(ct);
        return user is null ? null : (user.Email!, Identity.PersonName.Format(user.FirstName, user.LastNamePrefix, user.LastName));
    }
}

/// <summary>Resource anchor for conference texts (mails, notifications and pages).</summary>
public sealed class ConferenceText;
