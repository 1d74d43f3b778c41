using Microsoft.Extensions.DependencyInjection;

namespace Schoolplein.Platform.Tenancy;

public static class TenancyRegistration
{
    public static IServiceCollection AddTenancy(this IServiceCollection services)
    {
        services.AddOptions<TenancyOptions>().BindConfiguration(TenancyOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddMemoryCache();
        services.AddSingleton<TenantCatalog>();
        services.AddSingleton<TenantScopeFactory>();
        services.AddScoped<SchoolRegistry>();
        services.AddHostedService<TenantChangeListener>();
        return services;
    }
}
