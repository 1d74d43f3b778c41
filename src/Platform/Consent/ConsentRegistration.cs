using Microsoft.Extensions.DependencyInjection;
using Schoolplein.Platform.Seeding;

namespace Schoolplein.Platform.Consent;

public static class ConsentRegistration
{
    public static IServiceCollection AddConsent(this IServiceCollection services)
    {
        services.AddScoped<ConsentService>();
        services.AddScoped<ConsentReader>();
        services.AddScoped<IPhotoConsent, PhotoConsent>();
        services.AddScoped<ConsentReconfirmationJob>();
        services.AddScoped<ConsentMatrixPdf>();
        services.AddScoped<IDemoSeedStep, ConsentDemoSeedStep>();
        return services;
    }
}
