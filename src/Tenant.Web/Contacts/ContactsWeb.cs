using Schoolplein.Platform.Contacts;
using Schoolplein.Platform.Identity;
using Schoolplein.Tenant.Web.Shared;

namespace Schoolplein.Tenant.Web.Contacts;

/// <summary>Resource anchor for the class contact list.</summary>
public sealed class ContactsText;

public static class ContactsWeb
{
    public static IServiceCollection AddContactsWeb(this IServiceCollection services)
    {
        services.AddClassContacts();
        services.AddNavItem(new NavItem("/klaslijst", typeof(ContactsText), "Menu", 45, [Roles.Parent, Roles.Teacher, Roles.SchoolAdmin]));
        return services;
    }

    /// <summary>Profile photos of guardians, for viewers who see them in a contact list (404 otherwise).</summary>
    public static IEndpointRouteBuilder MapContacts(this IEndpointRouteBuilder app)
    {
        // By the photo's opaque id, not the guardian's user id: other parents must not learn user ids.
        app.MapGet("/klaslijst/foto/{photoId:guid}", async (Guid photoId, ClassContacts contacts, HttpContext http, CancellationToken ct) =>
            {
                var photo = await contacts.PhotoAsync(photoId, ct);
                if (photo is null)
                {
                    return Results.NotFound();
                }
                http.Response.Headers.CacheControl = "private, max-age=3600";
                return Results.File(photo.Content, photo.ContentType);
            })
            .RequireAuthorization();
        return app;
    }
}
