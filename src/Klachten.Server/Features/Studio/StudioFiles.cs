using System.Collections.Frozen;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Klachten.Server.Features.Studio;

/// <summary>
/// Serves the bundle's files byte for byte (Blazor checks their SRI hashes) with the right MIME types, the shipped
/// <c>.br</c>/<c>.gz</c> copy when the client accepts it, ETags and caching: fingerprinted names are immutable,
/// the rest is revalidated. Only the bundle's runtime folders are served, not its sample <c>index.html</c>.
/// </summary>
internal sealed partial class StudioFiles
{
    private static readonly FrozenSet<string> TopLevelFiles =
        new[] { "appsettings.json", "Elsa.Studio.Host.CustomElements.styles.css" }.ToFrozenSet(StringComparer.Ordinal);

    private readonly PhysicalFileProvider? _files;
    private readonly FileExtensionContentTypeProvider _types = new();

    public StudioFiles(StudioBundle bundle)
    {
        _files = bundle.Directory is null ? null : new PhysicalFileProvider(bundle.Directory);
        _types.Mappings[".wasm"] = "application/wasm";
        _types.Mappings[".dat"] = "application/octet-stream";
        _types.Mappings[".dll"] = "application/octet-stream";
        _types.Mappings[".pdb"] = "application/octet-stream";
        _types.Mappings[".blat"] = "application/octet-stream";
        _types.Mappings[".js"] = "text/javascript";
        _types.Mappings[".mjs"] = "text/javascript";
        _types.Mappings[".json"] = "application/json";
        _types.Mappings[".css"] = "text/css";
        _types.Mappings[".map"] = "application/json";
        _types.Mappings[".woff2"] = "font/woff2";
    }

    public bool Available => _files is not null;

    public IResult Serve(HttpContext context, string path)
    {
        if (_files is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Elsa Studio is niet beschikbaar",
                detail: "De Studio-bundel is niet meegebouwd (npm ci in src/Klachten.Studio ontbrak).");
        }

        if (!IsServed(path) || !_types.TryGetContentType(path, out var contentType))
        {
            return TypedResults.NotFound();
        }

        var file = _files.GetFileInfo(path);
        if (!file.Exists || file.IsDirectory || file.PhysicalPath is null)
        {
            return TypedResults.NotFound();
        }

        var headers = context.Response.Headers;
        var served = file;
        var encoding = PreferredEncoding(context.Request, path);
        if (encoding is not null)
        {
            headers.Vary = HeaderNames.AcceptEncoding;
            var variant = encoding.Length == 0 ? null : _files.GetFileInfo(path + (encoding == "br" ? ".br" : ".gz"));
            if (variant is { Exists: true, PhysicalPath: not null })
            {
                served = variant;
                headers.ContentEncoding = encoding;
            }
        }

        headers.CacheControl = IsFingerprinted(path) ? "public, max-age=31536000, immutable" : "no-cache";
        var etag = new EntityTagHeaderValue($"\"{served.LastModified.UtcTicks:x}-{served.Length:x}\"");
        return TypedResults.PhysicalFile(served.PhysicalPath!, contentType, lastModified: served.LastModified, entityTag: etag);
    }

    private static bool IsServed(string path) =>
        TopLevelFiles.Contains(path)
        || ((path.StartsWith("_framework/", StringComparison.Ordinal) || path.StartsWith("_content/", StringComparison.Ordinal))
            && !path.EndsWith(".br", StringComparison.Ordinal) && !path.EndsWith(".gz", StringComparison.Ordinal));

    // The shipped compressed copies exist next to the file; only offer one the client accepts (q > 0).
    private string? PreferredEncoding(HttpRequest request, string path)
    {
        var accepted = request.GetTypedHeaders().AcceptEncoding;
        if (accepted.Count == 0)
        {
            return null;
        }

        bool Accepts(string name) => accepted.Any(a =>
            (a.Value.Equals(name, StringComparison.OrdinalIgnoreCase) || a.Value.Equals("*", StringComparison.Ordinal)) && (a.Quality ?? 1) > 0);

        var hasBrotli = _files!.GetFileInfo(path + ".br").Exists;
        var hasGzip = _files.GetFileInfo(path + ".gz").Exists;
        if (!hasBrotli && !hasGzip)
        {
            return null;
        }

        if (hasBrotli && Accepts("br"))
        {
            return "br";
        }

        return hasGzip && Accepts("gzip") ? "gzip" : string.Empty;
    }

    private static bool IsFingerprinted(string path) => Fingerprint().IsMatch(Path.GetFileName(path));

    [GeneratedRegex(@"\.[a-z0-9]{10}\.[a-z]+$")]
    private static partial Regex Fingerprint();
}
