using Schoolplein.Platform.Roster;
using Group = Schoolplein.Platform.Roster.Group;

namespace Schoolplein.Tenant.Web.Roster;

/// <summary>The group form (rules: <see cref="RosterService"/>).</summary>
public sealed class GroupInput
{
    public string? Name { get; set; }
    public string? SchoolYear { get; set; }
    public string? YearLevels { get; set; }

    public static GroupInput From(Group g) => new() { Name = g.Name, SchoolYear = g.SchoolYear, YearLevels = g.YearLevels };

    public GroupFields ToFields() => new(Name, SchoolYear, YearLevels);
}
