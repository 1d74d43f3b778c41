using Schoolplein.Platform.Forms;
using Microsoft.AspNetCore.Mvc.RazorPages;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Schoolplein.Platform;
using Schoolplein.Platform.Calendar;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Modules;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Tenancy;

using Schoolplein.Tenant.Web.Shared;
using Schoolplein.Platform.Localization;

namespace Schoolplein.Tenant.Web.Calendar;

/// <summary>One event: when, where, for whom; sign up or cancel when it has places; the sign-up list for staff who may edit it.</summary>
public sealed class DetailsModel(CurrentUser viewer, CalendarService calendar, SchoolpleinDb db, TenantContext tenant, IStringLocalizer<CalendarText> text)
    : PageModel, IShowsError
{
    public EventView Event { get; private set; } = null!;
    public bool CanEdit { get; private set; }
    public bool SignedUp { get; private set; }
    public IReadOnlyList<string> SignUps { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string FileName)> Attachments { get; private set; } = [];
    public string? Message { get; private set; }
    public bool MessageIsError { get; private set; }

    /// <summary>A refused sign-up ("vol") is a refused submit: the same form may be sent again once a place is free.</summary>
    public string? Error => MessageIsError ? Message : null;

    public sealed record EventView(
        Guid Id, string Title, string? Description, string? Location, EventSchedule Schedule,
        bool SchoolWide, IReadOnlyList<string> Groups, int? Capacity, int SignUpCount);

    public Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => ShowAsync(id, null, false, ct);

    /// <param name="returnUrl">
    /// Set by the timeline's "Binnenkort" cards: after a sign-up the browser goes back there (a local address
    /// only), where the card says "Je hebt je aangemeld". A refusal shows this page with the reason, as without it.
    /// </param>
    public async Task<IActionResult> OnPostSignUpAsync(Guid id, string? returnUrl, CancellationToken ct)
    {
        if (!await VisibleAsync(id, ct))
        {
            return NotFound();
        }
        var outcome = await calendar.SignUpAsync(id, viewer.Id, ct);
        if (outcome.Succeeded && returnUrl is not null)
        {
            return LocalRedirect(LocalUrl.OrDefault(Url, returnUrl, $"/agenda/{id}"));
        }
        return outcome.Succeeded
            ? await ShowAsync(id, text["SignedUp"], false, ct)
            : await ShowAsync(id, text.Text(outcome.Problems[0]), true, ct);
    }

    /// <param name="returnUrl">As for <see cref="OnPostSignUpAsync"/>: where the browser goes after the cancel and where "no" leads.</param>
    public async Task<IActionResult> OnPostCancelAsync(Guid id, string? returnUrl, CancellationToken ct)
    {
        if (!await VisibleAsync(id, ct))
        {
            return NotFound();
        }
        if (!this.IsConfirmed() && await db.Set<CalendarEventSignUp>().AnyAsync(s => s.EventId == id && s.UserId == viewer.Id, ct))
        {
            // The place may be taken by someone else at once: ask first.
            var title = await calendar.Visible(viewer.Id, everything: viewer.IsAdmin).Where(e => e.Id == id).Select(e => e.Title).FirstAsync(ct);
            return this.Ask(text["CancelSignUpConfirmTitle"], text["CancelSignUpConfirmQuestion", title], text["CancelSignUpConfirmButton"],
                LocalUrl.OrDefault(Url, returnUrl, $"/agenda/{id}"));
        }
        var cancelled = await calendar.CancelSignUpAsync(id, viewer.Id, ct);
        if (cancelled && returnUrl is not null)
        {
            return LocalRedirect(LocalUrl.OrDefault(Url, returnUrl, $"/agenda/{id}"));
        }
        return await ShowAsync(id, cancelled ? text["SignUpCancelled"] : text["NotSignedUp"], !cancelled, ct);
    }

    private Task<bool> VisibleAsync(Guid id, CancellationToken ct) =>
        calendar.Visible(viewer.Id, everything: viewer.IsAdmin).AnyAsync(e => e.Id == id, ct);

    private async Task<IActionResult> ShowAsync(Guid id, string? message, bool isError, CancellationToken ct)
    {
        var userId = viewer.Id;
        var isAdmin = viewer.IsAdmin;
        var e = await calendar.Visible(userId, everything: isAdmin)
            .Where(e => e.Id == id)
            .Select(e => new
            {
                e.Id, e.Title, e.Description, e.Location, e.AllDay, e.StartDate, e.EndDate, e.StartTime, e.EndTime, e.RepeatDays, e.RepeatUntil, e.RepeatsInClosures,
                SchoolWide = !e.Groups.Any(),
                Groups = e.Groups.OrderBy(g => g.Group!.SortOrder).Select(g => g.Group!.Name).ToList(),
                e.Capacity, e.SignUpCount,
            })
            .FirstOrDefaultAsync(ct);
        if (e is null)
        {
            return NotFound();
        }
        Event = new EventView(e.Id, e.Title, e.Description, e.Location,
            new EventSchedule(e.AllDay, e.StartDate, e.EndDate, e.StartTime, e.EndTime, e.RepeatDays, e.RepeatUntil, e.RepeatsInClosures),
            e.SchoolWide, e.Groups, e.Capacity, e.SignUpCount);
        var isStaff = viewer.IsStaff;
        CanEdit = isStaff && await calendar.EditableBy(viewer).AnyAsync(x => x.Id == id, ct);
        SignedUp = await db.Set<CalendarEventSignUp>().AnyAsync(s => s.EventId == id && s.UserId == userId, ct);
        if (CanEdit && e.Capacity is not null)
        {
            SignUps = await db.Set<CalendarEventSignUp>().AsNoTracking()
                .Where(s => s.EventId == id)
                .OrderBy(s => s.CreatedAt)
                .Select(s => s.User!.FullName)
                .ToListAsync(ct);
        }
        var files = await db.Set<CalendarAttachment>().AsNoTracking().Where(a => a.EventId == id).OrderBy(a => a.CreatedAt)
            .Select(a => new { a.Id, a.FileName }).ToListAsync(ct);
        Attachments = files.Select(f => (f.Id, f.FileName)).ToList();
        Message = message;
        MessageIsError = isError;
        return Page();
    }

    public string When(TimeZoneInfo? _ = null)
    {
        var s = Event.Schedule;
        var days = s.EndDate == s.StartDate
            ? DateText.DayWithYear(s.StartDate)
            : $"{DateText.Day(s.StartDate)} – {DateText.DayWithYear(s.EndDate)}";
        return s.AllDay ? $"{days}, {text["AllDay"]}" : $"{days}, {DateText.Time(s.StartTime!.Value)}–{DateText.Time(s.EndTime!.Value)}";
    }

    public string Repeat()
    {
        var s = Event.Schedule;
        if (!s.Repeats)
        {
            return "";
        }
        var culture = CultureInfo.CurrentCulture;
        var days = string.Join(", ", s.RepeatDays.Days().Select(d => culture.DateTimeFormat.GetDayName(d)));
        return text["RepeatsOn", days, DateText.DayWithYear(s.RepeatUntil!.Value)];
    }

    public string TimeZoneName => tenant.Required.TimeZone;
}
