using Microsoft.Net.Http.Headers;

using Microsoft.AspNetCore.Rewrite;

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

    /// <summary>
    /// Serves wwwroot before routing runs: the content tree's catch-all route would otherwise claim every path,
    /// and the static file middleware steps aside for a request that already has an endpoint.
    /// </summary>
    public static WebApplication UseSiteStaticFiles(this WebApplication app)
    {
        app.UseResponseCompression();
        // Browsers ask for /favicon.ico whatever the page names; the icon is an SVG.
        app.UseRewriter(new RewriteOptions().AddRedirect("^favicon\\.ico$", "favicon.svg", StatusCodes.Status301MovedPermanently));
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = context =>
            {
                if (context.Context.Request.Query.ContainsKey(VersionQueryKey))
                    context.Context.Response.Headers[HeaderNames.CacheControl] = VersionedCacheControl;
            },
        });
        app.UseRouting();
        return app;
    }
}
