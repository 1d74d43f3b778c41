using Microsoft.AspNetCore.HttpOverrides;
using Schoolplein.Platform;
using Schoolplein.Platform.Absence;
using Schoolplein.Platform.Leave;
using Schoolplein.Platform.Questions;
using Schoolplein.Platform.Health;
using Schoolplein.Platform.Accounts;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Tenancy;
using Schoolplein.Platform.Consent;
using Schoolplein.Platform.Forms;
using Schoolplein.Tenant.Web.Absence;
using Schoolplein.Tenant.Web.Account;
using Schoolplein.Tenant.Web.Roster;
using Schoolplein.Tenant.Web.Branding;
using Schoolplein.Tenant.Web.Leave;
using Schoolplein.Tenant.Web.Questions;
using Schoolplein.Tenant.Web.SchoolCalendar;
using Schoolplein.Tenant.Web.Calendar;
using Schoolplein.Tenant.Web.ChildSwitch;
using Schoolplein.Tenant.Web.Conferences;
using Schoolplein.Tenant.Web.Consent;
using Schoolplein.Tenant.Web.Contacts;
using Schoolplein.Tenant.Web.Modules;
using Schoolplein.Tenant.Web.Localization;
using Schoolplein.Tenant.Web.Notifications;
using Schoolplein.Tenant.Web.Push;
using Schoolplein.Tenant.Web.Security;
using Schoolplein.Tenant.Web.Shared;
using Schoolplein.Tenant.Web.Tenancy;
using Schoolplein.Tenant.Web.Timeline;
using Schoolplein.Platform.Logging;
using Schoolplein.Platform.Observability;
using Schoolplein.Tenant.Web.Worker;

var builder = WebApplication.CreateBuilder(args);
builder.AddWorkerMode(args);

// Shell and infrastructure.
builder.AddPlatform("tenant-web");
builder.AddSchoolIdentity();
builder.Services.AddTenancyWeb();
builder.Services.AddSchoolLocalization();
builder.Services.AddSchoolDataProtection("Schoolplein.Tenant");
builder.Services.AddFormSubmissions<SchoolFormSubmissionStore>();
builder.Services.AddScoped<Navigation>();
builder.Services.AddScoped<AppShell>();
builder.Services.AddScoped<NotificationBell>();
builder.Services.AddScoped<Schoolplein.Tenant.Web.Shared.PageChrome>();
builder.Services.AddScoped<ChildChoice>();

// Features, one line each.
builder.Services.AddAccounts();
builder.Services.AddLinkCodeRateLimiting();
builder.Services.AddSignInThrottle();
builder.Services.AddRosterWeb();
builder.Services.AddConsentWeb();
builder.Services.AddContactsWeb();
builder.Services.AddAbsenceWeb();
builder.Services.AddLeave().AddLeaveWeb();
builder.Services.AddQuestionsWeb();
builder.Services.AddSchoolCalendarWeb();
builder.Services.AddCalendarWeb();
builder.Services.AddTimelineWeb();
builder.Services.AddConferencesWeb();

builder.Services.AddRazorPages(o =>
{
    o.RootDirectory = "/";
    o.Conventions.AuthorizeFolder("/");
    o.Conventions.AddFolderApplicationModelConvention("/BareDomain", m => m.EndpointMetadata.Add(HostRequirement.Platform));
}).AddMvcOptions(o => o.Filters.Add(new Schoolplein.Platform.Pages.UnknownHandlerFilter()));
builder.Services.AddOpenApi();
builder.Services.AddTrustedProxies(builder.Configuration);

var app = builder.Build();

if (WorkerMode.IsWorker(args))
{
    app.RunWorker();
    return;
}

app.UseForwardedHeaders();
app.UseManagementPort();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error/500");
}
app.UseSecurityHeaders();
// CSS and scripts minified as they are served (the files stay readable); before anything reads the web root.
app.Environment.WebRootFileProvider = new MinifiedWebRoot(app.Environment.WebRootFileProvider, app.Services.GetRequiredService<ILogger<MinifiedWebRoot>>());
app.UseStaticFiles();
app.UseTenantResolution();
app.UseRequestLocalization();
app.UseSchoolpleinRequestLogging();
app.UseStatusCodePagesWithReExecute("/Error/{0}");
app.UseRouting();
app.UseTenantGate();
app.UseRequestConnection();
app.UseAuthentication();
app.UseCurrentUser();
app.UseRateLimiter();
app.UseAuthorization();

app.MapPlatformHealth();
app.MapMetrics().WithMetadata(HostRequirement.Any);
app.MapOpenApi("/api/v1/openapi.json").WithMetadata(HostRequirement.Any).AllowAnonymous();
app.MapBranding();
app.MapModules();
app.MapLeave();
app.MapQuestions();
app.MapCalendar();
app.MapTimeline();
app.MapRoster();
app.MapProfilePhotos();
app.MapContacts();
app.MapPush();
app.MapInstallableApp();
app.MapRazorPages();

app.Run();
