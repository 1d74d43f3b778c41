using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.FeatureManagement;
using Schoolplein.Platform.Modules;

namespace Schoolplein.Tenant.Web.Modules;

/// <summary>
/// A module that is off for the school does not exist there: its routes answer 404, the
/// same as an unknown path, so nothing reveals that the feature is built. Menus hide it
/// through <c>NavItem.Module</c>. Use one of:
/// <list type="bullet">
/// <item>minimal APIs: <c>app.MapGroup("/api/v1/leave").RequireModule(SchoolModules.Leave)</c></item>
/// <item>a page model: <c>[RequiresModule(SchoolModules.Leave)]</c></item>
/// <item>a page folder, from a feature's registration: <c>services.RequireModuleForPages("/Leave", SchoolModules.Leave)</c></item>
/// </list>
/// </summary>
public static class ModuleGate
{
    public static TBuilder RequireModule<TBuilder>(this TBuilder builder, string module) where TBuilder : IEndpointConventionBuilder
    {
        EnsureKnown(module);
        builder.WithMetadata(new RequiresModuleAttribute(module));
        builder.AddEndpointFilter(new ModuleEndpointFilter(module));
        return builder;
    }

    public static PageConventionCollection RequireModule(this PageConventionCollection conventions, string folderPath, string module)
    {
        EnsureKnown(module);
        conventions.AddFolderApplicationModelConvention(folderPath, model => model.Filters.Add(new RequiresModuleAttribute(module)));
        return conventions;
    }

    /// <summary>
    /// The folder convention, registered from a feature's <c>AddFoo</c>. PostConfigure: folder
    /// conventions added before Program.cs sets the pages' RootDirectory would not match.
    /// </summary>
    public static IServiceCollection RequireModuleForPages(this IServiceCollection services, string folderPath, string module)
    {
        EnsureKnown(module);
        services.PostConfigure<RazorPagesOptions>(o => o.Conventions.RequireModule(folderPath, module));
        return services;
    }

    internal static void EnsureKnown(string module)
    {
        if (!SchoolModules.IsKnown(module))
        {
            throw new ArgumentException($"Unknown module '{module}'.", nameof(module));
        }
    }

    internal static Task<bool> IsOnAsync(HttpContext context, string module) =>
        context.RequestServices.GetRequiredService<IFeatureManager>().IsEnabledAsync(module);
}

/// <summary>Endpoint filter: 404 when the school has the module off.</summary>
public sealed class ModuleEndpointFilter(string module) : IEndpointFilter
{
    public string Module => module;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        await ModuleGate.IsOnAsync(context.HttpContext, module) ? await next(context) : TypedResults.NotFound();
}

/// <summary>Page filter (attribute on a page model, or added per folder): 404 when the school has the module off.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class RequiresModuleAttribute : Attribute, IAsyncPageFilter, IOrderedFilter
{
    public RequiresModuleAttribute(string module)
    {
        ModuleGate.EnsureKnown(module);
        Module = module;
    }

    public string Module { get; }

    /// <summary>Before the page's own filters and handlers.</summary>
    public int Order => int.MinValue + 100;

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (!await ModuleGate.IsOnAsync(context.HttpContext, Module))
        {
            context.Result = new NotFoundResult();
            return;
        }
        await next();
    }
}
