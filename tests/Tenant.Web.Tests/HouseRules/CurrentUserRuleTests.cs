using System.Text.RegularExpressions;
using Xunit;

namespace Schoolplein.Tenant.Web.Tests.HouseRules;

/// <summary>
/// Issue 18's house rule "who is asking": pages, endpoints and services of the school site ask the
/// scoped <c>CurrentUser</c> (bound once per request), never the claims principal through
/// <c>User.UserId()</c>, <c>User.SessionId()</c> or <c>IsInRole</c>. Read from the sources, so a
/// second way cannot come back in a new file without someone adding it to the allow-list below
/// with a reason.
/// </summary>
public sealed partial class CurrentUserRuleTests
{
    /// <summary>Files (relative to src/Tenant.Web) that may read the principal, and why.</summary>
    private static readonly Dictionary<string, string> Allowed = new(StringComparer.Ordinal)
    {
        // The rate limiter's partition function is configured once for the app, with no request
        // scope to inject CurrentUser into, and its key also needs the ticket's school claim.
        ["Account/LinkCodeRateLimiting.cs"] = "rate-limiter partition key",
    };

    [Fact]
    public void TheSchoolSiteAsksCurrentUserWhoIsAsking()
    {
        var files = SourceScan.Files("Tenant.Web");
        Assert.True(files.Count > 100, $"Expected the school site's sources, found {files.Count} files.");

        var offenders = Offenders(files).ToList();

        Assert.True(offenders.Count == 0,
            "Inject CurrentUser instead of reading the principal (or add the file to the allow-list with a reason):\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void TheCheckFindsEachWayOfReadingThePrincipalAndSkipsTheAllowList()
    {
        var found = Offenders(
        [
            ("A.cs", "var id = User.UserId();"),
            ("B.cs", "if (http.User.IsInRole(Roles.Parent)) { }"),
            ("C.cshtml", "@if (item.Roles.Any(User.IsInRole)) { }"),
            ("D.cs", "sessions.ListAsync(viewer.Id, User.SessionId(), ct);"),
            ("E.cs", "var id = viewer.Id; [Authorize(Roles = Roles.Parent)]"),
            ("Account/LinkCodeRateLimiting.cs", "http.User.UserId()"),
        ]).Select(o => o.Split(':')[0]).ToList();

        Assert.Equal(["A.cs", "B.cs", "C.cshtml", "D.cs"], found);
    }

    private static IEnumerable<string> Offenders(IEnumerable<(string Path, string Text)> files) =>
        SourceScan.Offenders(files, PrincipalRead().IsMatch, Allowed);

    [GeneratedRegex(@"\.UserId\(\)|\.SessionId\(\)|\bIsInRole\b")]
    private static partial Regex PrincipalRead();
}
