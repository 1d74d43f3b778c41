using System.Text.RegularExpressions;
using Xunit;

namespace Schoolplein.Tenant.Web.Tests.HouseRules;

/// <summary>
/// Issue 18's house rule for names: a person's display name is the stored <c>full_name</c> column
/// (<c>FullName</c>), or <c>PersonName.Format</c> for objects in memory; never the parts glued by
/// hand, which drops or doubles the Dutch prefix ("Femke Hof" next to "Femke van 't Hof").
/// </summary>
public sealed partial class DisplayNameRuleTests
{
    [Theory]
    [InlineData("Platform")]
    [InlineData("Tenant.Web")]
    [InlineData("Backoffice")]
    public void NoSourceGluesANameTogetherByHand(string project)
    {
        var files = SourceScan.Files(project);
        Assert.NotEmpty(files);

        var offenders = SourceScan.Offenders(files, IsHandMadeName).ToList();

        Assert.True(offenders.Count == 0, "Select FullName instead of gluing the name's parts:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void TheCheckFindsTheGluedNamesThatWereInTheCode()
    {
        var found = SourceScan.Offenders(
        [
            ("A.cs", "g.Pupil!.FirstName + (g.Pupil.LastNamePrefix == null ? \"\" : \" \" + g.Pupil.LastNamePrefix) + \" \" + g.Pupil.LastName"),
            ("B.cs", "$\"{u.FirstName} {u.LastName}\""),
            ("C.cs", "u.FirstName + \" \" + u.LastName"),
            ("D.cs", ".Select(p => p.FullName); PersonName.Format(p.FirstName, p.LastNamePrefix, p.LastName); .OrderBy(p => p.LastName).ThenBy(p => p.FirstName)"),
            ("E.cs", "EF.Functions.ILike(p.FirstName + \" \" + p.LastName, pattern)"),
        ], IsHandMadeName).Select(o => o.Split(':')[0]).ToList();

        Assert.Equal(["A.cs", "B.cs", "C.cs"], found);
    }

    /// <summary>
    /// Searching may match first and last name without the prefix on purpose (people type "Femke Hof"
    /// for "Femke van 't Hof"): a search condition is not a display name.
    /// </summary>
    private static bool IsHandMadeName(string line) => HandMadeName().IsMatch(line) && !line.Contains("ILike(", StringComparison.Ordinal);

    /// <summary>The prefix tested for null, a first name followed by a space, or first and last name in one interpolation.</summary>
    [GeneratedRegex(@"LastNamePrefix\s*==\s*null\s*\?|FirstName\s*\+\s*"" ""|\{[\w\.!]*FirstName\}\s+\{[\w\.!]*LastName\}")]
    private static partial Regex HandMadeName();
}
