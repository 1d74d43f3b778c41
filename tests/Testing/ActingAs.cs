using System.Security.Claims;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Tenancy;

namespace Schoolplein.Testing;

/// <summary>
/// Seeding through a service that asks who is acting (<see cref="CurrentUser"/>): the scope's
/// current user, bound as the app binds it from a signed-in request.
/// </summary>
public static class ActingAs
{
    public static CurrentUser ActAs(this TenantScope scope, Guid userId, params string[] roles)
    {
        Claim[] claims = [new(ClaimTypes.NameIdentifier, userId.ToString()), .. roles.Select(r => new Claim(ClaimTypes.Role, r))];
        var user = scope.Get<CurrentUser>();
        user.Bind(new ClaimsPrincipal(new ClaimsIdentity(claims, "test")));
        return user;
    }
}
