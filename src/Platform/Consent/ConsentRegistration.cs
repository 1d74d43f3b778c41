using Microsoft.Extensions.DependencyInjection;
using Schoolplein.Platform.Seeding;
using Schoolplein.Platform.Privacy;

namespace Schoolplein.Platform.Consent;

public static class ConsentRegistration
{
    public static IServiceCollection AddConsent(this IServiceCollection services)
    {
        services.AddScoped<ConsentService>();
        services.AddScoped<ConsentReader>();
        services.AddScoped<IPhotoConsent, PhotoConsent>();
        services.AddScoped<ConsentReconfirmationJob>();
        services.AddPersonalData<ConsentPersonalData>();
        services.AddScoped<ConsentMatrixPdf>();
        services.AddScoped<IDemoSeedStep, ConsentDemoSeedStep>();
        return services;
    }
}
