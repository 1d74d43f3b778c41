using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Schoolplein.Platform.Email;

public static class EmailRegistration
{
    public static IServiceCollection AddEmail(this IServiceCollection services)
    {
        services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<IEmailSender, SmtpEmailSender>();
        services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<OutboxRows>();
        services.AddScoped<OutboxDeliveries>();
        services.AddScoped<EmailRowDelivery>();
        services.AddSingleton<IOutboxDispatcher, EmailDispatcher>();
        services.AddScoped<EmailOutbox>();
        services.AddScoped<SchoolEmailComposer>();
        services.AddSingleton<OutboxDispatchQueue>();
        services.AddHostedService<OutboxDispatchPump>();
        services.AddScoped<IInterceptor, OutboxDispatchInterceptor>();
        return services;
    }
}
