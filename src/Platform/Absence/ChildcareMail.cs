using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Schoolplein.Platform.Email;
using Schoolplein.Platform.Notifications;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.SchoolCalendar;
using Schoolplein.Platform.Tenancy;
using Schoolplein.Platform.Privacy;
using Schoolplein.Platform.Localization;

namespace Schoolplein.Platform.Absence;

public sealed class ChildcareMail(SchoolpleinDb db, EmailOutbox outbox, SchoolEmailComposer composer, IStringLocalizer<AbsenceText> text)
{
    public async Task AddAsync(AbsenceReport report, AbsenceSettings settings, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(settings.ChildcareEmail)
            || !await db.Set<ChildcareEnrolment>().AnyAsync(c => c.PupilId == report.PupilId, ct))
        {
            return;
        }
        var pupil = await db.Pupils.AsNoTracking().Where(p => p.Id == report.PupilId)
            .Select(p => new { p.FirstName, p.LastNamePrefix, p.LastName, Group = p.Group!.Name }).FirstAsync(ct);
        var name = Identity.PersonName.Format(pupil.FirstName, pupil.LastNamePrefix, pupil.LastName);
        var culture = System.Globalization.CultureInfo.GetCultureInfo("nl-NL");
        var until = report.ToDate is { } to ? text["Mail_Until", DateText.Day(to, culture)].Value : text["Mail_UntilBetter"].Value;
        var subject = text["Mail_ChildcareSubject", name].Value;
        outbox.Add(composer.Compose("absence.childcare", settings.ChildcareEmail, null, subject, subject,
        [
            text["Mail_ChildcareBody", name, pupil.Group ?? "", DateText.Day(report.FromDate, culture), until].Value,
        ]) with { IdempotencyKey = $"absence:{report.Id:N}:childcare" });
    }
}
