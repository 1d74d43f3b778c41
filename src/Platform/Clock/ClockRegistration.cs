using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Schoolplein.Platform.Clock;

public static class ClockRegistration
{
    /// <summary>The setting (an environment variable) that starts the clock at another instant.</summary>
    public const string StartSetting = "SCHOOLPLEIN_CLOCK";

    /// <summary>
    /// The machine's clock, or with <c>SCHOOLPLEIN_CLOCK=2026-12-07T07:45:00+01:00</c> a clock that
    /// starts at that instant and runs on (demos and browser tests). Refused in Production: a school
    /// must never see a made-up date. Tests may register their own clock first (TryAdd).
    /// </summary>
    public static IHostApplicationBuilder AddClock(this IHostApplicationBuilder builder)
    {
        var start = builder.Configuration[StartSetting];
        if (string.IsNullOrWhiteSpace(start))
        {
            builder.Services.TryAddSingleton(TimeProvider.System);
            return builder;
        }
        if (builder.Environment.IsProduction())
        {
            throw new InvalidOperationException($"{StartSetting} is for demos and tests; it is refused in Production.");
        }
        if (!DateTimeOffset.TryParse(start, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            throw new InvalidOperationException($"{StartSetting} must be an ISO 8601 instant with an offset, e.g. 2026-12-07T07:45:00+01:00.");
        }
        builder.Services.TryAddSingleton<TimeProvider>(new StartedClock(instant));
        return builder;
    }
}
