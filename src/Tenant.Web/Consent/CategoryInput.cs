using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using Schoolplein.Platform.Consent;
using Schoolplein.Platform.SchoolCalendar;

namespace Schoolplein.Tenant.Web.Consent;

/// <summary>The fields of a category form, validated by hand so every message comes from the resources.</summary>
public sealed class CategoryInput
{
    public string? Name { get; set; }
    public string? Description { get; set; }
    public string? SortOrder { get; set; }
    public string? LockDate { get; set; }

    public sealed record Valid(string Name, string? Description, int? SortOrder, DateOnly? LockDate);

    /// <summary>Adds errors under <paramref name="prefix"/> and returns the cleaned values when there are none.</summary>
    public Valid? Validate(ModelStateDictionary state, string prefix, IStringLocalizer text, IEnumerable<CategoryView> others)
    {
        var name = (Name ?? "").Trim();
        var description = string.IsNullOrWhiteSpace(Description) ? null : Description.Trim();
        if (name.Length == 0)
        {
            state.AddModelError($"{prefix}.Name", text["Error.NameRequired"]);
        }
        else if (name.Length > ConsentCategory.NameMaxLength)
        {
            state.AddModelError($"{prefix}.Name", text["Error.NameTooLong", ConsentCategory.NameMaxLength]);
        }
        else if (others.Any(c => !c.Retired && string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            state.AddModelError($"{prefix}.Name", text["Error.NameTaken"]);
        }
        if (description?.Length > ConsentCategory.DescriptionMaxLength)
        {
            state.AddModelError($"{prefix}.Description", text["Error.DescriptionTooLong", ConsentCategory.DescriptionMaxLength]);
        }
        int? order = null;
        if (!string.IsNullOrWhiteSpace(SortOrder))
        {
            if (int.TryParse(SortOrder.Trim(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) && n is >= 0 and <= 9999)
            {
                order = n;
            }
            else
            {
                state.AddModelError($"{prefix}.SortOrder", text["Error.SortOrder"]);
            }
        }
        DateOnly? lockDate = null;
        if (!string.IsNullOrWhiteSpace(LockDate))
        {
            if (!DateOnly.TryParseExact(LockDate.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d))
            {
                state.AddModelError($"{prefix}.LockDate", text["Error.LockDate"]);
            }
            else if (!SchoolDates.InRange(d))
            {
                state.AddModelError($"{prefix}.LockDate", text["Error.LockDateRange", SchoolDates.MessageArgs]);
            }
            else
            {
                lockDate = d;
            }
        }
        return state.IsValid ? new Valid(name, description, order, lockDate) : null;
    }
}
