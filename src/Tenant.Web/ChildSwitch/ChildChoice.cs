using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Schoolplein.Platform.Identity;

namespace Schoolplein.Tenant.Web.ChildSwitch;

/// <summary>
/// A parent's children and the one they chose in the header's switcher (issue 17: "kept across pages").
/// The list is read once per request and shared by the layout and the page (timeline, agenda, sick report,
/// leave). The choice lives in a host-only cookie holding only the pupil id; it counts only while it names
/// one of the viewer's current children, so a stale cookie (child archived or unlinked, an id of another
/// school or another parent on a shared device) reads as "all children", never as an error or a leak.
/// Staff never get the switcher, so for them the cookie is ignored.
/// </summary>
public sealed class ChildChoice(CurrentUser viewer)
{
    public const string CookieName = "sp_kind";

    /// <summary>
    /// Badge colours, one per child by its id. Each carries white text at WCAG AA (4.5:1 or more;
    /// ChildChoiceTests checks every one) and they differ in hue so two siblings rarely look alike.
    /// </summary>
    public static readonly string[] Palette = ["#0B5CAD", "#1B6B34", "#8E2A8E", "#A3261B", "#00695C", "#8A4B00", "#4A4FA8", "#445566"];

    private IReadOnlyList<Kid>? _children;
    private View? _view;

    /// <summary>One child: <paramref name="Group"/> and <paramref name="GroupId"/> are null for a child without a group this year.</summary>
    public sealed record Kid(Guid Id, string FirstName, string FullName, string? Group, string Initials, string Color, Guid? GroupId);

    /// <summary>The viewer's children (first name order) and the chosen one, or null for "all children".</summary>
    public sealed record View(IReadOnlyList<Kid> Children, Kid? Chosen);

    /// <summary>The children (not archived) the signed-in person is guardian of, in first-name order; read once per request.</summary>
    public async Task<IReadOnlyList<Kid>> ChildrenAsync(CancellationToken ct = default)
    {
        if (_children is null)
        {
            var rows = !viewer.IsSignedIn ? [] : await viewer.ChildLinks()
                .OrderBy(g => g.Pupil!.FirstName).ThenBy(g => g.PupilId)
                .Select(g => new { g.PupilId, g.Pupil!.FirstName, g.Pupil.LastName, g.Pupil.FullName, Group = g.Pupil.Group!.Name, g.Pupil.GroupId })
                .ToListAsync(ct);
            _children = rows.Select(r => new Kid(r.PupilId, r.FirstName, r.FullName, r.Group, Initials(r.FirstName, r.LastName), ColorOf(r.PupilId), r.GroupId)).ToList();
        }
        return _children;
    }

    /// <summary>The children and the choice from <paramref name="request"/>'s cookie (null when absent, stale or the viewer is staff).</summary>
    public async Task<View> ForAsync(HttpRequest request, CancellationToken ct = default)
    {
        if (_view is null)
        {
            var children = await ChildrenAsync(ct);
            Kid? chosen = null;
            if (!viewer.IsStaff && request.Cookies.TryGetValue(CookieName, out var value) && Guid.TryParseExact(value, "N", out var pupil))
            {
                chosen = children.FirstOrDefault(c => c.Id == pupil);
            }
            _view = new View(children, chosen);
        }
        return _view;
    }

    /// <summary>
    /// The photo albums (Groups/Photos) of the groups of <paramref name="child"/>, or of all the children when null:
    /// one per group, so siblings in one group give one album. GroupAlbum lets exactly these parents in.
    /// </summary>
    public static IReadOnlyList<Album> Albums(IEnumerable<Kid> children, Guid? child = null) =>
        [.. children.Where(k => k.GroupId is not null && (child is null || k.Id == child)).DistinctBy(k => k.GroupId)
            .Select(k => new Album($"/groepen/{k.GroupId}/fotos", k.Group!))];

    /// <summary>A group's album: its path and the group's name.</summary>
    public sealed record Album(string Path, string Group);

    /// <summary>The chosen child's id, or null for all children.</summary>
    public async Task<Guid?> ChosenIdAsync(HttpRequest request, CancellationToken ct = default) => (await ForAsync(request, ct)).Chosen?.Id;

    /// <summary>Remembers <paramref name="pupilId"/> (already checked to be the viewer's) for this school's host only.</summary>
    public static void Remember(HttpResponse response, Guid pupilId) =>
        response.Cookies.Append(CookieName, pupilId.ToString("N"), Options(response.HttpContext.Request));

    /// <summary>Back to "all children".</summary>
    public static void Forget(HttpResponse response) => response.Cookies.Delete(CookieName, Options(response.HttpContext.Request));

    // No Domain: host-only, so a choice on one school's host is never sent to another school's.
    // A year, so the choice outlives the session; it holds nothing but an id that is checked on every read.
    private static CookieOptions Options(HttpRequest request) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Lax,
        Secure = request.IsHttps,
        Path = "/",
        IsEssential = true,
        MaxAge = TimeSpan.FromDays(365),
    };

    /// <summary>First letter of the first and of the last name ("Lotte", "Beide" → "LB"); the prefix ("de", "van") is left out as Dutch initials do.</summary>
    public static string Initials(string firstName, string lastName)
    {
        static string First(string s)
        {
            s = s.Trim();
            return s.Length == 0 ? "" : StringInfo.GetNextTextElement(s).ToUpperInvariant();
        }
        var initials = First(firstName) + First(lastName);
        return initials.Length == 0 ? "?" : initials;
    }

    /// <summary>A colour from <see cref="Palette"/> that stays the same for the child on every page and device.</summary>
    public static string ColorOf(Guid pupilId)
    {
        // The last byte of a UUID v7 is random, so children spread over the palette; no hashing that could change between runs.
        Span<byte> bytes = stackalloc byte[16];
        pupilId.TryWriteBytes(bytes);
        return Palette[bytes[15] % Palette.Length];
    }
}
