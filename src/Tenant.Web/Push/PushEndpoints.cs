using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Schoolplein.Platform;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Push;

namespace Schoolplein.Tenant.Web.Push;

/// <summary>Resource anchor for push and app texts.</summary>
public sealed class PushText;

public sealed record PushKeys(string? P256dh, string? Auth);

/// <summary>The JSON of the browser's PushSubscription.toJSON().</summary>
public sealed record PushSubscriptionInput(string? Endpoint, PushKeys? Keys);

public sealed record PushEndpointInput(string? Endpoint);

public sealed record PushError(string Error);

public static class PushEndpoints
{
    /// <summary>
    /// Device subscriptions for web push, called from the settings page's script. Signed-in users
    /// only, each acting on their own devices; the antiforgery token travels in a header.
    /// </summary>
    public static IEndpointRouteBuilder MapPush(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/push").RequireAuthorization();
        group.MapGet("/key", (IOptions<PushOptions> options) => TypedResults.Ok(new { publicKey = options.Value.VapidPublicKey }));
        group.MapPost("/subscriptions", async Task<IResult> (PushSubscriptionInput input, HttpContext http, IAntiforgery antiforgery,
            CurrentUser viewer, PushSubscriptions subscriptions, IStringLocalizer<PushText> text, CancellationToken ct) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return TypedResults.BadRequest(new PushError(text["RequestInvalid"]));
            }
            var subscribed = await subscriptions.SubscribeAsync(viewer.Id, input.Endpoint, input.Keys?.P256dh, input.Keys?.Auth, ct);
            return subscribed.Succeeded ? TypedResults.NoContent() : TypedResults.BadRequest(new PushError(text.Text(subscribed.Problems[0])));
        });
        group.MapPost("/subscriptions/delete", async Task<IResult> (PushEndpointInput input, HttpContext http, IAntiforgery antiforgery,
            CurrentUser viewer, PushSubscriptions subscriptions, IStringLocalizer<PushText> text, CancellationToken ct) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return TypedResults.BadRequest(new PushError(text["RequestInvalid"]));
            }
            await subscriptions.UnsubscribeAsync(viewer.Id, input.Endpoint, ct);
            return TypedResults.NoContent();
        });
        return app;
    }
}
