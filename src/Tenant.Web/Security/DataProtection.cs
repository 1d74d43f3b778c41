using Microsoft.AspNetCore.DataProtection;
using Schoolplein.Platform.Persistence;

namespace Schoolplein.Tenant.Web.Security;

public static class DataProtection
{
    /// <summary>
    /// Keys shared by every instance (in PostgreSQL) under one fixed application name, so a
    /// cookie issued by one instance validates on another. The backoffice uses another name and store.
    /// </summary>
    public static IServiceCollection AddSchoolDataProtection(this IServiceCollection services, string applicationName)
    {
        services.AddDataProtection()
            .SetApplicationName(applicationName)
            .PersistKeysToDbContext<SchoolpleinDb>();
        return services;
    }
}
