using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Schoolplein.Platform.Email;
using Schoolplein.Platform.Notifications;

namespace Schoolplein.Platform.Push;

public static class PushRegistration
{
    public static IServiceCollection AddPush(this IServiceCollection services)
    {
        services.AddOptions<PushOptions>().BindConfiguration(PushOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<PushOptions>, PushOptionsValidation>();
        services.AddTransient<VapidAudienceHandler>();
        services.AddHttpClient(nameof(WebPushSender), c => c.Timeout = TimeSpan.FromSeconds(30)).AddHttpMessageHandler<VapidAudienceHandler>();
        services.TryAddSingleton<IPushSender, WebPushSender>();
        services.AddSingleton<IOutboxDispatcher, PushDispatcher>();
        services.AddScoped<INotificationChannel, PushChannel>();
        services.AddScoped<PushSubscriptions>();
        services.AddScoped<Privacy.IAccountDeletionParticipant, PushAccountDeletion>();
        return services;
    }
}
