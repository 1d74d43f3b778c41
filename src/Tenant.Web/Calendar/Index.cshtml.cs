using Microsoft.AspNetCore.Mvc.RazorPages;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Schoolplein.Platform.Calendar;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Modules;
using Schoolplein.Tenant.Web.ChildSwitch;
using Schoolplein.Platform.Tenancy;
using Schoolplein.Platform.SchoolCalendar;

namespace Schoolplein.Tenant.Web.Calendar;

/// <summary>The user's calendar: a month grid and an agenda list, filtered per child; admins may show every group.</summary>
public sealed class IndexModel(CurrentUser viewer, CalendarService calendar, ChildChoice choice, TenantContext tenant, TimeProvider time)
    : PageModel
{
    public DateOnly Month { get; private set; }
    public DateOnly Today { get; private set; }
    /// <summary>The child shown: <c>?child=</c> when the address has it (empty: all children), else the header's choice.</summary>
    public Guid? Child { get; private set; }
    /// <summary>Whether <see cref="Child"/> came from the address, so month links keep it (and only then).</summary>
    public bool ChildInQuery { get; private set; }
    public bool All { get; private set; }
    public bool IsAdmin { get; private set; }
    public bool IsStaff { get; private set; }
    public IReadOnlyList<ChildOption> Children { get; private set; } = [];
    public IReadOnlyList<EventOccurrence> Items { get; private set; } = [];
    public IReadOnlyList<DateOnly[]> Weeks { get; private set; } = [];

    public sealed record ChildOption(Guid Id, string Name);

    public async Task<IActionResult> OnGetAsync(string? month, Guid? child, bool all, CancellationToken ct)
    {
        var zone = tenant.Required.TimeZoneInfo;
        Today = SchoolTime.LocalDate(time.GetUtcNow(), zone);
        // A month that is not "yyyy-MM" inside the school-date window shows this month (a link, not a form: no message).
        Month = SchoolDates.ParseMonth(month) ?? new DateOnly(Today.Year, Today.Month, 1);
        var userId = viewer.Id;
        IsAdmin = viewer.IsAdmin;
        IsStaff = viewer.IsStaff;
        All = all && IsAdmin;
        var mine = await choice.ForAsync(Request, ct);
        Children = mine.Children.Select(k => new ChildOption(k.Id, k.FirstName)).ToList();
        if (child is { } c && Children.All(k => k.Id != c))
        {
            return NotFound();
        }
        ChildInQuery = Request.Query.ContainsKey("child");
        Child = ChildInQuery ? child : mine.Chosen?.Id;
        var first = Month;
        var last = Month.AddMonths(1).AddDays(-1);
        var gridStart = first.AddDays(-(((int)first.DayOfWeek + 6) % 7));
        var weeks = new List<DateOnly[]>();
        for (var week = gridStart; week <= last; week = week.AddDays(7))
        {
            weeks.Add(Enumerable.Range(0, 7).Select(week.AddDays).ToArray());
        }
        Weeks = weeks;
        Items = await calendar.OccurrencesAsync(userId, gridStart, weeks[^1][6], Child, All, ct);
        return Page();
    }

    public IEnumerable<EventOccurrence> On(DateOnly day) => Items.Where(i => i.Day <= day && i.LastDay >= day);

    public IEnumerable<EventOccurrence> InMonth => Items.Where(i => i.LastDay >= Month && i.Day < Month.AddMonths(1));

    public string Query(DateOnly month) =>
        $"?month={month:yyyy-MM}" + (ChildInQuery ? $"&child={Child}" : "") + (All ? "&all=true" : "");

    public TimeZoneInfo Zone => tenant.Required.TimeZoneInfo;
}
