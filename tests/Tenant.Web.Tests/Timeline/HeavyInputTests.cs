using System.Net;
using Schoolplein.Testing;
using Xunit;
using static Schoolplein.Tenant.Web.Tests.Timeline.TimelineApp;

namespace Schoolplein.Tenant.Web.Tests.Timeline;

/// <summary>Input that costs the server far more than it costs the sender is refused before the work.</summary>
public sealed class HeavyInputTests(TimelineApp app) : IClassFixture<TimelineApp>
{
    [Fact]
    public async Task A600KilobyteBodyOfNestedTagsIsRefusedAtOnceWithAClearMessageAndNothingIsStored()
    {
        using var teacher = await app.SignedInAsync("zonnebloem", Teacher34Email);
        var before = await app.Database.ScalarAsync<long>("SELECT count(*) FROM posts");
        var body = string.Concat(Enumerable.Repeat("<b>", 200_000));

        // Before the cap this took minutes of CPU in the sanitizer; 30 s is far above a refusal's
        // cost on a loaded machine and far below the old cost, so the bound cannot flake.
        using var response = await PublishAsync(teacher, "Zwaar bericht", body, [app.G34]).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.HtmlAsync();
        Assert.Contains("Het bericht mag hoogstens 20000 tekens lang zijn.", html.QuerySelector(".errors")?.TextContent ?? "");
        Assert.Equal(before, await app.Database.ScalarAsync<long>("SELECT count(*) FROM posts"));
    }

    [Theory]
    [InlineData("/nieuws/café")]
    [InlineData("/überall?x=ñ")]
    [InlineData("/中文")]
    public async Task ANonAsciiReturnUrlOnSignInAndSignOutIsFollowedSafelyNotA500(string returnUrl)
    {
        using var client = app.ClientFor("zonnebloem");
        var escaped = Uri.EscapeDataString(returnUrl);
        using (var page = await client.GetAsync($"/Account/SignIn?returnUrl={escaped}"))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }
        using (var signedIn = await client.PostFormAsync($"/Account/SignIn?returnUrl={escaped}", new Dictionary<string, string>
        {
            ["Input.Email"] = Teacher34Email,
            ["Input.Password"] = SchoolApp.Password,
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
            var location = signedIn.Headers.Location!.OriginalString;
            Assert.True(location.All(char.IsAscii), location);
            Assert.Equal(returnUrl, Uri.UnescapeDataString(location));
        }
        using (var signOutPage = await client.GetAsync($"/Account/SignOut?returnUrl={escaped}"))
        {
            Assert.True(signOutPage.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, $"{signOutPage.StatusCode}");
        }
        using (var signedOut = await client.PostFormAsync($"/Account/SignOut?returnUrl={escaped}", new Dictionary<string, string>(), "/"))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        }
    }
}
