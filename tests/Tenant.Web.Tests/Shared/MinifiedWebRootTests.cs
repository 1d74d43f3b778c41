using System.Text;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging.Abstractions;
using Schoolplein.Tenant.Web.Shared;
using Schoolplein.Tenant.Web.Tests.Timeline;
using Xunit;

namespace Schoolplein.Tenant.Web.Tests.Shared;

/// <summary>
/// CSS and scripts are served minified (the files in wwwroot keep their comments), the versioned links
/// name what is served, a file the minifier cannot read is served as written, and the service worker as written.
/// </summary>
public sealed class MinifiedWebRootTests(TimelineApp app) : IClassFixture<TimelineApp>
{
    private static string WebRoot => Path.Combine(Schoolplein.Testing.ProcessRunner.RepositoryRoot(), "src", "Tenant.Web", "wwwroot");

    [Theory]
    [InlineData("/css/site.css", ".tabbar")]
    [InlineData("/js/app.js", "serviceWorker")]
    [InlineData("/js/timeline.js", "fetch")]
    public async Task StylesAndScriptsAreServedSmallerThanWrittenWithoutTheirComments(string path, string mustKeep)
    {
        var written = await File.ReadAllTextAsync(WebRoot + path);
        Assert.Contains("/*", written);
        using var client = app.ClientFor("zonnebloem");
        using var response = await client.GetAsync(path);
        response.EnsureSuccessStatusCode();
        var served = await response.Content.ReadAsStringAsync();
        Assert.True(served.Length < written.Length * 0.9, $"{path}: {served.Length} served of {written.Length} written");
        Assert.DoesNotContain("/*", served);
        Assert.Contains(mustKeep, served);
    }

    [Fact]
    public async Task TheVersionedLinkIsTheHashOfWhatIsServedAndTheServiceWorkerIsServedAsWritten()
    {
        using var client = app.ClientFor("zonnebloem");
        var page = await client.GetStringAsync("/Account/SignIn");
        var link = System.Text.RegularExpressions.Regex.Match(page, "href=\"(/css/site\\.css\\?v=[^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(link);
        using var css = await client.GetAsync(link);
        var bytes = await css.Content.ReadAsByteArrayAsync();
        var hash = Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(System.Security.Cryptography.SHA256.HashData(bytes));
        Assert.EndsWith("?v=" + hash, link);

        var worker = await client.GetStringAsync("/sw.js");
        Assert.Equal(await File.ReadAllTextAsync(WebRoot + "/sw.js"), worker);
    }

    [Fact]
    public void AFileTheMinifierReportsErrorsOnIsServedAsWritten()
    {
        var broken = "body { color: red; \n .x { ";
        var files = new Dictionary<string, string> { ["/css/broken.css"] = broken, ["/js/broken.js"] = "function ( {" };
        var root = new MinifiedWebRoot(new TextFiles(files), NullLogger<MinifiedWebRoot>.Instance);
        foreach (var (path, text) in files)
        {
            using var reader = new StreamReader(root.GetFileInfo(path).CreateReadStream());
            Assert.Equal(text, reader.ReadToEnd());
        }
    }

    private sealed class TextFiles(Dictionary<string, string> files) : IFileProvider
    {
        public IFileInfo GetFileInfo(string subpath) => files.TryGetValue(subpath, out var text) ? new TextFile(subpath, text) : new NotFoundFileInfo(subpath);
        public IDirectoryContents GetDirectoryContents(string subpath) => NotFoundDirectoryContents.Singleton;
        public Microsoft.Extensions.Primitives.IChangeToken Watch(string filter) => Microsoft.Extensions.FileProviders.NullChangeToken.Singleton;
    }

    private sealed class TextFile(string path, string text) : IFileInfo
    {
        public bool Exists => true;
        public long Length => Encoding.UTF8.GetByteCount(text);
        public string? PhysicalPath => null;
        public string Name => Path.GetFileName(path);
        public DateTimeOffset LastModified => DateTimeOffset.UnixEpoch;
        public bool IsDirectory => false;
        public Stream CreateReadStream() => new MemoryStream(Encoding.UTF8.GetBytes(text));
    }
}
