using Microsoft.Extensions.Localization;
using Schoolplein.Platform.Absence;

namespace Schoolplein.Tenant.Web.Absence;

public static class AbsencePages
{
    public static string ReasonName(this IStringLocalizer<AbsenceText> text, string? code, string? name) =>
        code is not null ? text["Reason_" + code].Value : name ?? "";

    public static string Day(DateOnly day) => Schoolplein.Platform.Localization.DateText.Day(day);
}
