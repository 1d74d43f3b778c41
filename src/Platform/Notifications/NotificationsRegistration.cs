using Microsoft.Extensions.DependencyInjection;

namespace Schoolplein.Platform.Notifications;

public static class NotificationsRegistration
{
    /// <summary>The notifier and the e-mail channel; other channels register more <see cref="INotificationChannel"/>s.</summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddScoped<Notifier>();
        services.AddScoped<INotificationChannel, EmailChannel>();
        services.AddScoped<DeliveryProblems>();
        services.AddScoped<NotificationInbox>();
        return services;
    }
}
