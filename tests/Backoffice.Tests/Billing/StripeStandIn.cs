using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;

namespace Schoolplein.Backoffice.Tests.Billing;

/// <summary>
/// A minimal, independent stand-in for the parts of the Stripe API the app calls (Stripe's
/// servers cannot be reached from here): customers, subscriptions and their items, portal
/// and Checkout sessions. Form-encoded requests in, Stripe-shaped JSON out; it keeps state.
/// </summary>
public sealed class StripeStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _counter;

    public ConcurrentDictionary<string, JsonObject> Subscriptions { get; } = new();
    public ConcurrentQueue<(string Method, string Path, string? Authorization, IReadOnlyDictionary<string, string> Form)> Requests { get; } = new();
    public Uri BaseUri { get; }

    private StripeStandIn(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
    }

    public static async Task<StripeStandIn> StartAsync()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var standIn = new StripeStandIn(app, new Uri($"http://127.0.0.1:{port}"));
        app.Use(async (context, next) =>
        {
            var form = context.Request.HasFormContentType
                ? (await context.Request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString())
                : new Dictionary<string, string>();
            context.Items["form"] = form;
            standIn.Requests.Enqueue((context.Request.Method, context.Request.Path.Value!, context.Request.Headers.Authorization.ToString(), form));
            await next();
        });
        static IReadOnlyDictionary<string, string> Form(HttpContext c) => (IReadOnlyDictionary<string, string>)c.Items["form"]!;
        app.MapPost("/v1/customers", (HttpContext c) => Results.Json(new JsonObject
        {
            ["id"] = $"cus_{standIn.Next()}",
            ["object"] = "customer",
            ["name"] = Form(c).GetValueOrDefault("name"),
        }));
        app.MapPost("/v1/subscriptions", (HttpContext c) =>
        {
            var form = Form(c);
            var id = $"sub_{standIn.Next()}";
            var subscription = new JsonObject
            {
                ["id"] = id,
                ["object"] = "subscription",
                ["customer"] = form["customer"],
                ["status"] = "active",
                ["items"] = new JsonObject
                {
                    ["object"] = "list",
                    ["data"] = new JsonArray(new JsonObject
                    {
                        ["id"] = $"si_{standIn.Next()}",
                        ["object"] = "subscription_item",
                        ["quantity"] = long.Parse(form["items[0][quantity]"], System.Globalization.CultureInfo.InvariantCulture),
                        ["price"] = new JsonObject { ["id"] = form["items[0][price]"], ["object"] = "price" },
                    }),
                },
            };
            standIn.Subscriptions[id] = subscription;
            return Results.Json(subscription);
        });
        app.MapGet("/v1/subscriptions/{id}", (string id) =>
            standIn.Subscriptions.TryGetValue(id, out var s) ? Results.Json(s) : Results.NotFound());
        app.MapPost("/v1/subscription_items/{id}", (string id, HttpContext c) =>
        {
            foreach (var subscription in standIn.Subscriptions.Values)
            {
                foreach (var item in subscription["items"]!["data"]!.AsArray())
                {
                    if ((string?)item!["id"] == id)
                    {
                        item["quantity"] = long.Parse(Form(c)["quantity"], System.Globalization.CultureInfo.InvariantCulture);
                        return Results.Json(item.DeepClone());
                    }
                }
            }
            return Results.NotFound();
        });
        app.MapPost("/v1/billing_portal/sessions", () => Results.Json(new JsonObject
        {
            ["id"] = $"bps_{standIn.Next()}",
            ["object"] = "billing_portal.session",
            ["url"] = "https://billing.stripe.test/p/session",
        }));
        app.MapPost("/v1/checkout/sessions", () => Results.Json(new JsonObject
        {
            ["id"] = $"cs_{standIn.Next()}",
            ["object"] = "checkout.session",
            ["url"] = "https://checkout.stripe.test/c/session",
        }));
        await app.StartAsync();
        return standIn;
    }

    private int Next() => Interlocked.Increment(ref _counter);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
