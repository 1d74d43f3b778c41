using Schoolplein.Platform.Leave;
using Schoolplein.Platform.SchoolCalendar;
using Xunit;
using static Schoolplein.Platform.Leave.LeaveRules.Codes;

namespace Schoolplein.Platform.Tests.Leave;

/// <summary>
/// The Leerplichtwet leave rules (art. 11f/13a vakantieverlof, 11g/14 gewichtige omstandigheden),
/// one row per rule and boundary, against a school year 2026-2027 that starts on Monday
/// 31 August 2026 and a next one that starts on Monday 30 August 2027.
/// </summary>
public sealed class LeaveRulesTests
{
    private static readonly Guid Noor = new("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid Daan = new("00000000-0000-0000-0000-00000000000b");

    internal static readonly SchoolDays Calendar = new(
    [
        new(D("2026-07-18"), D("2026-08-30"), ClosureKind.SummerHoliday, "Zomervakantie 2026"),
        new(D("2026-10-17"), D("2026-10-25"), ClosureKind.Holiday, "Herfstvakantie"),
        new(D("2026-12-19"), D("2027-01-03"), ClosureKind.Holiday, "Kerstvakantie"),
        new(D("2027-02-19"), D("2027-02-19"), ClosureKind.StudyDay, "Studiedag"),
        new(D("2027-02-20"), D("2027-02-28"), ClosureKind.Holiday, "Voorjaarsvakantie"),
        new(D("2027-07-17"), D("2027-08-29"), ClosureKind.SummerHoliday, "Zomervakantie 2027"),
    ]);

    private static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    public sealed record Case(
        string Name, LeaveKind Kind, string Start, string End, bool Statement = true, string Today = "2026-11-30",
        Guid[]? Children = null, PriorLeave[]? Prior = null, int LeadWeeks = 8, SchoolDays? Days = null)
    {
        public override string ToString() => Name;
    }

    public sealed record Expected(int SchoolDays, string[] Refusals, string[] Warnings, string[] Notices, bool Forward = false);

    private static PriorLeave Prior(Guid pupil, LeaveKind kind, string start, string end, int days) => new(pupil, kind, D(start), D(end), days);

    private static readonly string[] None = [];

    public static TheoryData<Case, Expected> Cases => new()
    {
        // Vakantieverlof (art. 11f / 13a)
        { new("vacation of 3 days 9 weeks ahead with employer statement is fine", LeaveKind.Vacation, "2027-02-01", "2027-02-03"),
          new(3, None, None, None) },
        { new("vacation of exactly 10 school days is allowed", LeaveKind.Vacation, "2027-03-01", "2027-03-12"),
          new(10, None, None, None) },
        { new("vacation of 11 school days is refused", LeaveKind.Vacation, "2027-03-01", "2027-03-15"),
          new(11, [VacationTooLong], None, None) },
        { new("weekends, a study day and the voorjaarsvakantie are not counted", LeaveKind.Vacation, "2027-02-15", "2027-03-05"),
          new(9, None, None, None) },
        { new("vacation without employer statement is refused", LeaveKind.Vacation, "2027-02-01", "2027-02-03", Statement: false),
          new(3, [VacationNeedsEmployerStatement], None, None) },
        { new("vacation exactly 8 weeks ahead gets no lead-time warning", LeaveKind.Vacation, "2027-01-25", "2027-01-27", Today: "2026-11-30"),
          new(3, None, None, None) },
        { new("vacation 8 weeks minus one day ahead gets a lead-time warning", LeaveKind.Vacation, "2027-01-25", "2027-01-27", Today: "2026-12-01"),
          new(3, None, [VacationLeadTime], None) },
        { new("the lead time is the school's setting", LeaveKind.Vacation, "2027-01-25", "2027-01-27", Today: "2026-12-01", LeadWeeks: 6),
          new(3, None, None, None) },
        { new("vacation in the first week of the school year is refused", LeaveKind.Vacation, "2027-08-30", "2027-09-03", Today: "2027-05-03"),
          new(5, [VacationFirstTwoWeeks], None, None) },
        { new("vacation on the last school day of the second week is refused", LeaveKind.Vacation, "2027-09-10", "2027-09-10", Today: "2027-05-03"),
          new(1, [VacationFirstTwoWeeks], None, None) },
        { new("vacation from the third week of the school year is allowed", LeaveKind.Vacation, "2027-09-13", "2027-09-17", Today: "2027-05-03"),
          new(5, None, None, None) },
        { new("vacation in the last week before the summer holiday is allowed", LeaveKind.Vacation, "2027-07-12", "2027-07-16", Today: "2027-05-03"),
          new(5, None, None, None) },
        { new("a second vakantieverlof in the same school year is refused", LeaveKind.Vacation, "2027-03-01", "2027-03-03",
              Prior: [Prior(Noor, LeaveKind.Vacation, "2027-02-01", "2027-02-03", 3)]),
          new(3, [VacationOncePerSchoolYear], None, None) },
        { new("vakantieverlof of the previous school year does not count", LeaveKind.Vacation, "2027-03-01", "2027-03-03",
              Prior: [Prior(Noor, LeaveKind.Vacation, "2026-06-01", "2026-06-03", 3)]),
          new(3, None, None, None) },
        { new("vakantieverlof in the next school year is allowed after one in this year", LeaveKind.Vacation, "2027-09-20", "2027-09-22", Today: "2027-05-03",
              Prior: [Prior(Noor, LeaveKind.Vacation, "2027-02-01", "2027-02-03", 3)]),
          new(3, None, None, None) },
        { new("a sibling's vakantieverlof does not count for another child", LeaveKind.Vacation, "2027-03-01", "2027-03-03",
              Prior: [Prior(Daan, LeaveKind.Vacation, "2027-02-01", "2027-02-03", 3)]),
          new(3, None, None, None) },
        { new("for two children the request is refused when one of them had vakantieverlof", LeaveKind.Vacation, "2027-03-01", "2027-03-03",
              Children: [Noor, Daan], Prior: [Prior(Daan, LeaveKind.Vacation, "2027-02-01", "2027-02-03", 3)]),
          new(3, [VacationOncePerSchoolYear], None, None) },
        { new("earlier leave of another kind does not make vacation a second one", LeaveKind.Vacation, "2027-03-01", "2027-03-03",
              Prior: [Prior(Noor, LeaveKind.ImportantCircumstances, "2027-02-01", "2027-02-01", 1)]),
          new(3, None, None, None) },
        { new("several refusals are all reported", LeaveKind.Vacation, "2027-08-30", "2027-09-14", Statement: false, Today: "2027-07-10"),
          new(12, [VacationNeedsEmployerStatement, VacationTooLong, VacationFirstTwoWeeks], [VacationLeadTime], None) },
        { new("without a known summer holiday the first two weeks cannot be checked", LeaveKind.Vacation, "2027-02-01", "2027-02-03", Days: new SchoolDays([])),
          new(3, None, [SchoolYearUnknown], None) },

        // Verlof wegens gewichtige omstandigheden (art. 11g / 14)
        { new("gewichtige omstandigheden of 3 days: the director decides", LeaveKind.ImportantCircumstances, "2026-12-02", "2026-12-04", Statement: false),
          new(3, None, None, [DirectorDecides]) },
        { new("gewichtige omstandigheden of exactly 10 school days: the director decides", LeaveKind.ImportantCircumstances, "2027-03-01", "2027-03-12"),
          new(10, None, None, [DirectorDecides]) },
        { new("gewichtige omstandigheden above 10 school days go to the leerplichtambtenaar", LeaveKind.ImportantCircumstances, "2027-03-01", "2027-03-15"),
          new(11, None, None, [ForwardToAttendanceOfficer], Forward: true) },
        { new("earlier gewichtige omstandigheden in the same year count towards the 10 days", LeaveKind.ImportantCircumstances, "2027-03-01", "2027-03-03",
              Prior: [Prior(Noor, LeaveKind.ImportantCircumstances, "2027-02-01", "2027-02-10", 8)]),
          new(3, None, None, [ForwardToAttendanceOfficer], Forward: true) },
        { new("earlier days that bring the total to exactly 10 stay with the director", LeaveKind.ImportantCircumstances, "2027-03-01", "2027-03-03",
              Prior: [Prior(Noor, LeaveKind.ImportantCircumstances, "2027-02-01", "2027-02-09", 7)]),
          new(3, None, None, [DirectorDecides]) },
        { new("gewichtige omstandigheden of the previous school year do not count", LeaveKind.ImportantCircumstances, "2027-03-01", "2027-03-03",
              Prior: [Prior(Noor, LeaveKind.ImportantCircumstances, "2026-05-01", "2026-05-15", 11)]),
          new(3, None, None, [DirectorDecides]) },
        { new("gewichtige omstandigheden may start today and need no lead time or statement", LeaveKind.ImportantCircumstances, "2026-11-30", "2026-11-30", Statement: false),
          new(1, None, None, [DirectorDecides]) },
        { new("gewichtige omstandigheden may fall in the first two weeks", LeaveKind.ImportantCircumstances, "2027-08-30", "2027-08-31", Today: "2027-08-20"),
          new(2, None, None, [DirectorDecides]) },

        // School-defined types and the rules for every request
        { new("a school-defined type has no legal limits: the director decides", LeaveKind.Other, "2027-03-01", "2027-03-19", Statement: false),
          new(15, None, None, None) },
        { new("a start date in the past is refused", LeaveKind.Other, "2026-11-27", "2026-12-02"),
          new(4, [StartInPast], None, None) },
        { new("an end before the start is refused and nothing else is checked", LeaveKind.Vacation, "2027-02-03", "2027-02-01", Statement: false),
          new(0, [EndBeforeStart], None, None) },
        { new("a period without school days is refused", LeaveKind.ImportantCircumstances, "2026-12-21", "2026-12-24"),
          new(0, [NoSchoolDays], None, None) },
        { new("a period overlapping an open request of the same child is refused", LeaveKind.Other, "2027-02-03", "2027-02-05",
              Prior: [Prior(Noor, LeaveKind.Other, "2027-02-01", "2027-02-03", 3)]),
          new(3, [Overlap], None, None) },
        { new("a period right after an earlier request does not overlap", LeaveKind.Other, "2027-02-04", "2027-02-05",
              Prior: [Prior(Noor, LeaveKind.Other, "2027-02-01", "2027-02-03", 3)]),
          new(2, None, None, None) },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void LeaveRequestIsAssessedByTheLeerplichtwet(Case c, Expected expected)
    {
        var application = new LeaveApplication(c.Kind, D(c.Start), D(c.End), c.Statement, c.Children ?? [Noor]);
        var result = LeaveRules.Assess(application, D(c.Today), new LeavePolicy(c.LeadWeeks), c.Days ?? Calendar, c.Prior ?? []);

        Assert.Equal(expected.SchoolDays, result.SchoolDays);
        Assert.Equal(expected.Refusals.Order(), result.Refusals.Select(f => f.Code).Order());
        Assert.Equal(expected.Warnings.Order(), result.Warnings.Select(f => f.Code).Order());
        Assert.Equal(expected.Notices.Order(), result.Notices.Select(f => f.Code).Order());
        Assert.Equal(expected.Forward, result.ForwardToAttendanceOfficer);
        Assert.Equal(expected.Refusals.Length > 0, result.Refused);
    }

    [Fact]
    public void TheFirstTwoWeeksRefusalNamesTheSchoolYearStart()
    {
        var result = LeaveRules.Assess(new LeaveApplication(LeaveKind.Vacation, D("2027-09-06"), D("2027-09-07"), true, [Noor]),
            D("2027-05-03"), LeavePolicy.Default, Calendar, []);
        var refusal = Assert.Single(result.Refusals);
        Assert.Equal([D("2027-08-30"), D("2027-09-12")], refusal.Args);
    }

    [Fact]
    public void TheOverlapRefusalNamesTheChildAndTheEarlierPeriod()
    {
        var result = LeaveRules.Assess(new LeaveApplication(LeaveKind.Other, D("2027-02-02"), D("2027-02-02"), false, [Noor, Daan]),
            D("2026-11-30"), LeavePolicy.Default, Calendar, [Prior(Daan, LeaveKind.Other, "2027-02-01", "2027-02-03", 3)]);
        var refusal = Assert.Single(result.Refusals);
        Assert.Equal([Daan, D("2027-02-01"), D("2027-02-03")], refusal.Args);
    }
}
