using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Schoolplein.Platform.Images;

public static class ImagesRegistration
{
    public static IServiceCollection AddImages(this IServiceCollection services)
    {
        services.AddOptions<ImageOptions>().BindConfiguration(ImageOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ImagePipeline>();
        return services;
    }
}

/// <summary>One clear sentence per refused upload, the same for every feature that takes pictures.</summary>
public static class ImageMessages
{
    public static string For(IStringLocalizer<ImagesText> text, ImageProblem problem, ImageOptions options) => problem switch
    {
        ImageProblem.TooLarge => text["TooLarge", MaxSize(options)],
        ImageProblem.TooManyPixels => text["TooManyPixels"],
        ImageProblem.UnsupportedFormat => text["UnsupportedFormat"],
        ImageProblem.HeicNotSupported => text["HeicNotSupported"],
        ImageProblem.Damaged => text["Damaged"],
        ImageProblem.Empty => text["Empty"],
        _ => text["NotAnImage"],
    };

    /// <summary>The upload cap for people: "15 MB", or "300 kB" below a megabyte.</summary>
    public static string MaxSize(ImageOptions options) => options.MaxInputBytes >= 1024 * 1024
        ? $"{options.MaxInputBytes / (1024 * 1024)} MB"
        : $"{options.MaxInputBytes / 1024} kB";
}

/// <summary>Resource anchor for the image pipeline's messages.</summary>
public sealed class ImagesText;
