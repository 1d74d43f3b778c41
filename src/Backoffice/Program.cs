using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Schoolplein.Backoffice.Account;
using Schoolplein.Backoffice.Audit;
using Schoolplein.Backoffice.Billing;
using Schoolplein.Backoffice.Forms;
using Schoolplein.Backoffice.Operations;
using Schoolplein.Backoffice.Persistence;
using Schoolplein.Backoffice.Schools;
using Schoolplein.Platform;
using Schoolplein.Platform.Consent;
using Schoolplein.Platform.Forms;
using Schoolplein.Platform.Health;
using Schoolplein.Platform.Seeding;
using Schoolplein.Platform.Calendar;
using Schoolplein.Platform.Timeline;
using Schoolplein.Platform.Conferences;
using Schoolplein.Platform.Logging;
using Schoolplein.Platform.Observability;

var builder = WebApplication.CreateBuilder(args);

if (args is ["migrate", ..])
{
    return await Commands.MigrateAsync(builder.Configuration);
}

builder.AddPlatform("backoffice");
builder.Services.AddScoped<DemoSeeder>();
// Demo data steps of the features (their services come along; the backoffice runs `seed`).
builder.Services.AddCalendar();
builder.Services.AddTimeline();
builder.Services.AddAdministrationDemoSeed();
builder.Services.AddConferences();
// Consent: its demo seed step, and the service the MijnSchool import records old answers through.
builder.Services.AddConsent();
builder.Services.AddDbContext<BackofficeDb>(o => BackofficeDb.Configure(
    (DbContextOptionsBuilder<BackofficeDb>)o, builder.Configuration.GetConnectionString("Schoolplein")!));
builder.Services.AddIdentity<BackofficeUser, IdentityRole<Guid>>(o =>
    {
        o.Password.RequiredLength = 12;
        o.Lockout.MaxFailedAccessAttempts = 5;
        o.User.RequireUniqueEmail = true;
        o.Tokens.AuthenticatorTokenProvider = TotpTokenProvider.Name;
    })
    .AddEntityFrameworkStores<BackofficeDb>()
    .AddSignInManager<BackofficeSignInManager>()
    .AddDefaultTokenProviders()
    .AddTokenProvider<TotpTokenProvider>(TotpTokenProvider.Name);
builder.Services.ConfigureApplicationCookie(o =>
{
    o.Cookie.Name = Schoolplein.Platform.Identity.HostCookie.Name(builder.Configuration["Backoffice:CookieName"] ?? "schoolplein.backoffice", builder.Environment, builder.Configuration);
    o.Cookie.HttpOnly = true;
    o.Cookie.SameSite = SameSiteMode.Strict;
    o.Cookie.SecurePolicy = Schoolplein.Platform.Identity.HostCookie.SecurePolicy(builder.Environment, builder.Configuration);
    o.ExpireTimeSpan = TimeSpan.FromHours(8);
    o.SlidingExpiration = true;
    o.LoginPath = "/Account/SignIn";
    o.LogoutPath = "/Account/SignOut";
    o.AccessDeniedPath = "/Account/AccessDenied";
    o.Events.OnSigningIn = BackofficeSessionCookie.OnSigningInAsync;
    o.Events.OnSigningOut = BackofficeSessionCookie.OnSigningOutAsync;
    o.Events.OnValidatePrincipal = BackofficeSessionCookie.ValidatePrincipalAsync;
});
builder.Services.Configure<SecurityStampValidatorOptions>(o => o.OnRefreshingPrincipal = BackofficeSessionCookie.KeepSessionClaim);
builder.Services.AddHttpContextAccessor();
builder.Services.AddScoped<AuditLog>();
builder.Services.AddScoped<SchoolOnboarding>();
builder.Services.AddScoped<SchoolDetailsReader>();
builder.Services.AddScoped<SchoolBillingSetup>();
builder.Services.AddScoped<SchoolMessages>();
builder.Services.AddScoped<BillingEvents>();
builder.Services.AddOptions<BillingSweepOptions>().BindConfiguration(BillingSweepOptions.SectionName);
builder.Services.AddSingleton<BillingGraceSweeper>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<BillingGraceSweeper>());
builder.Services.AddHangfireDashboardServices();
builder.Services.AddFormSubmissions<BackofficeFormSubmissionStore>();
builder.Services.AddDataProtection().SetApplicationName("Schoolplein.Backoffice").PersistKeysToDbContext<BackofficeDb>();
builder.Services.AddRazorPages(o =>
{
    o.RootDirectory = "/";
    o.Conventions.AuthorizeFolder("/");
    o.Conventions.AllowAnonymousToPage("/Account/SignIn");
}).AddMvcOptions(o => o.Filters.Add(new Schoolplein.Platform.Pages.UnknownHandlerFilter()));

// The web host adds host filtering for every request through a startup filter; the pipeline below
// applies it itself, except on the management port (probes and scrapes address the pod by IP).
foreach (var filter in builder.Services.Where(d => d.ServiceType == typeof(IStartupFilter) && d.ImplementationType?.Name == "HostFilteringStartupFilter").ToList())
{
    builder.Services.Remove(filter);
}

var app = builder.Build();

if (args is ["seed", ..])
{
    return await Commands.SeedAsync(app.Services);
}

app.UseManagementPort();
app.UseWhen(http => !http.IsOnManagementPort(), branch => branch.UseHostFiltering());
app.UseStaticFiles();
app.UseRequestLocalization(o => o.SetDefaultCulture("nl").AddSupportedCultures("nl", "en").AddSupportedUICultures("nl", "en"));
app.UseSchoolpleinRequestLogging();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.UseAdminHangfireDashboard();
app.MapPlatformHealth();
app.MapStripeWebhook();
app.MapMetrics();
app.MapRazorPages();

await app.RunAsync();
return 0;
