using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Roster;

namespace Schoolplein.Platform.Identity;

/// <summary>
/// Who is asking: the signed-in person of this request (id, roles) and, on demand, the children
/// they are guardian of. Bound once per request from the authenticated principal
/// (<see cref="CurrentUserRegistration.UseCurrentUser"/>); services and pages ask it instead of
/// reading claims. Outside a request (jobs) nobody is signed in.
/// </summary>
public sealed class CurrentUser(SchoolpleinDb db)
{
    private IReadOnlyList<Guid>? _children;
    private bool _bound;

    public Guid Id { get; private set; }
    /// <summary>The server-side session (<see cref="UserSession"/>) of this browser's cookie.</summary>
    public Guid SessionId { get; private set; }
    public string Name { get; private set; } = "";
    /// <summary>The first name from the cookie; null for a cookie issued before it carried one.</summary>
    public string? FirstName { get; private set; }
    public bool IsSignedIn => Id != Guid.Empty;
    public bool IsParent { get; private set; }
    public bool IsTeacher { get; private set; }
    public bool IsAdmin { get; private set; }
    public bool IsStaff => IsTeacher || IsAdmin;

    /// <summary>The id of the signed-in person; throws when nobody is (a page without [Authorize] asking).</summary>
    public Guid RequiredId => IsSignedIn ? Id : throw new InvalidOperationException("Nobody is signed in.");

    public void Bind(ClaimsPrincipal principal)
    {
        var id = principal.UserId();
        if (_bound)
        {
            if (id != Id)
            {
                throw new InvalidOperationException("The current user is bound once per request.");
            }
            return;
        }
        _bound = true;
        Id = id;
        if (id == Guid.Empty)
        {
            return;
        }
        SessionId = principal.SessionId();
        Name = principal.FindFirstValue(SchoolClaims.DisplayName) ?? "";
        FirstName = principal.FindFirstValue(SchoolClaims.FirstName);
        IsParent = principal.IsInRole(Roles.Parent);
        IsTeacher = principal.IsInRole(Roles.Teacher);
        IsAdmin = principal.IsInRole(Roles.SchoolAdmin);
    }

    /// <summary>Whether this person has <paramref name="role"/> (one of <see cref="Roles"/>), for lists of roles such as menu entries.</summary>
    public bool HasRole(string role) => role switch
    {
        Roles.Parent => IsParent,
        Roles.Teacher => IsTeacher,
        Roles.SchoolAdmin => IsAdmin,
        _ => false,
    };

    /// <summary>The children (pupils not archived) this person is a guardian of; read once per request.</summary>
    public async Task<IReadOnlyList<Guid>> ChildrenAsync(CancellationToken ct = default)
    {
        if (_children is null)
        {
            _children = IsSignedIn ? await ChildLinks().Select(g => g.PupilId).ToListAsync(ct) : [];
        }
        return _children;
    }

    /// <summary>
    /// The one rule for "this person's children": their guardianships of pupils not archived. <see cref="ChildrenAsync"/>
    /// takes the ids; pages that show the children (the header's switcher) project the rows they need from it.
    /// </summary>
    public IQueryable<Guardianship> ChildLinks()
    {
        var id = Id;
        return db.Guardianships.AsNoTracking().Where(g => g.UserId == id && g.Pupil!.ArchivedAt == null);
    }
}

public static class CurrentUserRegistration
{
    public static IServiceCollection AddCurrentUser(this IServiceCollection services) => services.AddScoped<CurrentUser>();

    /// <summary>Binds <see cref="CurrentUser"/> from the authenticated principal; goes right after UseAuthentication.</summary>
    public static IApplicationBuilder UseCurrentUser(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.RequestServices.GetRequiredService<CurrentUser>().Bind(context.User);
        await next(context);
    });
}
