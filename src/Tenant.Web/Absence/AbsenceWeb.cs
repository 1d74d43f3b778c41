using Schoolplein.Platform.Absence;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Modules;
using Schoolplein.Tenant.Web.Shared;

namespace Schoolplein.Tenant.Web.Absence;

public static class AbsenceWeb
{
    public static IServiceCollection AddAbsenceWeb(this IServiceCollection services) => services
        .AddAbsence()
        .AddNavItem(new NavItem("/afwezigheid", typeof(AbsenceText), "Menu", 30, [Roles.Parent], SchoolModules.Absence))
        .AddNavItem(new NavItem("/afwezigheid/vandaag", typeof(AbsenceText), "TodayTitle", 31, [Roles.Teacher, Roles.SchoolAdmin], SchoolModules.Absence));
}
