using Microsoft.Extensions.DependencyInjection;

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

/// <summary>
/// A refused upload as a <see cref="Problem"/>: the key is the reason's name, one sentence per reason
/// in the web project's images resource, the same for every feature that takes pictures.
/// </summary>
public static class ImageProblems
{
    public static Problem For(ImageProblem problem, ImageOptions options) => problem == ImageProblem.TooLarge
        ? new Problem(nameof(ImageProblem.TooLarge), MaxSize(options))
        : new Problem(problem.ToString());

    /// <summary>The upload cap for people: "15 MB", or "300 kB" below a megabyte.</summary>
    public static string MaxSize(ImageOptions options) => options.MaxInputBytes >= 1024 * 1024
        ? $"{options.MaxInputBytes / (1024 * 1024)} MB"
        : $"{options.MaxInputBytes / 1024} kB";
}
