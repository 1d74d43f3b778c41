using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.FeatureManagement;

namespace Schoolplein.Tenant.Web.Calendar;

/// <summary>
/// A page of a school module: answers 404 when the school has the module switched off.
/// (Until the shared module filter is on main; then this base class can go.)
/// </summary>
public abstract class ModulePageModel(string module) : PageModel
{
    [NonHandler]
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var features = context.HttpContext.RequestServices.GetRequiredService<IFeatureManager>();
        if (!await features.IsEnabledAsync(module))
        {
            context.Result = NotFound();
            return;
        }
        await next();
    }
}
