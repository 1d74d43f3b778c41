using System.Net;
using Schoolplein.Platform.Identity;
using Schoolplein.Tenant.Web.Tests.Tenancy;
using Schoolplein.Testing;
using Xunit;

namespace Schoolplein.Tenant.Web.Tests.Shared;

/// <summary>
/// A POST that matches no page handler answers 404 instead of rendering the page without its
/// data (which was a server error, found by the security scan).
/// </summary>
public sealed class UnknownHandlerTests(TwoSchoolsApp app) : IClassFixture<TwoSchoolsApp>
{
    [Fact]
    public async Task APostForAnUnknownNamedHandlerIsNotFound()
    {
        var pupil = await app.A.AddPupilAsync(null, "Handler");
        var email = $"handler.{Guid.NewGuid():N}@alfa.test";
        await app.A.AddUserAsync(email, Roles.SchoolAdmin);
        using var client = await app.SignedInAsync("alfa", email);
        var page = $"/beheer/leerlingen/{pupil}";

        using var unknown = await client.PostFormAsync($"{page}?handler=%C2%BFnonsense", new Dictionary<string, string>(), page);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var none = await client.PostFormAsync(page, new Dictionary<string, string>(), page);
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        // The page and its real handlers still work.
        using var get = await client.GetAsync($"{page}?handler=Nonsense");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
    }

    [Fact]
    public async Task APostToAPageWithoutPostHandlersIsNotFound()
    {
        var email = $"handler.{Guid.NewGuid():N}@alfa.test";
        await app.A.AddUserAsync(email, Roles.Parent);
        using var client = await app.SignedInAsync("alfa", email);
        using var response = await client.PostFormAsync("/Account/Settings", new Dictionary<string, string>(), "/Account/Settings");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
