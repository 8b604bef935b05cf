using Microsoft.Net.Http.Headers;
using PubliekeVeranderaars.Core.Media;

namespace PubliekeVeranderaars.Web.Media;

/// <summary>
/// Media files as visitors get them. Each upload has its own address, so every response may be cached for a year;
/// items in the recycle bin are not served. Files are served as data, never run: a sandboxing policy keeps even a
/// PDF's scripts away from the site.
/// </summary>
public static class MediaFileEndpoint
{
    private const string ImmutableCacheControl = "public, max-age=31536000, immutable";
    /// <summary>A media response has no business running anything or framing pages of this site.</summary>
    private const string RetryAfterSeconds = "2";
    private const int HashInTag = 16;
    private const string MediaContentSecurityPolicy = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox";

    public static async Task<IResult> ServeAsync(HttpContext context, string folder, string file, MediaCache media,
        IMediaFileStore files, MediaVariantCache variants, CancellationToken ct)
    {
        var src = $"{MediaPaths.Prefix}{folder}/{file}";
        if (!MediaPaths.IsValidSrc(src)) return Results.NotFound();
        var item = await media.FindAsync(src, ct);
        if (item is null || item.IsFolder) return Results.NotFound();
        var original = await files.LocalPathAsync(src, ct);
        if (original is null) return Results.NotFound();

        var headers = context.Response.Headers;
        headers[HeaderNames.CacheControl] = ImmutableCacheControl;
        headers[HeaderNames.ContentSecurityPolicy] = MediaContentSecurityPolicy;
        headers[HeaderNames.XContentTypeOptions] = "nosniff";

        var query = context.Request.Query;
        var variant = item.IsImage
            ? MediaVariant.FromQuery(name => query[name].FirstOrDefault(), item.Extension, item.Width ?? 0, item.Height ?? 0, item.FocalPoint,
                context.Request.Headers.Accept.ToString())
            : null;
        if (variant is null)
            return Results.File(original, MediaFileKinds.ContentType(item.Extension), entityTag: new EntityTagHeaderValue($"\"{Tag(item.ContentHash)}\""),
                enableRangeProcessing: true);

        // The format follows Accept unless the address names one: caches must keep one copy per kind of browser.
        if (string.IsNullOrEmpty(query["format"])) headers.Append(HeaderNames.Vary, HeaderNames.Accept);
        string path;
        try
        {
            path = await variants.GetAsync(item, original, variant, ct);
        }
        catch (MediaBusyException)
        {
            headers[HeaderNames.CacheControl] = "no-store";
            headers[HeaderNames.RetryAfter] = RetryAfterSeconds;
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }
        if (path == original)
            return Results.File(original, MediaFileKinds.ContentType(item.Extension), entityTag: new EntityTagHeaderValue($"\"{item.ContentHash}\""));
        return Results.File(path, MediaFileKinds.ContentType(variant.Extension),
            entityTag: new EntityTagHeaderValue($"\"{Tag(item.ContentHash)}-{variant.Tag}\""));
    }

    /// <summary>The file's hash, or a fixed word for an imported item whose file came without one.</summary>
    private static string Tag(string hash) => hash.Length >= HashInTag ? hash[..HashInTag] : "bestand";
}
