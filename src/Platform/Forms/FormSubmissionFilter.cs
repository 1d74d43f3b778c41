using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Schoolplein.Platform.Forms;

/// <summary>
/// One rendered form, at most one effect. A POST to a page handler that carries a form key
/// (<see cref="FormKeyTagHelper"/>) claims the key in the database before the handler runs:
/// <list type="bullet">
/// <item>first time: the handler runs. Ending in a redirect (this app's Post/Redirect/Get) or in
/// the page shown in place without errors records where it led; a page with validation errors,
/// another answer or an exception releases the key, so the same form may be sent again;</item>
/// <item>already completed (a double tap, or back-button-and-resubmit): the handler does not run;
/// the answer is the recorded redirect with the notice "this form was already sent";</item>
/// <item>claimed and still running (two taps at the same moment): the second waits a few seconds
/// for the first and then answers as above, or 409 when the first does not finish.</item>
/// </list>
/// Requests without a key (API clients, tests posting by hand) and pages marked
/// <see cref="AllowResubmitAttribute"/> pass as before. Disabled buttons in the browser save a
/// round trip; this is the guard.
/// </summary>
public sealed partial class FormSubmissionFilter(
    IFormSubmissionStore store, TimeProvider time, IOptions<FormSubmissionOptions> options,
    ITempDataDictionaryFactory tempData, ILogger<FormSubmissionFilter> logger) : IAsyncPageFilter, IAsyncAlwaysRunResultFilter
{
    /// <summary>TempData entry the layouts show as "this form was already sent".</summary>
    public const string AlreadySentNotice = "FormAlreadySent";

    // Marks a request whose key was looked at (an error page re-executed in the same request must
    // not claim it again), and the key this request claimed and has to complete or release.
    private static readonly object Seen = new();
    private static readonly object Claimed = new();

    private enum Outcome { Claimed, Completed, Busy }

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        var key = await KeyOfAsync(context);
        if (key is null)
        {
            await next();
            return;
        }
        http.Items[Seen] = true;
        var (outcome, redirectTo) = await ClaimAsync(key, http.RequestAborted);
        switch (outcome)
        {
            case Outcome.Completed:
                tempData.GetTempData(http)[AlreadySentNotice] = true;
                LogRepeat(logger, context.ActionDescriptor.ViewEnginePath);
                context.Result = new RedirectResult(redirectTo!);
                return;
            case Outcome.Busy:
                LogBusy(logger, context.ActionDescriptor.ViewEnginePath);
                context.Result = new FormBusyResult();
                return;
        }
        http.Items[Claimed] = key;
        var executed = await next();
        if (executed.Exception is not null && !executed.ExceptionHandled)
        {
            await FinishAsync(http, key, null);
        }
    }

    public async Task OnResultExecutionAsync(ResultExecutingContext context, ResultExecutionDelegate next)
    {
        var http = context.HttpContext;
        if (http.Items[Claimed] is not string key)
        {
            await next();
            return;
        }
        ResultExecutedContext executed;
        try
        {
            executed = await next();
        }
        catch
        {
            await FinishAsync(http, key, null);
            throw;
        }
        var failed = executed.Exception is not null && !executed.ExceptionHandled;
        await FinishAsync(http, key, failed ? null : LedTo(context));
    }

    private async Task<string?> KeyOfAsync(PageHandlerExecutingContext context)
    {
        var http = context.HttpContext;
        if (!HttpMethods.IsPost(http.Request.Method) || !http.Request.HasFormContentType || http.Items.ContainsKey(Seen)
            || context.ActionDescriptor.EndpointMetadata.OfType<AllowResubmitAttribute>().Any() || !store.IsAvailable
            // An error page shown for a refused or failed POST runs in the same request: not a form of its own.
            || http.Features.Get<IStatusCodeReExecuteFeature>() is not null || http.Features.Get<IExceptionHandlerFeature>() is not null)
        {
            return null;
        }
        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(http.RequestAborted);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            // A form the server cannot read (a NUL character, over the limits): not ours to answer;
            // model binding refuses it with 400 as it always did.
            return null;
        }
        var key = form[FormKeys.FieldName].ToString();
        return FormKeys.IsWellFormed(key) ? key : null;
    }

    private async Task<(Outcome, string?)> ClaimAsync(string key, CancellationToken ct)
    {
        var o = options.Value;
        // Waiting is measured on the machine's stopwatch: it is about how long the first request
        // takes, not about the school's clock (which tests may freeze).
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var now = time.GetUtcNow();
            if (await store.TryClaimAsync(key, now, now.AddHours(-o.KeepHours), ct))
            {
                return (Outcome.Claimed, null);
            }
            var state = await store.FindAsync(key, ct);
            if (state?.RedirectTo is { } redirectTo)
            {
                return (Outcome.Completed, redirectTo);
            }
            if (Stopwatch.GetElapsedTime(started).TotalMilliseconds >= o.WaitMilliseconds)
            {
                return (Outcome.Busy, null);
            }
            if (state is not null)
            {
                await Task.Delay(o.PollMilliseconds, ct);
            }
            // No row: the first request released its claim (its form had errors); claim it ourselves.
        }
    }

    /// <summary>
    /// Where the handler sent the browser: the redirect target, or for a page shown in place
    /// without validation errors (nor an <see cref="IShowsError"/> message) the page itself (a repeat lands on a fresh copy of it, without
    /// the handler name: a GET with it is no page). Null means "no effect to remember".
    /// </summary>
    private static string? LedTo(ResultExecutingContext context)
    {
        var response = context.HttpContext.Response;
        if (response.StatusCode is >= 300 and < 400)
        {
            var location = response.Headers.Location.ToString();
            return location.Length is > 0 and <= FormKeys.MaxRedirectLength ? location : null;
        }
        if (context.Result is PageResult && response.StatusCode is >= 200 and < 300 && context.ModelState.IsValid
            && context.Controller is not IShowsError { Error: not null })
        {
            var request = context.HttpContext.Request;
            var query = QueryHelpers.ParseQuery(request.QueryString.Value)
                .Where(p => !string.Equals(p.Key, "handler", StringComparison.OrdinalIgnoreCase))
                .SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v)));
            var self = $"{request.PathBase}{request.Path}{QueryString.Create(query)}";
            return self.Length <= FormKeys.MaxRedirectLength ? self : null;
        }
        return null;
    }

    private async Task FinishAsync(HttpContext http, string key, string? ledTo)
    {
        http.Items.Remove(Claimed);
        try
        {
            // Not the request's token: an aborted request must still leave the key in a final state.
            if (ledTo is null)
            {
                await store.ReleaseAsync(key, CancellationToken.None);
            }
            else
            {
                await store.CompleteAsync(key, ledTo, time.GetUtcNow(), CancellationToken.None);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The answer has gone out already; a claim left open only makes a repeat wait and get 409.
            LogFinishFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A form of {Page} was sent again; answered with where the first submit led")]
    private static partial void LogRepeat(ILogger logger, string page);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A form of {Page} was sent again while the first submit was still running; answered 409")]
    private static partial void LogBusy(ILogger logger, string page);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the outcome of a sent form")]
    private static partial void LogFinishFailed(ILogger logger, Exception exception);
}

/// <summary>
/// 409 for a form whose first submit is still running. Where the app renders error pages for
/// status codes (the school app, in the school's layout) that page shows it; elsewhere (the
/// backoffice) a small page of its own.
/// </summary>
internal sealed class FormBusyResult : IActionResult
{
    public async Task ExecuteResultAsync(ActionContext context)
    {
        var http = context.HttpContext;
        http.Response.StatusCode = StatusCodes.Status409Conflict;
        if (http.Features.Get<IStatusCodePagesFeature>() is { Enabled: true })
        {
            return;
        }
        var text = http.RequestServices.GetRequiredService<IStringLocalizer<FormsText>>();
        var title = System.Net.WebUtility.HtmlEncode(text["BusyTitle"].Value);
        var body = System.Net.WebUtility.HtmlEncode(text["BusyBody"].Value);
        var lang = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "nl";
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync(
            $"<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
            $"<title>{title}</title></head><body><main><h1>{title}</h1><p>{body}</p></main></body></html>", http.RequestAborted);
    }
}

/// <summary>Texts of the double-submit guard (resources next to it).</summary>
public sealed class FormsText;
