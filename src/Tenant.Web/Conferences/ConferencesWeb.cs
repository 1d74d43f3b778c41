using Schoolplein.Platform.Conferences;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Modules;
using Schoolplein.Tenant.Web.Modules;
using Schoolplein.Tenant.Web.Shared;

namespace Schoolplein.Tenant.Web.Conferences;

public static class ConferencesWeb
{
    public static IServiceCollection AddConferencesWeb(this IServiceCollection services)
    {
        services.AddConferences();
        services.RequireModuleForPages("/Conferences", SchoolModules.Conferences);
        services.AddNavItem(new NavItem("/gesprekken", typeof(ConferenceText), "Menu", 25, [Roles.Parent], SchoolModules.Conferences));
        services.AddNavItem(new NavItem("/gesprekken/rondes", typeof(ConferenceText), "MenuStaff", 26, [Roles.Teacher, Roles.SchoolAdmin], SchoolModules.Conferences));
        return services;
    }
}
