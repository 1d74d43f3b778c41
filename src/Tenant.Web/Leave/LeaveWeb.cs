using System.Globalization;
using Schoolplein.Platform.Csv;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Schoolplein.Tenant.Web.Modules;
using Schoolplein.Platform.Identity;
using Schoolplein.Platform.Leave;
using Schoolplein.Platform.Localization;
using Schoolplein.Platform.Modules;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.SchoolCalendar;
using Schoolplein.Tenant.Web.Shared;

namespace Schoolplein.Tenant.Web.Leave;

public static class LeaveWeb
{
    public static IServiceCollection AddLeaveWeb(this IServiceCollection services) => services
        .AddNavItem(new NavItem("/verlof", typeof(LeaveText), "Menu", 40, [Roles.Parent], SchoolModules.Leave))
        .AddNavItem(new NavItem("/beheer/verlof", typeof(LeaveText), "MenuManage", 41, [Roles.SchoolAdmin], SchoolModules.Leave));

    /// <summary>The proof file of a request (guardians of its children, admins) and the CSV export of decisions (admins).</summary>
    public static IEndpointRouteBuilder MapLeave(this IEndpointRouteBuilder app)
    {
        app.MapGet("/verlof/{id:guid}/bijlage", AttachmentAsync).RequireAuthorization().RequireModule(SchoolModules.Leave);
        app.MapGet("/verlof/{id:guid}/werkgeversverklaring", EmployerStatementAsync).RequireAuthorization().RequireModule(SchoolModules.Leave);
        app.MapGet("/beheer/verlof/export.csv", ExportAsync)
            .RequireAuthorization(p => p.RequireRole(Roles.SchoolAdmin)).RequireModule(SchoolModules.Leave);
        return app;
    }

    private static Task<Results<FileContentHttpResult, NotFound>> AttachmentAsync(
        Guid id, CurrentUser user, SchoolpleinDb db, LeaveAttachments attachments, CancellationToken ct) =>
        FileAsync(id, user, db, attachments, r => new StoredFile(r.AttachmentBlobId, r.AttachmentName), ct);

    /// <summary>The werkgeversverklaring of a vakantieverlof request, for the same people as the attachment.</summary>
    private static Task<Results<FileContentHttpResult, NotFound>> EmployerStatementAsync(
        Guid id, CurrentUser user, SchoolpleinDb db, LeaveAttachments attachments, CancellationToken ct) =>
        FileAsync(id, user, db, attachments, r => new StoredFile(r.EmployerStatementBlobId, r.EmployerStatementName), ct);

    private sealed record StoredFile(Guid? BlobId, string? Name);

    private static async Task<Results<FileContentHttpResult, NotFound>> FileAsync(
        Guid id, CurrentUser user, SchoolpleinDb db, LeaveAttachments attachments,
        System.Linq.Expressions.Expression<Func<LeaveRequest, StoredFile>> select, CancellationToken ct)
    {
        var (userId, isAdmin) = (user.Id, user.IsAdmin);
        var file = await db.Set<LeaveRequest>().AsNoTracking()
            .Where(r => r.Id == id && (isAdmin || r.Children.Any(c => c.Pupil!.Guardians.Any(g => g.UserId == userId))))
            .Select(select)
            .FirstOrDefaultAsync(ct);
        if (file?.BlobId is not { } blobId || await attachments.GetAsync(blobId, ct) is not { } blob)
        {
            return TypedResults.NotFound();
        }
        return TypedResults.File(blob.Content, blob.ContentType, file.Name);
    }

    /// <summary>
    /// The decisions as CSV, optionally of a period. The dates are read here rather than bound as
    /// DateOnly, so "0000-00-00" or a date outside the school-date window gets a 400 with a message
    /// instead of a binding exception.
    /// </summary>
    private static async Task<Results<FileContentHttpResult, ContentHttpResult>> ExportAsync(
        string? from, string? to, SchoolpleinDb db, IStringLocalizer<LeaveText> text, CancellationToken ct)
    {
        DateOnly? first = null, last = null;
        if ((!string.IsNullOrWhiteSpace(from) && (first = SchoolDates.Parse(from)) is null)
            || (!string.IsNullOrWhiteSpace(to) && (last = SchoolDates.Parse(to)) is null))
        {
            return TypedResults.Text(text["Error_ExportDates", SchoolDates.MessageArgs].Value, "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
        }
        var rows = await db.Set<LeaveRequestChild>().AsNoTracking()
            .Join(db.Set<LeaveRequest>(), c => c.LeaveRequestId, r => r.Id, (c, r) => new { c, r })
            .Where(x => (first == null || x.r.EndDate >= first) && (last == null || x.r.StartDate <= last))
            .OrderBy(x => x.r.CreatedAt)
            .Select(x => new
            {
                x.r.Id, x.r.CreatedAt, Child = x.c.Pupil!.FullName, x.c.Pupil.DateOfBirth,
                Group = x.c.Pupil.Group!.Name, x.r.Kind, Type = x.r.LeaveType!.Name, x.r.StartDate, x.r.EndDate, x.r.SchoolDays,
                x.r.Reason, x.r.Status, x.r.ForwardToAttendanceOfficer, x.r.ForwardedAt, x.r.DecidedAt, x.r.DecisionNote, x.r.Findings,
                DecidedBy = db.Users.Where(u => u.Id == x.r.DecidedById).Select(u => u.FullName).FirstOrDefault(),
            })
            .ToListAsync(ct);
        string[] header = ["Request", "RequestedAt", "Child", "DateOfBirth", "Group", "Type", "Start", "End", "SchoolDays", "Reason",
            "Status", "AttendanceOfficer", "ForwardedAt", "DecidedAt", "DecidedBy", "DecisionNote", "Findings"];
        var csv = new List<IEnumerable<string?>> { header.Select(h => text["Csv_" + h].Value) };
        foreach (var x in rows)
        {
            string[] cells =
            [
                x.Id.ToString(), Iso(x.CreatedAt), x.Child, x.DateOfBirth?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
                x.Group ?? "", x.Kind == LeaveKind.Other ? x.Type ?? "" : text["Kind_" + x.Kind], x.StartDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                x.EndDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), x.SchoolDays.ToString(CultureInfo.InvariantCulture), x.Reason,
                text["Status_" + x.Status], x.ForwardToAttendanceOfficer ? text["Yes"] : text["No"], x.ForwardedAt is { } f ? Iso(f) : "",
                x.DecidedAt is { } d ? Iso(d) : "", x.DecidedBy ?? "", x.DecisionNote ?? "", string.Join(", ", x.Findings.Select(code => text[code + "_Short"].Value)),
            ];
            csv.Add(cells);
        }
        // Every cell quoted: reasons and notes are free text written by parents and the director.
        return TypedResults.File(CsvWriter.Document(csv, quoteAlways: true), "text/csv; charset=utf-8", "verlofbesluiten.csv");
    }

    private static string Iso(DateTimeOffset at) => at.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>Findings whose text counts school days or weeks: the argument that chooses between the _One and _Other text.</summary>
    private static readonly Dictionary<string, int> CountedBy = new(StringComparer.Ordinal)
    {
        [LeaveRules.Codes.VacationTooLong] = 1,
        [LeaveRules.Codes.VacationLeadTime] = 0,
        [LeaveRules.Codes.ForwardToAttendanceOfficer] = 0,
        [LeaveRules.Codes.DirectorDecides] = 1,
    };

    /// <summary>The explanation of a finding with child ids replaced by names and dates written out.</summary>
    public static string Explain(this IStringLocalizer<LeaveText> text, LeaveFinding finding, IReadOnlyDictionary<Guid, string> names)
    {
        var args = finding.Args.Select(a => a switch
        {
            Guid id => names.GetValueOrDefault(id, ""),
            DateOnly day => DateText.DayWithYear(day),
            _ => a,
        }).ToArray();
        var key = CountedBy.TryGetValue(finding.Code, out var at)
            ? Plurals.Key(finding.Code, Convert.ToInt64(finding.Args[at], CultureInfo.InvariantCulture))
            : finding.Code;
        return text[key, args];
    }

    public static string KindName(this IStringLocalizer<LeaveText> text, LeaveKind kind, string? typeName) =>
        kind == LeaveKind.Other ? typeName ?? "" : text["Kind_" + kind].Value;

    /// <summary>A leave day in a sentence ("maandag 1 maart 2027"); tables use <see cref="DateText.Short"/>.</summary>
    public static string Day(DateOnly day) => DateText.DayWithYear(day);
}
