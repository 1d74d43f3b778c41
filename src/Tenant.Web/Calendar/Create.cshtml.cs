using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Schoolplein.Platform.Calendar;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Tenancy;

namespace Schoolplein.Tenant.Web.Calendar;

[Authorize(Roles = Roles.Staff)]
public sealed class CreateModel(CurrentUser viewer, CalendarService calendar, TenantContext tenant, IStringLocalizer<CalendarText> text, TimeProvider time)
    : EventEditorModel(viewer, calendar, tenant, text)
{
    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadGroupsAsync(ct);
        var today = SchoolTime.LocalDate(time.GetUtcNow(), School.Required.TimeZoneInfo).AddDays(1);
        Form = new EventForm
        {
            StartDate = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            StartTime = "08:30",
            EndTime = "09:30",
            SchoolWide = IsAdmin,
        };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await TrySaveAsync(null, ct))
        {
            return Page();
        }
        return Redirect("/agenda");
    }
}
