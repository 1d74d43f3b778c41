using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;
using NUglify;

namespace Schoolplein.Tenant.Web.Shared;

/// <summary>
/// The web root as browsers get it: <c>.css</c> and <c>.js</c> files minified (NUglify) in memory, the rest
/// as it is. The files in <c>wwwroot</c> stay readable, with their comments; parents' phones get the page
/// without them (the timeline's 60 KB budget, issue 17). Versioned links (<c>asp-append-version</c>) and the
/// static files middleware both read through this provider, so the hash is of what is served.
/// <para>
/// A file the minifier reports errors on (syntax it does not know) is served as written, with a warning
/// in the log: never a broken script. The service worker is served as written (its own update check
/// compares bytes). A changed file (run.sh while editing) is minified again on its next request.
/// </para>
/// </summary>
public sealed partial class MinifiedWebRoot(IFileProvider files, ILogger<MinifiedWebRoot> logger) : IFileProvider
{
    private readonly ConcurrentDictionary<string, (DateTimeOffset Modified, long Length, IFileInfo Served)> _cache = new(StringComparer.Ordinal);

    public IFileInfo GetFileInfo(string subpath)
    {
        var file = files.GetFileInfo(subpath);
        var kind = Kind(subpath);
        if (kind is null || !file.Exists || file.IsDirectory)
        {
            return file;
        }
        if (_cache.TryGetValue(subpath, out var cached) && cached.Modified == file.LastModified && cached.Length == file.Length)
        {
            return cached.Served;
        }
        var served = Minify(file, kind.Value, subpath);
        _cache[subpath] = (file.LastModified, file.Length, served);
        return served;
    }

    public IDirectoryContents GetDirectoryContents(string subpath) => files.GetDirectoryContents(subpath);

    public IChangeToken Watch(string filter) => files.Watch(filter);

    private enum FileKind { Css, Js }

    private static FileKind? Kind(string subpath) =>
        subpath.EndsWith(".css", StringComparison.OrdinalIgnoreCase) ? FileKind.Css
        : subpath.EndsWith(".js", StringComparison.OrdinalIgnoreCase) && !subpath.EndsWith("/sw.js", StringComparison.OrdinalIgnoreCase) ? FileKind.Js
        : null;

    private IFileInfo Minify(IFileInfo file, FileKind kind, string subpath)
    {
        string text;
        using (var reader = new StreamReader(file.CreateReadStream(), Encoding.UTF8))
        {
            text = reader.ReadToEnd();
        }
        var result = kind == FileKind.Css ? Uglify.Css(text) : Uglify.Js(text);
        if (result.HasErrors || string.IsNullOrEmpty(result.Code))
        {
            LogNotMinified(logger, subpath, result.Errors.FirstOrDefault()?.ToString() ?? "empty result");
            return file;
        }
        return new MemoryFile(file.Name, Encoding.UTF8.GetBytes(result.Code), file.LastModified);
    }

    private sealed class MemoryFile(string name, byte[] content, DateTimeOffset modified) : IFileInfo
    {
        public bool Exists => true;
        public long Length => content.Length;
        // No physical path: the static files middleware then streams CreateReadStream instead of sending the file on disk.
        public string? PhysicalPath => null;
        public string Name => name;
        public DateTimeOffset LastModified => modified;
        public bool IsDirectory => false;
        public Stream CreateReadStream() => new MemoryStream(content, writable: false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Path} is served unminified: {Error}")]
    private static partial void LogNotMinified(ILogger logger, string path, string error);
}
