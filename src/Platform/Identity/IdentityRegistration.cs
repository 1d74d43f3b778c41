using Microsoft.Extensions.Configuration;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Schoolplein.Platform.Persistence;

namespace Schoolplein.Platform.Identity;

public sealed class SchoolIdentityOptions
{
    public const string SectionName = "Identity";

    /// <summary>Host-only cookie name. Production over HTTPS uses the <c>__Host-</c> prefix.</summary>
    public string CookieName { get; set; } = "schoolplein.auth";
    public int CookieDays { get; set; } = 30;
    public int SecurityStampMinutes { get; set; } = 30;
    /// <summary>How long one instance trusts a session it found active before looking again (revoking in the same instance forgets at once).</summary>
    public int SessionCheckSeconds { get; set; } = 5;
}

public static class IdentityRegistration
{
    public const int MinimumPasswordLength = 10;

    public static IHostApplicationBuilder AddSchoolIdentity(this IHostApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(SchoolIdentityOptions.SectionName).Get<SchoolIdentityOptions>() ?? new();
        var services = builder.Services;
        services.AddIdentity<AppUser, AppRole>(o =>
            {
                o.Password.RequiredLength = MinimumPasswordLength;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;
                o.User.AllowedUserNameCharacters += "'";
                // Checked by the sign-in page after the password (see SchoolSignInManager).
                o.SignIn.RequireConfirmedEmail = false;
            })
            .AddEntityFrameworkStores<SchoolpleinDb>()
            .AddSignInManager<SchoolSignInManager>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddClaimsPrincipalFactory<SchoolClaimsPrincipalFactory>();

        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.FromMinutes(settings.SecurityStampMinutes);
            o.OnRefreshingPrincipal = SessionCookie.KeepSessionClaim;
        });
        services.Configure<SchoolIdentityOptions>(builder.Configuration.GetSection(SchoolIdentityOptions.SectionName));
        services.AddUserSessions();
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = HostCookie.Name(settings.CookieName, builder.Environment, builder.Configuration);
            o.Cookie.Domain = null;
            o.Cookie.Path = "/";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = HostCookie.SecurePolicy(builder.Environment, builder.Configuration);
            o.ExpireTimeSpan = TimeSpan.FromDays(settings.CookieDays);
            o.SlidingExpiration = true;
            o.LoginPath = "/Account/SignIn";
            o.LogoutPath = "/Account/SignOut";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.Events.OnValidatePrincipal = TenantBoundCookie.ValidatePrincipalAsync;
            o.Events.OnSigningIn = SessionCookie.OnSigningInAsync;
            o.Events.OnSigningOut = SessionCookie.OnSigningOutAsync;
        });
        services.AddCurrentUser();
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<TimeProvider>((o, time) => o.CookieManager = new MaxAgeCookieManager(time));
        return builder;
    }
}
