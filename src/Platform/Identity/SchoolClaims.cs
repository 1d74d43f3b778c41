using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Schoolplein.Platform.Tenancy;

namespace Schoolplein.Platform.Identity;

public static class SchoolClaims
{
    /// <summary>The school the ticket was issued for; a ticket presented on another school's host is rejected.</summary>
    public const string Tenant = "schoolplein:tenant";
    public const string DisplayName = "schoolplein:name";
    /// <summary>The first name, for "Hallo Anna" on the timeline without a query (a user's first name does not change while signed in).</summary>
    public const string FirstName = "schoolplein:first";
    public const string Language = "schoolplein:lang";
    /// <summary>The server-side session (<see cref="UserSession"/>) this cookie belongs to.</summary>
    public const string Session = "schoolplein:sid";

    public static Guid UserId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : Guid.Empty;
}

public sealed class SchoolClaimsPrincipalFactory(
    UserManager<AppUser> users, RoleManager<AppRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, AppRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(SchoolClaims.Tenant, user.TenantId.ToString()));
        identity.AddClaim(new Claim(SchoolClaims.DisplayName, user.DisplayName));
        identity.AddClaim(new Claim(SchoolClaims.FirstName, user.FirstName));
        identity.AddClaim(new Claim(SchoolClaims.Language, user.Language));
        return identity;
    }
}

/// <summary>
/// Binds the auth cookie to its school: a principal whose tenant claim differs from the
/// host's school is rejected before Identity's security-stamp validation runs.
/// </summary>
public static class TenantBoundCookie
{
    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        var tenant = context.HttpContext.RequestServices.GetRequiredService<TenantContext>();
        var claimed = context.Principal?.FindFirstValue(SchoolClaims.Tenant);
        if (tenant.Id is not { } current || claimed != current.ToString())
        {
            context.RejectPrincipal();
            return;
        }
        if (!await SessionCookie.ValidateAsync(context))
        {
            return;
        }
        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }
}
