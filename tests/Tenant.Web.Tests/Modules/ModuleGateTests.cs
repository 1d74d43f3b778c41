using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Schoolplein.Platform.Modules;
using Schoolplein.Testing;
using Schoolplein.Tenant.Web.Modules;
using Xunit;

namespace Schoolplein.Tenant.Web.Tests.Modules;

/// <summary>The reusable 404 gates for routes of modules a school has switched off, evaluated per school.</summary>
public sealed class ModuleGateTests(SchoolApp app) : IClassFixture<SchoolApp>
{
    private static async Task<IResult?> RunEndpointFilterAsync(IServiceProvider services)
    {
        var http = new DefaultHttpContext { RequestServices = services };
        var reached = false;
        var result = await new ModuleEndpointFilter(SchoolModules.Leave).InvokeAsync(
            new DefaultEndpointFilterInvocationContext(http),
            _ => { reached = true; return ValueTask.FromResult<object?>(TypedResults.Ok()); });
        Assert.Equal(result is not NotFound, reached);
        return result as IResult;
    }

    private static async Task<IActionResult?> RunPageFilterAsync(IServiceProvider services)
    {
        var http = new DefaultHttpContext { RequestServices = services };
        var page = new PageContext(new ActionContext(http, new RouteData(), new CompiledPageActionDescriptor()));
        var executing = new PageHandlerExecutingContext(page, [], null, new Dictionary<string, object?>(), new object());
        var reached = false;
        await new RequiresModuleAttribute(SchoolModules.Leave).OnPageHandlerExecutionAsync(executing, () =>
        {
            reached = true;
            return Task.FromResult(new PageHandlerExecutedContext(page, [], null, new object()));
        });
        Assert.Equal(executing.Result is null, reached);
        return executing.Result;
    }

    [Fact]
    public async Task RoutesOfAModuleThatIsOffAnswer404AndStayOpenForASchoolThatHasIt()
    {
        var off = await app.CreateSchoolAsync("zonder-verlof", modules: [SchoolModules.Absence]);
        var on = await app.CreateSchoolAsync("met-verlof", modules: [SchoolModules.Absence, SchoolModules.Leave]);

        await app.InSchoolAsync(off.Id, async scope =>
        {
            Assert.IsType<NotFound>(await RunEndpointFilterAsync(scope.Services));
            Assert.IsType<NotFoundResult>(await RunPageFilterAsync(scope.Services));
        });
        await app.InSchoolAsync(on.Id, async scope =>
        {
            Assert.IsNotType<NotFound>(await RunEndpointFilterAsync(scope.Services));
            Assert.Null(await RunPageFilterAsync(scope.Services));
        });
    }

    [Fact]
    public void AnUnknownModuleNameIsAProgrammingErrorCaughtAtStartup() =>
        Assert.Throws<ArgumentException>(() => new RequiresModuleAttribute("Teleport"));
}
