using PubliekeVeranderaars.Core.Search;
using PubliekeVeranderaars.Web.Infrastructure;

namespace PubliekeVeranderaars.Web.Search;

public static class SearchExtensions
{
    /// <summary>The index of this node, in its own data directory (each web node keeps its own, as Examine does).</summary>
    public static TBuilder AddSiteSearch<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddSingleton(services => new ContentSearchIndex(
            services.GetRequiredService<SiteOptions>().SearchIndexDirectory,
            services.GetRequiredService<ILogger<ContentSearchIndex>>(),
            services.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<ContentSearch>();
        builder.Services.AddRateLimitOptions(SearchRateLimitPolicy.Name, SearchRateLimitPolicy.Section, SearchRateLimitPolicy.DefaultPermitsPerMinute);
        builder.Services.AddRateLimiter(options => options.AddPolicy<string, SearchRateLimitPolicy>(SearchRateLimitPolicy.Name));
        return builder;
    }

    /// <summary>
    /// Opens the index (rebuilding it when it is missing or damaged) before the first request, and from then on
    /// follows every publish. Call after the published cache is built.
    /// </summary>
    public static WebApplication StartSiteSearch(this WebApplication app)
    {
        app.Services.GetRequiredService<ContentSearch>().Start();
        return app;
    }
}
