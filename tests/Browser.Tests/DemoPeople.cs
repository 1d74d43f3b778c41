using Schoolplein.Platform.Seeding;

namespace Schoolplein.Browser.Tests;

/// <summary>
/// Which generated demo families of De Regenboog each browser test uses, so tests that share
/// one demo never change each other's people.
/// </summary>
public static class DemoPeople
{
    private static readonly IReadOnlyList<DemoData.FamilySpec> Generated = DemoData.Schools[0].Families.Skip(3).ToList();

    private static DemoData.FamilySpec FamilyOf(DemoData.ChildSpec child) => Generated.First(f => f.Children.Contains(child));

    /// <summary>The parent journey's first child: the first generated child in groep 3/4 (the group with news and photos).</summary>
    public static DemoData.ChildSpec JourneyFirstChild { get; } = Generated.SelectMany(f => f.Children).First(c => c.GroupKey == "g34");

    /// <summary>The parent journey's second child: of another family, in another group.</summary>
    public static DemoData.ChildSpec JourneySecondChild { get; } = Generated
        .Where(f => f != FamilyOf(JourneyFirstChild)).SelectMany(f => f.Children).First(c => c.GroupKey != "g34");

    /// <summary>
    /// The family whose parent posts the XSS payloads: the last generated family with a child in groep 5
    /// (the XSS posts go to groep 5, so the journeys' groep 3/4 timeline stays as seeded).
    /// </summary>
    public static DemoData.FamilySpec XssFamily { get; } = Generated.Last(f => f.Children.Any(c => c.GroupKey == XssGroupKey)
        && f != FamilyOf(JourneyFirstChild) && f != FamilyOf(JourneySecondChild));

    public const string XssGroupKey = "g5";
    public const string XssGroupName = "Groep 5";

    /// <summary>Teaches groep 5 only.</summary>
    public const string XssTeacher = "kees.brouwer@regenboog.test";

    /// <summary>The parent the security scan signs in as.</summary>
    public static string ScanParent { get; } = Generated
        .First(f => f != FamilyOf(JourneyFirstChild) && f != FamilyOf(JourneySecondChild) && f != XssFamily).Parents[0].Email;

    /// <summary>The parent who subscribes to the calendar (makes a feed link): a family no other test uses.</summary>
    public static string CalendarParent { get; } = Generated
        .Where(f => f != FamilyOf(JourneyFirstChild) && f != FamilyOf(JourneySecondChild) && f != XssFamily)
        .Skip(1).First().Parents[0].Email;

    /// <summary>
    /// The family the phone-width sweep gives very long names and a sick report: the last generated family
    /// with a child in groep 3/4 (the demo teacher's group) that no other browser test uses.
    /// </summary>
    public static DemoData.FamilySpec PhoneWidthFamily { get; } = Generated.Last(f => f.Children.Any(c => c.GroupKey == "g34")
        && f != FamilyOf(JourneyFirstChild) && f != FamilyOf(JourneySecondChild) && f != XssFamily && f.Parents[0].Email != ScanParent && f.Parents[0].Email != CalendarParent);

    /// <summary>
    /// The parent who sends a sick report to see the push offer after it (ShellTests): a family no other test uses, with
    /// children in groep 8 only, whose teacher no browser test signs in as (the report notifies the group's teacher).
    /// </summary>
    public static DemoData.FamilySpec PushOfferFamily { get; } = Generated.First(f => f.Children.All(c => c.GroupKey == "g8")
        && f != FamilyOf(JourneyFirstChild) && f != FamilyOf(JourneySecondChild) && f != XssFamily && f != PhoneWidthFamily
        && f.Parents[0].Email != ScanParent && f.Parents[0].Email != CalendarParent);
}
