using Microsoft.Net.Http.Headers;

namespace PubliekeVeranderaars.Web.Infrastructure;

public static class StaticAssetsExtensions
{
    /// <summary>Links carry a content hash (asp-append-version), so a versioned file can be cached for a year.</summary>
    private const string VersionedCacheControl = "public, max-age=31536000, immutable";
    private const string VersionQueryKey = "v";

    /// <summary>
    /// Serves wwwroot before routing runs: the content tree's catch-all route would otherwise claim every path,
    /// and the static file middleware steps aside for a request that already has an endpoint.
    /// </summary>
    public static WebApplication UseSiteStaticFiles(this WebApplication app)
    {
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
