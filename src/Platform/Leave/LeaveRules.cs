using Schoolplein.Platform.SchoolCalendar;

namespace Schoolplein.Platform.Leave;

/// <summary>The kinds of leave the Leerplichtwet knows, plus the school's own types.</summary>
public enum LeaveKind
{
    /// <summary>Vakantieverlof, art. 11 onder f / art. 13a.</summary>
    Vacation = 0,
    /// <summary>Verlof wegens gewichtige omstandigheden, art. 11 onder g / art. 14.</summary>
    ImportantCircumstances = 1,
    /// <summary>A type the school defines itself (e.g. religious holiday, art. 11 onder e); the director decides.</summary>
    Other = 2,
}

/// <summary>
/// Refusal: the law leaves no room, the request cannot be made. Warning: the director may still
/// decide either way. Notice: information about how the request will be handled.
/// </summary>
public enum LeaveFindingSeverity
{
    Refusal = 0,
    Warning = 1,
    Notice = 2,
}

/// <summary>One outcome of a rule; <see cref="Code"/> is also the resource key of its explanation.</summary>
public sealed record LeaveFinding(string Code, LeaveFindingSeverity Severity, params object[] Args)
{
    public bool Equals(LeaveFinding? other) =>
        other is not null && Code == other.Code && Severity == other.Severity && Args.SequenceEqual(other.Args);

    public override int GetHashCode() => HashCode.Combine(Code, Severity, Args.Length);
}

/// <summary>A request as the guardian fills it in.</summary>
public sealed record LeaveApplication(
    LeaveKind Kind, DateOnly Start, DateOnly End, bool HasEmployerStatement, IReadOnlyList<Guid> PupilIds);

/// <summary>An earlier request of one child that still counts (pending, forwarded or approved).</summary>
public sealed record PriorLeave(Guid PupilId, LeaveKind Kind, DateOnly Start, DateOnly End, int SchoolDays);

/// <summary>The school's settings the rules need.</summary>
public sealed record LeavePolicy(int LeadTimeWeeks)
{
    public const int DefaultLeadTimeWeeks = 8;
    public static readonly LeavePolicy Default = new(DefaultLeadTimeWeeks);
}

public sealed record LeaveAssessment(int SchoolDays, IReadOnlyList<LeaveFinding> Findings, bool ForwardToAttendanceOfficer)
{
    public bool Refused => Findings.Any(f => f.Severity == LeaveFindingSeverity.Refusal);
    public IEnumerable<LeaveFinding> Refusals => Findings.Where(f => f.Severity == LeaveFindingSeverity.Refusal);
    public IEnumerable<LeaveFinding> Warnings => Findings.Where(f => f.Severity == LeaveFindingSeverity.Warning);
    public IEnumerable<LeaveFinding> Notices => Findings.Where(f => f.Severity == LeaveFindingSeverity.Notice);
}

/// <summary>
/// The Leerplichtwet 1969 rules for leave, checked when a guardian makes a request. Pure: the
/// caller supplies today (school time zone), the school days, the policy and the child's
/// earlier requests.
/// </summary>
public static class LeaveRules
{
    /// <summary>Art. 13a: vakantieverlof at most once per school year and at most ten school days.</summary>
    public const int MaxVacationSchoolDays = 10;

    /// <summary>Art. 14: the director decides up to ten school days per school year; above that the leerplichtambtenaar.</summary>
    public const int MaxDirectorSchoolDays = 10;

    public static class Codes
    {
        public const string EndBeforeStart = "Rule_EndBeforeStart";
        public const string StartInPast = "Rule_StartInPast";
        public const string NoSchoolDays = "Rule_NoSchoolDays";
        public const string Overlap = "Rule_Overlap";
        public const string VacationNeedsEmployerStatement = "Rule_VacationNeedsEmployerStatement";
        public const string VacationTooLong = "Rule_VacationTooLong";
        public const string VacationOncePerSchoolYear = "Rule_VacationOncePerSchoolYear";
        public const string VacationFirstTwoWeeks = "Rule_VacationFirstTwoWeeks";
        public const string VacationLeadTime = "Rule_VacationLeadTime";
        public const string SchoolYearUnknown = "Rule_SchoolYearUnknown";
        public const string ForwardToAttendanceOfficer = "Rule_ForwardToAttendanceOfficer";
        public const string DirectorDecides = "Rule_DirectorDecides";
    }

    public static LeaveAssessment Assess(
        LeaveApplication application, DateOnly today, LeavePolicy policy, SchoolDays calendar, IReadOnlyList<PriorLeave> prior)
    {
        var findings = new List<LeaveFinding>();
        var (kind, start, end) = (application.Kind, application.Start, application.End);
        if (end < start)
        {
            return new LeaveAssessment(0, [new(Codes.EndBeforeStart, LeaveFindingSeverity.Refusal)], false);
        }
        if (start < today)
        {
            findings.Add(new(Codes.StartInPast, LeaveFindingSeverity.Refusal));
        }
        var days = calendar.Count(start, end);
        if (days == 0)
        {
            findings.Add(new(Codes.NoSchoolDays, LeaveFindingSeverity.Refusal));
        }
        var schoolYear = calendar.SchoolYearKey(start);
        var sameYear = prior.Where(p => calendar.SchoolYearKey(p.Start) == schoolYear).ToList();

        foreach (var pupil in application.PupilIds.Distinct())
        {
            var overlapping = prior.FirstOrDefault(p => p.PupilId == pupil && p.Start <= end && start <= p.End);
            if (overlapping is not null)
            {
                findings.Add(new(Codes.Overlap, LeaveFindingSeverity.Refusal, pupil, overlapping.Start, overlapping.End));
            }
        }

        var forward = false;
        switch (kind)
        {
            case LeaveKind.Vacation:
                if (!application.HasEmployerStatement)
                {
                    findings.Add(new(Codes.VacationNeedsEmployerStatement, LeaveFindingSeverity.Refusal));
                }
                if (days > MaxVacationSchoolDays)
                {
                    findings.Add(new(Codes.VacationTooLong, LeaveFindingSeverity.Refusal, days, MaxVacationSchoolDays));
                }
                foreach (var pupil in application.PupilIds.Distinct())
                {
                    var earlier = sameYear.FirstOrDefault(p => p.PupilId == pupil && p.Kind == LeaveKind.Vacation);
                    if (earlier is not null)
                    {
                        findings.Add(new(Codes.VacationOncePerSchoolYear, LeaveFindingSeverity.Refusal, pupil, earlier.Start, earlier.End));
                    }
                }
                var schoolDays = calendar.Between(start, end).ToList();
                var inFirstWeeks = schoolDays.Select(calendar.InFirstTwoWeeks).ToList();
                if (inFirstWeeks.Any(x => x == true))
                {
                    var yearStart = calendar.SchoolYearStart(schoolDays[inFirstWeeks.FindIndex(x => x == true)])!.Value;
                    findings.Add(new(Codes.VacationFirstTwoWeeks, LeaveFindingSeverity.Refusal, yearStart, yearStart.AddDays(13)));
                }
                else if (inFirstWeeks.Any(x => x is null))
                {
                    findings.Add(new(Codes.SchoolYearUnknown, LeaveFindingSeverity.Warning));
                }
                var deadline = start.AddDays(-7 * policy.LeadTimeWeeks);
                if (today > deadline)
                {
                    findings.Add(new(Codes.VacationLeadTime, LeaveFindingSeverity.Warning, policy.LeadTimeWeeks, deadline));
                }
                break;

            case LeaveKind.ImportantCircumstances:
                var most = application.PupilIds.Distinct()
                    .Select(pupil => sameYear.Where(p => p.PupilId == pupil && p.Kind == LeaveKind.ImportantCircumstances).Sum(p => p.SchoolDays))
                    .DefaultIfEmpty(0).Max();
                var total = most + days;
                if (days > 0 && total > MaxDirectorSchoolDays)
                {
                    forward = true;
                    findings.Add(new(Codes.ForwardToAttendanceOfficer, LeaveFindingSeverity.Notice, total, MaxDirectorSchoolDays));
                }
                else if (days > 0)
                {
                    findings.Add(new(Codes.DirectorDecides, LeaveFindingSeverity.Notice, total, MaxDirectorSchoolDays));
                }
                break;

            case LeaveKind.Other:
                break;
        }
        return new LeaveAssessment(days, findings.Distinct().ToList(), forward);
    }
}
