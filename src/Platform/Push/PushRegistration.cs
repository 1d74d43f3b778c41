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
        services.AddSingleton<VapidSigner>();
        services.AddTransient<VapidAudienceHandler>();
        services.AddSingleton<PushEndpointPolicy>();
        services.AddHttpClient(nameof(WebPushSender), c => c.Timeout = TimeSpan.FromSeconds(30))
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                ConnectCallback = sp.GetRequiredService<PushEndpointPolicy>().ConnectAsync,
                AllowAutoRedirect = false,
                UseProxy = false, // the address check is on the push host itself
            })
            .AddHttpMessageHandler<VapidAudienceHandler>()
            // HttpClient's own log names every request's URL, and a push endpoint is the capability of a
            // parent's device (whoever has it can push to that phone): it stays out of the log. It was also
            // four log lines per push, which the worker formatted and wrote during an urgent fan-out.
            .RemoveAllLoggers();
        services.TryAddSingleton<IPushSender, WebPushSender>();
        services.AddSingleton<IOutboxDispatcher, PushDispatcher>();
        services.AddScoped<PushRowDelivery>();
        services.AddScoped<PushMessages>();
        services.AddScoped<PushFanOut>();
        services.AddScoped<INotificationChannel, PushChannel>();
        services.AddScoped<PushSubscriptions>();
        services.AddScoped<Privacy.IAccountDeletionParticipant, PushAccountDeletion>();
        return services;
    }
}
