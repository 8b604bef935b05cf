using Microsoft.Extensions.Options;
using PubliekeVeranderaars.Core.Media;
using PubliekeVeranderaars.Core.Storage;
using PubliekeVeranderaars.Web.Infrastructure;

namespace PubliekeVeranderaars.Web.Media;

/// <summary>The <c>Media:*</c> settings.</summary>
public sealed class MediaOptions
{
    public const string Section = "Media";
    public const string FilesFolderName = "media";
    /// <summary>Resized and cropped variants: made again when missing, so safe to delete.</summary>
    public const string VariantsFolderName = "media-cache";
    /// <summary>This node's copies of files kept in the database.</summary>
    public const string CopiesFolderName = "media-copies";

    /// <summary><c>Folder</c> (default) or <c>Database</c>, see <see cref="MediaStorageKind"/>.</summary>
    public MediaStorageKind Storage { get; set; } = MediaStorageKind.Folder;
    public long MaxUploadBytes { get; set; } = MediaLimits.DefaultMaxBytes;
    public long MaxPixels { get; set; } = MediaLimits.DefaultMaxPixels;
    /// <summary>
    /// How many worker processes may decode and encode images at once (<see cref="MediaImageWorkerPool"/>); 0 does it
    /// in the site's own process, whose memory then keeps what libvips took.
    /// </summary>
    public int ImageWorkers { get; set; } = MediaImageWorkerPoolOptions.Default.Workers;
    /// <summary>Longer would be a worker that never ends: set <see cref="ImageWorkers"/> to 0 instead.</summary>
    public static readonly TimeSpan LongestImageWorkerIdleTime = TimeSpan.FromDays(1);
    /// <summary>How long a worker without work stays before it ends and gives its memory back.</summary>
    public TimeSpan ImageWorkerIdleTime { get; set; } = MediaImageWorkerPoolOptions.DefaultIdleTime;
}

public static class MediaExtensions
{
    /// <summary>Where files are kept and what an upload may be: for the site and for the command line alike.</summary>
    public static TBuilder AddMediaStorage<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOptions<MediaOptions>().BindConfiguration(MediaOptions.Section)
            .Validate(o => o.MaxUploadBytes > 0 && o.MaxPixels > 0, "Media:MaxUploadBytes and Media:MaxPixels must be positive")
            .Validate(o => o.ImageWorkers >= 0 && o.ImageWorkerIdleTime > TimeSpan.Zero && o.ImageWorkerIdleTime <= MediaOptions.LongestImageWorkerIdleTime,
                "Media:ImageWorkers must be 0 or more and Media:ImageWorkerIdleTime between 0 and a day")
            // Said at the start, not at the first upload: a site published without its worker would refuse every image.
            .Validate(o => o.ImageWorkers == 0 || File.Exists(MediaImageWorkerPool.WorkerPath(AppContext.BaseDirectory)),
                $"Media:ImageWorkers: the image worker {MediaImageWorkerPool.WorkerAssemblyName}.dll is not beside the site; publish the whole folder, or set Media:ImageWorkers to 0 to process images in the site")
            // Files in the database are for several nodes on one PostgreSQL; SQLite has one writer and one node.
            .Validate<DatabaseOptions>((o, database) => o.Storage != MediaStorageKind.Database || database.DatabaseProvider == DatabaseProvider.Postgres,
                "Media:Storage Database needs Database:Provider Postgres; with SQLite keep Media:Storage Folder")
            .ValidateOnStart();
        builder.Services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<MediaOptions>>().Value;
            return new MediaLimits { MaxBytes = options.MaxUploadBytes, MaxPixels = options.MaxPixels };
        });
        builder.Services.AddSingleton<IMediaFileStore>(sp =>
        {
            var site = sp.GetRequiredService<IOptions<SiteOptions>>().Value;
            return sp.GetRequiredService<IOptions<MediaOptions>>().Value.Storage == MediaStorageKind.Database
                ? new DatabaseMediaFileStore(sp.GetRequiredService<SiteDatabase>(), Path.Combine(site.DataDirectory, MediaOptions.CopiesFolderName), sp.GetRequiredService<TimeProvider>())
                : new FolderMediaFileStore(Path.Combine(site.DataDirectory, MediaOptions.FilesFolderName));
        });
        builder.Services.AddSingleton<IMediaImageProcessor>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<MediaOptions>>().Value;
            if (options.ImageWorkers == 0) return InProcessMediaImageProcessor.Instance;
            return new MediaImageWorkerPool(() => MediaImageWorkerPool.WorkerIn(AppContext.BaseDirectory),
                MediaImageWorkerPoolOptions.Default with { Workers = options.ImageWorkers, IdleTime = options.ImageWorkerIdleTime },
                sp.GetRequiredService<ILogger<MediaImageWorkerPool>>());
        });
        return builder;
    }

    /// <summary>The media library, its screens' services and the serving of files and variants.</summary>
    public static WebApplicationBuilder AddSiteMedia(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(sp => new MediaVariantCache(
            Path.Combine(sp.GetRequiredService<IOptions<SiteOptions>>().Value.DataDirectory, MediaOptions.VariantsFolderName),
            sp.GetRequiredService<IMediaImageProcessor>()));
        builder.Services.AddSingleton<MediaLibrary>();
        builder.Services.AddSingleton<MediaQueries>();
        builder.Services.AddSingleton<MediaCrops>();
        builder.Services.AddSingleton<MediaRendering>();
        builder.Services.AddSingleton<MediaCache>();
        builder.Services.AddSingleton<ISiteNotificationHandler, ForgetMediaWhenMediaChanges>();
        return builder;
    }

    /// <summary>
    /// Serves <c>/media/{folder}/{file}</c> (the original, or a variant when the query asks for one) early in the
    /// pipeline: a media file needs no routing, session, antiforgery, rate limit or per-request log line, and a page
    /// of images asks for many. Metrics and forwarded headers have run; the response sets its own security headers.
    /// </summary>
    public static WebApplication UseSiteMedia(this WebApplication app)
    {
        var media = app.Services.GetRequiredService<MediaCache>();
        var files = app.Services.GetRequiredService<IMediaFileStore>();
        var variants = app.Services.GetRequiredService<MediaVariantCache>();
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            if ((HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
                && request.Path.StartsWithSegments(MediaPaths.Prefix.TrimEnd('/'), StringComparison.Ordinal, out var rest)
                && rest.Value?.Split('/') is ["", var folder, var file])
            {
                var result = await MediaFileEndpoint.ServeAsync(context, folder, file, media, files, variants, context.RequestAborted);
                await result.ExecuteAsync(context);
                return;
            }
            await next(context);
        });
        return app;
    }
}
