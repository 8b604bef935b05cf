using Microsoft.AspNetCore.OutputCaching;
using PubliekeVeranderaars.Core.Content;

namespace PubliekeVeranderaars.Web.Content;

/// <summary>
/// Rendered pages are kept in memory until the next publish: a published page is the same for every visitor, and
/// rendering it again for each request would only spend the CPU that the forms need.
/// </summary>
public static class ContentOutputCache
{
    public const string PolicyName = "content";
    public const string Tag = "content";
    private const string GenerationKey = "snapshot";
    /// <summary>Pages are evicted on publish anyway; the lifetime only bounds memory held by rarely read pages.</summary>
    private static readonly TimeSpan CachedPageLifetime = TimeSpan.FromHours(1);

    public static WebApplicationBuilder AddContentPages(this WebApplicationBuilder builder)
    {
        builder.Services.AddControllersWithViews();
        builder.Services.AddOutputCache(options =>
            options.AddPolicy(PolicyName, policy => policy
                .Tag(Tag)
                .Expire(CachedPageLifetime)
                .VaryByValue(context => new KeyValuePair<string, string>(GenerationKey, string.Create(
                    System.Globalization.CultureInfo.InvariantCulture,
                    // Pages show the signature count too, so a confirmation also makes a page render anew.
                    $"{context.RequestServices.GetRequiredService<PublishedContentCache>().Current.Generation}-{context.RequestServices.GetRequiredService<Core.Signatures.SignatureCounter>().Generation}")))));
        return builder;
    }

    /// <summary>Keeps this response out of the shared cache (it carries something of this visitor's own).</summary>
    public static void DoNotStore(HttpContext context)
    {
        if (context.Features.Get<IOutputCacheFeature>() is { } feature) feature.Context.AllowCacheStorage = false;
    }

    public static WebApplication MapContentPages(this WebApplication app)
    {
        app.UseOutputCache();
        // A publish swaps the snapshot; the pages rendered from the old one go with it. (The cache key also carries the
        // snapshot's generation, so no request can see an old page even while this runs.)
        var cache = app.Services.GetRequiredService<PublishedContentCache>();
        var store = app.Services.GetRequiredService<IOutputCacheStore>();
        cache.Rebuilt += _ => store.EvictByTagAsync(Tag, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        app.MapControllers();
        return app;
    }
}
