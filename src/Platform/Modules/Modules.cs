using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.FeatureManagement;
using Schoolplein.Platform.Tenancy;

namespace Schoolplein.Platform.Modules;

/// <summary>
/// Per-school modules, as Microsoft.FeatureManagement features. A module is on for a
/// school when the catalogue lists it; the filter reads the scope's <see cref="TenantContext"/>,
/// so flags work the same in requests and in jobs.
/// </summary>
public static class SchoolModules
{
    public const string Absence = "Absence";
    public const string Leave = "Leave";
    public const string Questions = "Questions";
    public const string Calendar = "Calendar";
    public const string Conferences = "Conferences";
    public const string Comments = "Comments";
    public const string Consent = "Consent";

    public static readonly IReadOnlyList<string> All = [Absence, Leave, Questions, Calendar, Conferences, Comments, Consent];

    public static bool IsKnown(string name) => All.Contains(name, StringComparer.Ordinal);
}

[FilterAlias(Alias)]
public sealed class TenantModuleFilter(TenantContext tenant) : IFeatureFilter
{
    public const string Alias = "TenantModule";

    public Task<bool> EvaluateAsync(FeatureFilterEvaluationContext context) =>
        Task.FromResult(tenant.Tenant?.Modules.Contains(context.FeatureName, StringComparer.Ordinal) == true);
}

/// <summary>Defines every module as a feature evaluated by <see cref="TenantModuleFilter"/>; no configuration needed.</summary>
public sealed class ModuleDefinitionProvider : IFeatureDefinitionProvider
{
    private static readonly IReadOnlyDictionary<string, FeatureDefinition> Definitions = SchoolModules.All.ToDictionary(
        m => m,
        m => new FeatureDefinition
        {
            Name = m,
            EnabledFor = [new FeatureFilterConfiguration { Name = TenantModuleFilter.Alias, Parameters = new ConfigurationBuilder().Build() }],
        });

    public Task<FeatureDefinition?> GetFeatureDefinitionAsync(string featureName) =>
        Task.FromResult(Definitions.GetValueOrDefault(featureName));

    public async IAsyncEnumerable<FeatureDefinition> GetAllFeatureDefinitionsAsync()
    {
        foreach (var definition in Definitions.Values)
        {
            yield return definition;
        }
        await Task.CompletedTask;
    }
}

public static class ModulesRegistration
{
    public static IServiceCollection AddSchoolModules(this IServiceCollection services)
    {
        services.AddSingleton<IFeatureDefinitionProvider, ModuleDefinitionProvider>();
        services.AddScopedFeatureManagement().AddFeatureFilter<TenantModuleFilter>();
        return services;
    }
}
