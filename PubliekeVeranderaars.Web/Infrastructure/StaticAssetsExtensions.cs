using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.AspNetCore.Rewrite;
using Microsoft.Net.Http.Headers;

namespace PubliekeVeranderaars.Web.Infrastructure;

public static class StaticAssetsExtensions
{
    /// <summary>
    /// Text assets that are compressed for browsers that take it. Not HTML: pages carry antiforgery tokens next to
    /// what visitors type, which compression would expose to a BREACH-style attack; the pages are small anyway.
    /// </summary>
    private static readonly string[] CompressedTypes = ["text/css", "text/javascript", "application/javascript", "image/svg+xml"];

    /// <summary>
    /// Brotli and gzip for style sheets and scripts (the NL Design System's CSS is 600 KB plain, a tenth of that
    /// compressed), at the fastest level: each response is compressed again, and browsers keep the versioned files
    /// for a year.
    /// </summary>
    public static WebApplicationBuilder AddSiteStaticAssets(this WebApplicationBuilder builder)
    {
        builder.Services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.MimeTypes = CompressedTypes;
            options.Providers.Add<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProvider>();
            options.Providers.Add<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProvider>();
        });
        builder.Services.Configure<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        builder.Services.Configure<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        return builder;
    }

    /// <summary>Links carry a content hash (asp-append-version), so a versioned file can be cached for a year.</summary>
    private const string VersionedCacheControl = "public, max-age=31536000, immutable";
    private const string VersionQueryKey = "v";

    /// <summary>Copies written beside a file at build time (Frontend/precompress.mjs), best first.</summary>
    private static readonly (string Encoding, string Suffix)[] Precompressed = [("br", ".br"), ("gzip", ".gz")];
    private const string PrecompressedTypeKey = "precompressed-content-type";
    private const string PrecompressedEncodingKey = "precompressed-encoding";
    private const string VaryKey = "precompressed-vary";

    /// <summary>
    /// Serves wwwroot before routing runs: the content tree's catch-all route would otherwise claim every path,
    /// and the static file middleware steps aside for a request that already has an endpoint.
    /// </summary>
    public static WebApplication UseSiteStaticFiles(this WebApplication app)
    {
        app.UseResponseCompression();
        // Browsers ask for /favicon.ico whatever the page names; the icon is an SVG.
        app.UseRewriter(new RewriteOptions().AddRedirect("^favicon\\.ico$", "favicon.svg", StatusCodes.Status301MovedPermanently));
        var types = new FileExtensionContentTypeProvider();
        var files = app.Environment.WebRootFileProvider;
        app.Use((context, next) =>
        {
            ServePrecompressed(context, files, types);
            return next(context);
        });
        var compressedTypes = new FileExtensionContentTypeProvider();
        foreach (var (_, suffix) in Precompressed) compressedTypes.Mappings[suffix] = "application/octet-stream";
        app.UseStaticFiles(new StaticFileOptions
        {
            ContentTypeProvider = compressedTypes,
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                if (context.Context.Items[PrecompressedTypeKey] is string type)
                {
                    context.Context.Response.ContentType = type;
                    headers.ContentEncoding = context.Context.Items[PrecompressedEncodingKey] as string;
                }
                if (context.Context.Items.ContainsKey(VaryKey)) headers.Vary = HeaderNames.AcceptEncoding;
                if (context.Context.Request.Query.ContainsKey(VersionQueryKey))
                    headers.CacheControl = VersionedCacheControl;
            },
        });
        app.UseRouting();
        return app;
    }

    /// <summary>
    /// A request for a file that has compressed copies is pointed at the best copy the browser takes (by
    /// Accept-Encoding, q=0 meaning "not this one"); the response keeps the file's own type. The copies were made at
    /// build time at the highest level, which no per-request compression could afford.
    /// </summary>
    private static void ServePrecompressed(HttpContext context, IFileProvider files, FileExtensionContentTypeProvider types)
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method)) return;
        var path = request.Path.Value;
        if (path is null || !types.TryGetContentType(path, out var type)) return;
        var copies = Precompressed.Where(p => files.GetFileInfo(path + p.Suffix).Exists).ToList();
        if (copies.Count == 0) return;
        context.Items[VaryKey] = true;
        var accepted = request.GetTypedHeaders().AcceptEncoding;
        foreach (var (encoding, suffix) in copies)
        {
            var asked = accepted.FirstOrDefault(a => a.Value.Equals(encoding, StringComparison.OrdinalIgnoreCase));
            if (asked is null || asked.Quality <= 0) continue;
            context.Items[PrecompressedTypeKey] = type;
            context.Items[PrecompressedEncodingKey] = encoding;
            request.Path = path + suffix;
            return;
        }
    }
}
