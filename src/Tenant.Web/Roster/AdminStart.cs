using Microsoft.EntityFrameworkCore;
using Microsoft.FeatureManagement;
using Schoolplein.Platform.Absence;
using Schoolplein.Platform.Consent;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Accounts;
using Schoolplein.Platform.Leave;
using Schoolplein.Platform.Modules;
using Schoolplein.Platform.Notifications;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Questions;
using Schoolplein.Platform.SchoolCalendar;

namespace Schoolplein.Tenant.Web.Roster;

/// <summary>
/// The numbers on the admin start page, one per area. Null for an area whose module the school
/// has switched off (the page then leaves the area out).
/// </summary>
public sealed record AdminCounts(
    int Pupils, int Groups, int Staff, int UndeliveredNotifications, int UpcomingClosures,
    int? ConsentCategories, int? OpenLeaveRequests, int? AbsentToday, int? OpenConversations);

/// <summary>Counts for /beheer: small aggregate queries, no personal data.</summary>
public sealed class AdminStart(SchoolpleinDb db, DeliveryProblems deliveries, SchoolClock clock, IFeatureManager features)
{
    private static readonly Guid TeacherRole = StaffAccounts.TeacherRole;
    private static readonly Guid AdminRole = StaffAccounts.AdminRole;

    public async Task<AdminCounts> CountsAsync(CancellationToken ct)
    {
        var today = clock.Today;
        return new AdminCounts(
            Pupils: await db.Pupils.CountAsync(p => p.ArchivedAt == null, ct),
            Groups: await db.Groups.CountAsync(ct),
            Staff: await db.Users.CountAsync(u => u.DeactivatedAt == null
                && db.UserRoles.Any(r => r.UserId == u.Id && (r.RoleId == TeacherRole || r.RoleId == AdminRole)), ct),
            UndeliveredNotifications: await deliveries.CountDeadAsync(ct),
            UpcomingClosures: await db.Set<SchoolClosure>().CountAsync(c => c.EndDate >= today, ct),
            ConsentCategories: await features.IsEnabledAsync(SchoolModules.Consent)
                ? await db.Set<ConsentCategory>().CountAsync(c => c.RetiredAt == null, ct) : null,
            OpenLeaveRequests: await features.IsEnabledAsync(SchoolModules.Leave)
                ? await db.Set<LeaveRequest>().CountAsync(r => r.Status == LeaveStatus.Pending || r.Status == LeaveStatus.Forwarded, ct) : null,
            AbsentToday: await features.IsEnabledAsync(SchoolModules.Absence)
                ? await db.Set<AbsenceReport>().Where(r => r.CancelledAt == null && r.FromDate <= today && (r.ToDate == null || r.ToDate >= today))
                    .Select(r => r.PupilId).Distinct().CountAsync(ct) : null,
            OpenConversations: await features.IsEnabledAsync(SchoolModules.Questions)
                ? await db.Set<Conversation>().CountAsync(c => c.ClosedAt == null, ct) : null);
    }
}
