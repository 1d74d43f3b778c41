using Schoolplein.Platform.Leave;
using Schoolplein.Platform.Schools;
using Schoolplein.Testing;
using Xunit;

using Schoolplein.Tenant.Web.Tests.Administration;

namespace Schoolplein.Tenant.Web.Tests.Schools;

public sealed class TenantSettingsStoreTests(AdministrationApp app) : IClassFixture<AdministrationApp>
{
    [Fact]
    public async Task SettingsAreSavedForTheCurrentSchoolOnlyEvenWhenTheCallerNamesAnother()
    {
        var outcome = await app.InSchoolAsync(app.A.Id, async scope =>
        {
            var store = scope.Get<TenantSettingsStore<LeaveSettings>>();
            var settings = await store.GetAsync();
            settings.LeadTimeWeeks = 3;
            settings.TenantId = app.B.Id;
            return await store.SaveAsync(settings);
        });
        Assert.True(outcome.Succeeded);
        Assert.Equal(3, (await app.InSchoolAsync(app.A.Id, scope => scope.Get<TenantSettingsStore<LeaveSettings>>().GetAsync())).LeadTimeWeeks);
        Assert.Equal(LeavePolicy.DefaultLeadTimeWeeks,
            (await app.InSchoolAsync(app.B.Id, scope => scope.Get<TenantSettingsStore<LeaveSettings>>().GetAsync())).LeadTimeWeeks);
    }

    [Fact]
    public async Task ValuesTheSettingsRefuseAreNotSavedAndSayWhy()
    {
        var outcome = await app.InSchoolAsync(app.B.Id, async scope =>
        {
            var store = scope.Get<TenantSettingsStore<LeaveSettings>>();
            var settings = await store.GetAsync();
            settings.LeadTimeWeeks = LeaveSettings.MaxLeadWeeks + 1;
            settings.AttendanceOfficerEmail = "geen adres";
            return await store.SaveAsync(settings);
        });
        Assert.Equal(["Error_LeadTime", "Error_Email"], outcome.Problems.Select(p => p.Key));
        var stored = await app.InSchoolAsync(app.B.Id, scope => scope.Get<TenantSettingsStore<LeaveSettings>>().GetAsync());
        Assert.Equal(LeavePolicy.DefaultLeadTimeWeeks, stored.LeadTimeWeeks);
        Assert.Null(stored.AttendanceOfficerEmail);
    }
}
