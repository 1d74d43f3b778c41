using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using Group = Schoolplein.Platform.Roster.Group;

namespace Schoolplein.Tenant.Web.Admin;

public sealed partial class GroupInput
{
    public string? Name { get; set; }
    public string? SchoolYear { get; set; }
    public string? YearLevels { get; set; }

    public static GroupInput From(Group g) => new() { Name = g.Name, SchoolYear = g.SchoolYear, YearLevels = g.YearLevels };

    public bool Apply(Group group, ModelStateDictionary state, IStringLocalizer<AdminText> text)
    {
        var name = Name?.Trim();
        var year = SchoolYear?.Trim();
        var levels = string.IsNullOrWhiteSpace(YearLevels) ? null : YearLevels.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 100)
        {
            state.AddModelError("Input.Name", text["GroupNameRequired"]);
        }
        var match = year is null ? null : YearPattern().Match(year);
        if (match is not { Success: true }
            || int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) != int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) + 1)
        {
            state.AddModelError("Input.SchoolYear", text["SchoolYearInvalid"]);
        }
        if (levels?.Length > 20)
        {
            state.AddModelError("Input.YearLevels", text["YearLevelsTooLong"]);
        }
        if (!state.IsValid)
        {
            return false;
        }
        group.Name = name!;
        group.SchoolYear = year!;
        group.YearLevels = levels;
        return true;
    }

    [GeneratedRegex("^(20[0-9]{2})-(20[0-9]{2})$")]
    private static partial Regex YearPattern();
}
