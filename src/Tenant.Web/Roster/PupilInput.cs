using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Schoolplein.Platform.Persistence;
using Schoolplein.Platform.Roster;

namespace Schoolplein.Tenant.Web.Roster;

public sealed record GroupOption(Guid Id, string Name);

/// <summary>The pupil form: Dutch name parts, date of birth, group and the key in the pupil administration (rules: <see cref="RosterService"/>).</summary>
public sealed class PupilInput
{
    public string? FirstName { get; set; }
    public string? LastNamePrefix { get; set; }
    public string? LastName { get; set; }
    public string? DateOfBirth { get; set; }
    public Guid? GroupId { get; set; }
    public string? ExternalKey { get; set; }
    public IReadOnlyList<GroupOption> GroupOptions { get; set; } = [];

    public static PupilInput From(Pupil p) => new()
    {
        FirstName = p.FirstName,
        LastNamePrefix = p.LastNamePrefix,
        LastName = p.LastName,
        DateOfBirth = p.DateOfBirth?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        GroupId = p.GroupId,
        ExternalKey = p.ExternalKey,
    };

    public static Task<List<GroupOption>> GroupOptionsAsync(SchoolpleinDb db, CancellationToken ct) =>
        db.Groups.AsNoTracking().OrderBy(g => g.SortOrder).ThenBy(g => g.Name).Select(g => new GroupOption(g.Id, g.Name)).ToListAsync(ct);

    /// <summary>The fields for <see cref="RosterService"/>, which checks them.</summary>
    public PupilFields ToFields() => new(FirstName, LastNamePrefix, LastName, DateOfBirth, GroupId, ExternalKey);
}
