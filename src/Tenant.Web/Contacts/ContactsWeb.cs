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
        app.MapGet("/klaslijst/foto/{userId:guid}", async (Guid userId, ClassContacts contacts, HttpContext http, CancellationToken ct) =>
            {
                var photo = await contacts.PhotoAsync(userId, ct);
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
