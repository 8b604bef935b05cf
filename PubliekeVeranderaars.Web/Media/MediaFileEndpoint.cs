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

    public static async Task<IResult> ServeAsync(HttpContext context, string folder, string name, MediaCache media,
        IMediaFileStore files, MediaVariantCache variants, CancellationToken ct)
    {
        var src = $"{MediaPaths.Prefix}{folder}/{name}";
        if (!MediaPaths.IsValidSrc(src)) return Results.NotFound();
        var item = await media.FindAsync(src, ct);
        if (item is null || item.IsFolder) return Results.NotFound();

        var headers = context.Response.Headers;
        headers[HeaderNames.CacheControl] = ImmutableCacheControl;
        headers[HeaderNames.ContentSecurityPolicy] = MediaContentSecurityPolicy;
        headers[HeaderNames.XContentTypeOptions] = "nosniff";

        var query = context.Request.Query;
        var variant = item.IsImage
            ? MediaVariant.FromQuery(key => query[key].FirstOrDefault(), item.Extension, item.Width ?? 0, item.Height ?? 0, item.FocalPoint,
                context.Request.Headers.Accept.ToString(), await media.CropProportionsAsync(ct))
            : null;
        if (variant is null)
        {
            var file = await files.LocalPathAsync(src, ct);
            if (file is null) return Results.NotFound();
            // A document (a PDF) is downloaded, not opened inside the site's own origin: whatever a reader does with it,
            // it does outside the site.
            return Results.File(file, MediaFileKinds.ContentType(item.Extension), fileDownloadName: item.IsImage ? null : name,
                entityTag: new EntityTagHeaderValue($"\"{Tag(item.ContentHash)}\""), enableRangeProcessing: true);
        }

        // The format follows Accept unless the address names one: caches must keep one copy per kind of browser.
        if (string.IsNullOrEmpty(query["format"])) headers.Append(HeaderNames.Vary, HeaderNames.Accept);
        MediaServedFile? served;
        try
        {
            served = await media.ServedAsync($"{src}|{variant.Tag}", async () =>
            {
                // Looked for on disk only the first time: after that the request is answered from memory.
                var original = await files.LocalPathAsync(src, ct);
                if (original is null) return null;
                var path = await variants.GetAsync(item, original, variant, ct);
                return path == original
                    ? new MediaServedFile(original, MediaFileKinds.ContentType(item.Extension), new FileInfo(original).Length, $"\"{Tag(item.ContentHash)}\"")
                    : new MediaServedFile(path, MediaFileKinds.ContentType(variant.Extension), new FileInfo(path).Length, $"\"{Tag(item.ContentHash)}-{variant.Tag}\"");
            }, ct);
        }
        catch (MediaBusyException)
        {
            headers[HeaderNames.CacheControl] = "no-store";
            headers[HeaderNames.RetryAfter] = RetryAfterSeconds;
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }
        return served is null ? Results.NotFound() : new ServedFileResult(served);
    }

    /// <summary>
    /// A variant as it is sent a thousand times a second: headers from memory, a 304 for a matching ETag, a small
    /// file's bytes from memory and a larger one by sendfile. Variants are small and whole: no ranges.
    /// </summary>
    private sealed class ServedFileResult(MediaServedFile file) : IResult
    {
        public async Task ExecuteAsync(HttpContext context)
        {
            var response = context.Response;
            response.Headers[HeaderNames.ETag] = file.ETag;
            if (context.Request.Headers.IfNoneMatch.Any(tag => tag is not null && tag.Contains(file.ETag, StringComparison.Ordinal)))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }
            response.ContentType = file.ContentType;
            response.ContentLength = file.Length;
            if (HttpMethods.IsHead(context.Request.Method)) return;
            if (file.Content is { } content)
            {
                await response.BodyWriter.WriteAsync(content, context.RequestAborted);
                return;
            }
            try
            {
                await response.SendFileAsync(file.Path, context.RequestAborted);
            }
            catch (Exception gone) when (gone is FileNotFoundException or DirectoryNotFoundException && !response.HasStarted)
            {
                // The variant folder was emptied by hand: the next request renders it again.
                response.Headers.Remove(HeaderNames.ETag);
                response.ContentLength = null;
                response.StatusCode = StatusCodes.Status404NotFound;
            }
        }
    }

    /// <summary>The file's hash, or a fixed word for an imported item whose file came without one.</summary>
    private static string Tag(string hash) => hash.Length >= HashInTag ? hash[..HashInTag] : "bestand";
}
