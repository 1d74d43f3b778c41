using Schoolplein.Platform.Identity;
using Schoolplein.Tenant.Web.Shared;

namespace Schoolplein.Tenant.Web.SchoolCalendar;

public static class SchoolCalendarWeb
{
    public static IServiceCollection AddSchoolCalendarWeb(this IServiceCollection services) =>
        services.AddNavItem(new NavItem("/beheer/schoolkalender", typeof(SchoolCalendarText), "Menu", 90, [Roles.SchoolAdmin]));
}
