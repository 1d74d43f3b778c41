using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Schoolplein.Platform.Pages;

/// <summary>
/// A request for a page handler that does not exist (<c>?handler=nonsense</c>, or a POST to a page
/// without a POST handler) answers 404. Without this, Razor Pages renders the page without running
/// any handler, and a page whose model is filled by its handler fails with a server error.
/// (Razor Pages runs no handler-execution filters when no handler was selected, so the page
/// result is replaced in the result stage.) Both apps add it to their Razor Pages: in the
/// backoffice a POST without a handler to a school or an import page was a server error too.
/// </summary>
public sealed class UnknownHandlerFilter : IAsyncPageFilter, IAsyncAlwaysRunResultFilter
{
    private static readonly object NoHandler = new();

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context)
    {
        if (context.HandlerMethod is null && context.ActionDescriptor.HandlerMethods.Count > 0)
        {
            var request = context.HttpContext.Request;
            var named = context.RouteData.Values.ContainsKey("handler") || request.Query.ContainsKey("handler");
            if (named || !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)))
            {
                context.HttpContext.Items[NoHandler] = true;
            }
        }
        return Task.CompletedTask;
    }

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next) => next();

    public Task OnResultExecutionAsync(ResultExecutingContext context, ResultExecutionDelegate next)
    {
        if (context.HttpContext.Items.ContainsKey(NoHandler))
        {
            context.Result = new NotFoundResult();
        }
        return next();
    }
}
