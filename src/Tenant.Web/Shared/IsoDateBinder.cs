using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Schoolplein.Tenant.Web.Shared;

/// <summary>
/// Binds a <see cref="DateOnly"/> only from "yyyy-MM-dd", the format date inputs send. The default
/// binder parses with the request culture and accepts "10 maart" as 10 March of the server's
/// current year, which is never what a person meant.
/// </summary>
public sealed class IsoDateBinder : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext context)
    {
        var value = context.ValueProvider.GetValue(context.ModelName);
        if (value == ValueProviderResult.None)
        {
            return Task.CompletedTask;
        }
        context.ModelState.SetModelValue(context.ModelName, value);
        var text = value.FirstValue;
        if (string.IsNullOrWhiteSpace(text))
        {
            return Task.CompletedTask;
        }
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            context.Result = ModelBindingResult.Success(date);
        }
        else
        {
            context.ModelState.TryAddModelError(context.ModelName, "Invalid date");
        }
        return Task.CompletedTask;
    }
}
