using Microsoft.AspNetCore.Mvc.RazorPages;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Schoolplein.Platform;
using Schoolplein.Platform.Calendar;
using Schoolplein.Platform.Conferences;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Modules;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Tenancy;
using Schoolplein.Tenant.Web.Calendar;
using Schoolplein.Platform.SchoolCalendar;

namespace Schoolplein.Tenant.Web.Conferences;

/// <summary>An admin starts a round: title, groups, slot length, place or video link, booking window and the sibling/guardian rules.</summary>
[Authorize(Roles = Roles.SchoolAdmin)]
public sealed class NewRoundModel(CurrentUser viewer, ConferencePlanning planning, SchoolpleinDb db, TenantContext tenant, IStringLocalizer<ConferenceText> text, TimeProvider time)
    : PageModel
{
    [BindProperty]
    public RoundForm Form { get; set; } = new();

    public IReadOnlyList<(Guid Id, string Name)> Groups { get; private set; } = [];

    public sealed class RoundForm
    {
        public string? Title { get; set; }
        public List<Guid> GroupIds { get; set; } = [];
        public string? SlotMinutes { get; set; } = "10";
        public string? Location { get; set; }
        public string? VideoLink { get; set; }
        public string? OpensDate { get; set; }
        public string? OpensTime { get; set; } = "08:00";
        public string? ClosesDate { get; set; }
        public string? ClosesTime { get; set; } = "23:59";
        public bool SiblingsBookEarly { get; set; }
        public bool SeparateGuardianBookings { get; set; }
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var today = SchoolTime.LocalDate(time.GetUtcNow(), tenant.Required.TimeZoneInfo);
        Form.OpensDate = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Form.ClosesDate = today.AddDays(14).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var zone = tenant.Required.TimeZoneInfo;
        var opensDate = EventForm.ParseDate(Form.OpensDate);
        var opensTime = EventForm.ParseTime(Form.OpensTime);
        var closesDate = EventForm.ParseDate(Form.ClosesDate);
        var closesTime = EventForm.ParseTime(Form.ClosesTime);
        var problems = new List<Problem>();
        if (opensDate is null || opensTime is null || closesDate is null || closesTime is null)
        {
            problems.Add(new Problem("ErrorDateTime"));
        }
        else if (!SchoolDates.InRange(opensDate.Value) || !SchoolDates.InRange(closesDate.Value))
        {
            // Checked before the dates become instants: 0001-01-01 00:00 in Amsterdam has no UTC instant.
            problems.Add(new Problem("ErrorDateOutOfRange", SchoolDates.MessageArgs));
        }
        if (!int.TryParse(Form.SlotMinutes, NumberStyles.None, CultureInfo.InvariantCulture, out var minutes))
        {
            problems.Add(new Problem("ErrorSlotMinutes"));
        }
        if (problems.Count == 0)
        {
            var created = await planning.CreateRoundAsync(new RoundDraft(
                Form.Title ?? "", Form.Location, Form.VideoLink, minutes,
                SchoolTime.ToInstant(opensDate!.Value, opensTime!.Value, zone), SchoolTime.ToInstant(closesDate!.Value, closesTime!.Value, zone),
                Form.SiblingsBookEarly, Form.SeparateGuardianBookings, Form.GroupIds), viewer.Id, ct);
            if (created.Succeeded)
            {
                return Redirect($"/gesprekken/rondes/{created.Value}");
            }
            problems.AddRange(created.Problems);
        }
        ModelState.AddProblems(problems.DistinctBy(p => p.Key), text);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var groups = await db.Groups.AsNoTracking().OrderBy(g => g.SortOrder).ThenBy(g => g.Name).Select(g => new { g.Id, g.Name }).ToListAsync(ct);
        Groups = groups.Select(g => (g.Id, g.Name)).ToList();
    }
}
