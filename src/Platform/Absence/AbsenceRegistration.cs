using Microsoft.Extensions.DependencyInjection;
using Schoolplein.Platform.Privacy;

namespace Schoolplein.Platform.Absence;

public static class AbsenceRegistration
{
    public static IServiceCollection AddAbsence(this IServiceCollection services)
    {
        services.AddScoped<AbsenceReasons>();
        services.AddScoped<ChildcareEnrolments>();
        services.AddScoped<AbsenceReporter>();
        services.AddScoped<ChildcareMail>();
        services.AddPersonalData<AbsencePersonalData>();
        return services;
    }
}
