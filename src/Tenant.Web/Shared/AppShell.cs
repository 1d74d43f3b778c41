using Microsoft.Extensions.Localization;
using Schoolplein.Platform.Identity;

namespace Schoolplein.Tenant.Web.Shared;

/// <summary>
/// The app's shell around every page for a signed-in user: the bottom tabs on a phone, the side
/// navigation on a wide screen and the "Meer" page with the rest. It is built from what
/// <see cref="Navigation"/> decides (role and the school's modules), so a tab appears only when its
/// menu entry would: a school without questions gets no "Berichten" tab.
/// </summary>
public sealed class AppShell(CurrentUser viewer, Navigation navigation, IStringLocalizer<LayoutText> text)
{
    public const string MorePath = "/meer";
    public const string NotificationsPath = "/meldingen";
    public const string SettingsPath = "/Account/Settings";

    /// <summary>The paths that the school's manual for parents groups under "Administratie".</summary>
    private static readonly string[] Administration = ["/afwezigheid", "/verlof", "/toestemming"];

    public sealed record Tab(string Path, string Text, string Icon, bool Badge = false);

    public sealed record Group(string? Heading, IReadOnlyList<Navigation.Link> Links);

    public sealed record Shell(IReadOnlyList<Tab> Tabs, IReadOnlyList<Navigation.Link> Menu, IReadOnlyList<Group> More);

    public async Task<Shell> ForAsync()
    {
        var menu = await navigation.ForAsync();
        var staff = viewer.IsStaff;
        var tabs = new List<Tab> { new("/", text["Home"], "home") };
        Navigation.Link? Find(string path) => menu.FirstOrDefault(l => l.Path == path);
        if (staff)
        {
            // A teacher's day: post news, see who is away today, answer questions.
            tabs.Add(new Tab("/nieuws/nieuw", text["TabPost"], "post"));
            if (Find("/afwezigheid/vandaag") is { } today)
            {
                tabs.Add(new Tab(today.Path, text["TabAbsentToday"], "absent"));
            }
            if (Find("/vragen") is { } questions)
            {
                tabs.Add(new Tab(questions.Path, text["TabQuestions"], "chat"));
            }
        }
        else
        {
            if (Find("/agenda") is { } agenda)
            {
                tabs.Add(new Tab(agenda.Path, agenda.Text, "calendar"));
            }
            if (Find("/vragen") is { } questions)
            {
                tabs.Add(new Tab(questions.Path, text["TabMessages"], "chat"));
            }
            tabs.Add(new Tab(NotificationsPath, text["TabNotifications"], "bell", Badge: true));
        }
        tabs.Add(new Tab(MorePath, text["TabMore"], "more"));

        var rest = menu.Where(l => tabs.All(t => t.Path != l.Path)).ToList();
        // Staff have no manual's "Administratie" (their consent page is an overview, not a task).
        var administration = staff ? [] : rest.Where(l => Administration.Contains(l.Path)).OrderBy(l => Array.IndexOf(Administration, l.Path)).ToList();
        var others = rest.Except(administration).ToList();
        if (staff)
        {
            others.Add(new Navigation.Link(NotificationsPath, text["TabNotifications"]));
        }
        others.Add(new Navigation.Link(SettingsPath, text["Settings"]));
        var more = new List<Group>();
        if (administration.Count > 0)
        {
            more.Add(new Group(text["Administration"].Value, administration));
        }
        more.Add(new Group(administration.Count > 0 ? text["MoreOther"].Value : null, others));
        return new Shell(tabs, menu, more);
    }

    /// <summary>The tab of the current page: the longest tab path that the request path starts with; pages of "Meer" mark "Meer".</summary>
    public static string? Current(Shell shell, PathString path)
    {
        if (path == "/" || !path.HasValue)
        {
            return "/";
        }
        var tab = shell.Tabs.Where(t => t.Path != "/" && path.StartsWithSegments(t.Path)).OrderByDescending(t => t.Path.Length).FirstOrDefault();
        if (tab is not null)
        {
            return tab.Path;
        }
        return shell.More.SelectMany(g => g.Links).Any(l => path.StartsWithSegments(l.Path)) ? MorePath : null;
    }

    /// <summary>Current side-navigation entry: the longest menu path the request path starts with.</summary>
    public static string? CurrentLink(IEnumerable<string> paths, PathString path) =>
        path == "/" ? "/" : paths.Where(p => p != "/" && path.StartsWithSegments(p)).OrderByDescending(p => p.Length).FirstOrDefault();

    /// <summary>24×24 outline icons (inline SVG paths), drawn with currentColor so they follow the theme.</summary>
    public static string IconPath(string icon) => icon switch
    {
        "home" => "M3 11l9-7 9 7v9a1 1 0 0 1-1 1h-5v-6H9v6H4a1 1 0 0 1-1-1z",
        "calendar" => "M4 6h16v14H4zM4 10h16M8 3v5M16 3v5",
        "chat" => "M4 5h16v11H9l-5 4z",
        "bell" => "M6 16V11a6 6 0 0 1 12 0v5l2 2H4zM10 20a2 2 0 0 0 4 0",
        "more" => "M5 12h.01M12 12h.01M19 12h.01",
        "post" => "M12 5v14M5 12h14",
        "absent" => "M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21a8 8 0 0 1 16 0M16 3l5 5M21 3l-5 5",
        _ => "M5 12h14",
    };
}
