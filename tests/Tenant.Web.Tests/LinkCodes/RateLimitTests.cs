using System.Net;
using Schoolplein.Testing;
using Xunit;

using Schoolplein.Tenant.Web.Tests.People;

namespace Schoolplein.Tenant.Web.Tests.LinkCodes;

/// <summary>Low koppelcode limits, set through configuration the way an operator would.</summary>
public sealed class LowLimitsApp : SchoolApp
{
    public SchoolHandle A { get; private set; } = null!;

    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["LinkCodes:RateLimit:PerIp"] = "4";
        settings["LinkCodes:RateLimit:PerAccount"] = "2";
        settings["LinkCodes:RateLimit:WindowSeconds"] = "600";
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        A = await CreateSchoolAsync("alfa", "Basisschool Alfa");
    }
}

public sealed class RateLimitTests(LowLimitsApp app) : IClassFixture<LowLimitsApp>
{
    [Fact]
    public async Task KoppelcodeAttemptsAreLimitedPerAccountAndPerAddressWith429AndRetryAfter()
    {
        await app.A.AddUserAsync("raden@alfa.test");
        using var signedIn = await app.SignedInAsync("alfa", "raden@alfa.test");
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 3; i++)
        {
            last?.Dispose();
            last = await signedIn.PostFormAsync("/Account/Join", new Dictionary<string, string> { ["Code"] = $"ABCDE-FGHJ{i + 2}" });
            statuses.Add(last.StatusCode);
        }
        // Two per account, then 429 with a Retry-After and a clear message.
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.True(last!.Headers.RetryAfter?.Delta > TimeSpan.Zero || int.Parse(last.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Contains("Te veel pogingen", await last.Content.ReadAsStringAsync());
        last.Dispose();

        // Reading pages is not an attempt.
        using var anonymous = app.ClientFor("alfa");
        for (var i = 0; i < 6; i++)
        {
            using var page = await anonymous.GetAsync("/Account/Join");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }
        // Per address (all test requests share one): two used above (the refused one did not count), two more allowed,
        // then refused, also on the bare domain.
        for (var i = 0; i < 2; i++)
        {
            using var allowed = await anonymous.PostFormAsync("/Account/Join", new Dictionary<string, string> { ["Code"] = "ABCDE-FGHJK" });
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }
        using (var fifth = await anonymous.PostFormAsync("/Account/Join", new Dictionary<string, string> { ["Code"] = "ABCDE-FGHJK" }))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, fifth.StatusCode);
            Assert.True(fifth.Headers.Contains("Retry-After"));
        }
        using var platform = app.ClientForHost("localhost");
        using var onPlatform = await platform.PostFormAsync("/koppelcode", new Dictionary<string, string> { ["Code"] = "ABCDE-FGHJK" });
        Assert.Equal(HttpStatusCode.TooManyRequests, onPlatform.StatusCode);
    }
}
