using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using Schoolplein.Platform;
using Schoolplein.Platform.Tenancy;

namespace Schoolplein.Backoffice.Schools;

/// <summary>
/// The school pages' texts: their own (<see cref="SchoolsText"/>) and the catalogue's refusals
/// (<see cref="CatalogText"/>, keys from <see cref="SchoolRegistry"/>). A problem's key is looked up
/// in the pages' texts first, then in the catalogue's; a status argument is shown by its name.
/// </summary>
public sealed class SchoolMessages(IStringLocalizer<SchoolsText> schools, IStringLocalizer<CatalogText> catalog)
{
    public LocalizedString this[string key] => schools[key];

    public LocalizedString this[string key, params object[] args] => schools[key, args];

    public string Text(Problem problem)
    {
        var args = problem.Args.Select(a => a is TenantStatus status ? catalog["Status" + status].Value : a).ToArray();
        var own = schools[problem.Key, args];
        return own.ResourceNotFound ? catalog[problem.Key, args] : own;
    }

    /// <summary>Each problem at its field of the form (the school forms bind without a prefix).</summary>
    public void AddTo(ModelStateDictionary state, IEnumerable<Problem> problems)
    {
        foreach (var problem in problems)
        {
            state.AddModelError(problem.Field ?? "", Text(problem));
        }
    }
}
