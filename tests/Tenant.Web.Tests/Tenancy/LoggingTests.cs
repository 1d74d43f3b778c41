using Schoolplein.Testing;
using Xunit;

namespace Schoolplein.Tenant.Web.Tests.Tenancy;

public sealed class LoggingTests(TwoSchoolsApp app) : IClassFixture<TwoSchoolsApp>
{
    [Fact]
    public async Task RequestLogEventsCarryTheSchoolSlugAndNoPersonalData()
    {
        using var client = await app.SignedInAsync("bravo", app.InB.ParentEmail);
        await client.GetStringAsync("/");
        var requestEvents = app.Logs.Events.Where(e => TestLogSink.Property(e, "RequestPath") is not null).ToList();
        Assert.Contains(requestEvents, e => TestLogSink.Property(e, "Tenant") == "bravo");
        Assert.All(requestEvents.Where(e => TestLogSink.Property(e, "RequestPath") == "/Account/SignIn"),
            e => Assert.Equal("bravo", TestLogSink.Property(e, "Tenant")));
        Assert.DoesNotContain(app.Logs.Events, e => e.RenderMessage().Contains(app.InB.ParentEmail, StringComparison.OrdinalIgnoreCase)
            || e.Properties.Values.Any(v => v.ToString().Contains(app.InB.ParentEmail, StringComparison.OrdinalIgnoreCase)));
    }
}
