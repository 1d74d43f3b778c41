using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace Schoolplein.Platform.Forms;

public static class FormsRegistration
{
    /// <summary>
    /// "One rendered form, at most one effect" for every Razor page of the app: the filter on all
    /// pages, with <typeparamref name="TStore"/> as the table that remembers sent forms. Views add
    /// the key with <c>@addTagHelper Schoolplein.Platform.Forms.FormKeyTagHelper, Schoolplein.Platform</c>.
    /// </summary>
    public static IServiceCollection AddFormSubmissions<TStore>(this IServiceCollection services)
        where TStore : class, IFormSubmissionStore
    {
        services.AddOptions<FormSubmissionOptions>().BindConfiguration(FormSubmissionOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<IFormSubmissionStore, TStore>();
        services.AddScoped<FormSubmissionFilter>();
        services.Configure<MvcOptions>(o => o.Filters.AddService<FormSubmissionFilter>());
        return services;
    }
}
