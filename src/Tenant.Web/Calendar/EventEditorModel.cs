using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Schoolplein.Platform;
using Schoolplein.Platform.Calendar;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Modules;
using Schoolplein.Platform.Tenancy;

namespace Schoolplein.Tenant.Web.Calendar;

/// <summary>What the create and edit pages share: the form, the groups to choose from, validation and saving.</summary>
public abstract class EventEditorModel(CurrentUser viewer, CalendarService calendar, TenantContext tenant, IStringLocalizer<CalendarText> text)
    : PageModel
{
    [BindProperty]
    public EventForm Form { get; set; } = new();

    public IReadOnlyList<GroupOption> Groups { get; private set; } = [];
    public bool IsAdmin => viewer.IsAdmin;

    public sealed record GroupOption(Guid Id, string Name);

    protected CurrentUser Viewer => viewer;
    protected CalendarService Calendar => calendar;
    protected TenantContext School => tenant;
    protected IStringLocalizer<CalendarText> Text => text;

    protected async Task LoadGroupsAsync(CancellationToken ct) =>
        Groups = await calendar.TargetGroups(viewer).Select(g => new GroupOption(g.Id, g.Name)).ToListAsync(ct);

    /// <summary>Validates and saves; false (with model errors, nothing saved) when the input is wrong.</summary>
    protected async Task<bool> TrySaveAsync(CalendarEvent? existing, CancellationToken ct)
    {
        await LoadGroupsAsync(ct);
        var problems = new List<Problem>();
        var (schedule, capacity) = Form.Parse(problems);
        if (schedule is not null)
        {
            problems.AddRange(EventRules.Validate(Form.Title, schedule, capacity, tenant.Required.TimeZoneInfo));
        }
        var groups = Form.SchoolWide ? [] : Form.GroupIds;
        if (!Form.SchoolWide && groups.Count == 0)
        {
            problems.Add(new Problem("ErrorAudience"));
        }
        if (problems.Count == 0)
        {
            // Browsers send a textarea's line breaks as CR LF; stored as LF (a CR would be written out as &#xD;, which is invalid HTML).
            var draft = new EventDraft(Form.Title!, Form.Description?.ReplaceLineEndings("\n"), Form.Location, schedule!, groups, capacity);
            problems.AddRange((await calendar.SaveAsync(existing, draft, viewer, ct)).Problems);
        }
        ModelState.AddProblems(problems.DistinctBy(p => p.Key), text);
        return problems.Count == 0;
    }
}
