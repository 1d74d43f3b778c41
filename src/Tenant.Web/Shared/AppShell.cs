using Microsoft.Extensions.Localization;
using Schoolplein.Platform.Identity;
using Schoolplein.Tenant.Web.ChildSwitch;

namespace Schoolplein.Tenant.Web.Shared;

/// <summary>
/// The app's shell around every page for a signed-in user: the bottom tabs on a phone, the side
/// navigation on a wide screen and the "Meer" page with the rest. It is built from what
/// <see cref="Navigation"/> decides (role and the school's modules), so a tab appears only when its
/// menu entry would: a school without questions gets no "Berichten" tab.
/// </summary>
public sealed class AppShell(CurrentUser viewer, Navigation navigation, ChildChoice children, IStringLocalizer<LayoutText> text)
{
    public const string MorePath = "/meer";
    public const string NotificationsPath = "/meldingen";
    public const string SettingsPath = "/Account/Settings";

    /// <summary>The paths that the school's manual for parents groups under "Administratie".</summary>
    private static readonly string[] Administration = ["/afwezigheid", "/verlof", "/toestemming"];

    /// <summary>A tab; <paramref name="Icon"/> is the id of its symbol in wwwroot/icons.svg.</summary>
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
        if (!staff)
        {
            // Two tasks of the manual sit one page below their entry; on "Meer" they get a direct link, so every
            // task is within two taps of Start (AppShellTests follows the links as a parent would).
            administration = [.. administration.Select(l => l.Path == "/verlof" ? l with { Shortcut = new("/verlof/aanvragen", text["LeaveShortcut"]) } : l)];
            others = [.. others.Select(l => l.Path == SettingsPath ? l with { Shortcut = new("/Account/Settings/Profile", text["ProfileShortcut"]) } : l)];
        }
        var more = new List<Group>();
        if (administration.Count > 0)
        {
            more.Add(new Group(text["Administration"].Value, administration));
        }
        more.Add(new Group(administration.Count > 0 ? text["MoreOther"].Value : null, others));
        if (!staff)
        {
            // The photo albums of the children's groups, where a parent looks for "the photos of the class". The
            // children are read once per request (the header's switcher reads the same list).
            var albums = ChildChoice.Albums(await children.ChildrenAsync());
            if (albums.Count > 0)
            {
                more.Add(new Group(text["Photos"].Value, [.. albums.Select(a => new Navigation.Link(a.Path, text["GroupPhotos", a.Group]))]));
            }
        }
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

    /// <summary>
    /// "/icons.svg?v=" plus the first 8 characters of the file's hash: the tab bar names the sprite five
    /// times per page, and 48 bits of the hash tell one version of the file from the next well enough.
    /// </summary>
    public static string ShortVersion(string versionedPath)
    {
        var at = versionedPath.IndexOf("?v=", StringComparison.Ordinal);
        return at < 0 || versionedPath.Length <= at + 11 ? versionedPath : versionedPath[..(at + 11)];
    }
}
