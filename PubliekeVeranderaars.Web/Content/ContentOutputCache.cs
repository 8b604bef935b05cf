using System.Collections.Concurrent;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Signatures;

namespace PubliekeVeranderaars.Web.Content;

/// <summary>
/// Rendered pages kept in memory until the next publish, and sent from the front of the pipeline. A published page
/// is the same for every visitor: rendering it again, or taking each request through authentication, routing, the
/// request log and ASP.NET Core's output cache (which deserialises its entry on every hit) would spend the CPU that
/// the forms need. Pages show the signature count too, so a confirmation also makes them render anew. A page with
/// something of the visitor's own (a form's antiforgery token) is never kept (<see cref="DoNotStore"/>).
/// </summary>
public sealed class ContentOutputCache(PublishedContentCache content, SignatureCounter signatures)
{
    /// <summary>Pages are dropped on publish anyway; these bound what addresses nobody links to can make us keep.</summary>
    public const int MaxPages = 5_000;
    public const long MaxBytes = 64L * 1024 * 1024;
    /// <summary>A page larger than this is rendered for each request (no public page comes near it).</summary>
    public const int MaxPageBytes = 1024 * 1024;

    /// <summary>Headers the server writes for each response itself, or that would be wrong to repeat.</summary>
    private static readonly HashSet<string> NotKept = new(StringComparer.OrdinalIgnoreCase)
    {
        HeaderNames.Date, HeaderNames.ContentLength, HeaderNames.TransferEncoding, HeaderNames.Server, HeaderNames.SetCookie,
    };

    private volatile Generation _current = new(-1, -1);

    /// <summary>The pages rendered from one published snapshot and one signature count.</summary>
    private sealed class Generation(long content, long signatures)
    {
        public readonly long Content = content;
        public readonly long Signatures = signatures;
        public readonly ConcurrentDictionary<string, CachedPage> Pages = new(StringComparer.Ordinal);
        public long Bytes;
    }

    private sealed record CachedPage(KeyValuePair<string, StringValues>[] Headers, byte[] Body);

    /// <summary>What a render of a page needs to be kept: where to keep it and the copy of what it wrote.</summary>
    private sealed class ContentOutputCacheFeature(Generation generation, string key)
    {
        public Generation Generation { get; } = generation;
        public string Key { get; } = key;
        public ContentOutputCaptureStream? Capture { get; set; }
        public bool MayStore { get; set; }
    }

    /// <summary>Serves a kept page, or lets the page render and keeps it when <see cref="Store"/> said it may.</summary>
    internal async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        var get = HttpMethods.IsGet(request.Method);
        if (!(get || HttpMethods.IsHead(request.Method)) || request.Headers.ContainsKey(HeaderNames.Authorization))
        {
            await next(context);
            return;
        }
        var generation = CurrentGeneration();
        var key = string.Concat(request.Scheme, "://", request.Host.Value, request.PathBase.Value, request.Path.Value, request.QueryString.Value);
        if (generation.Pages.TryGetValue(key, out var page))
        {
            await ServeAsync(context, page);
            return;
        }
        if (!get)
        {
            await next(context);
            return;
        }
        var feature = new ContentOutputCacheFeature(generation, key);
        context.Features.Set(feature);
        await next(context);
        if (feature.Capture is { } capture) Keep(context, feature, capture);
    }

    /// <summary>
    /// Marks this render as one for every visitor and copies what it writes; kept when it ends as a plain 200 for an
    /// anonymous visitor that set no cookie and allowed caching.
    /// </summary>
    public static void Store(HttpContext context)
    {
        if (context.Features.Get<ContentOutputCacheFeature>() is not { } feature) return;
        feature.MayStore = true;
        if (feature.Capture is not null) return;
        feature.Capture = new ContentOutputCaptureStream(context.Response.Body, MaxPageBytes);
        context.Response.Body = feature.Capture;
    }

    /// <summary>Keeps this response out of the shared cache (it carries something of this visitor's own).</summary>
    public static void DoNotStore(HttpContext context)
    {
        if (context.Features.Get<ContentOutputCacheFeature>() is { } feature) feature.MayStore = false;
    }

    private Generation CurrentGeneration()
    {
        var current = _current;
        var (contentGeneration, signatureGeneration) = (content.Current.Generation, signatures.Generation);
        if (current.Content == contentGeneration && current.Signatures == signatureGeneration) return current;
        // A publish or a confirmation: the pages rendered before it go, all at once.
        var next = new Generation(contentGeneration, signatureGeneration);
        return Interlocked.CompareExchange(ref _current, next, current) == current ? next : _current;
    }

    private void Keep(HttpContext context, ContentOutputCacheFeature feature, ContentOutputCaptureStream capture)
    {
        var response = context.Response;
        if (!feature.MayStore || capture.Content is not { } body || response.StatusCode != StatusCodes.Status200OK
            || context.User.Identity?.IsAuthenticated == true || response.Headers.ContainsKey(HeaderNames.SetCookie)
            || response.Headers.CacheControl.Any(value => value is not null
                && (value.Contains("no-store", StringComparison.OrdinalIgnoreCase) || value.Contains("private", StringComparison.OrdinalIgnoreCase))))
            return;
        var generation = feature.Generation;
        if (generation.Pages.Count >= MaxPages || Interlocked.Add(ref generation.Bytes, body.Length) > MaxBytes) return;
        var headers = response.Headers.Where(header => !NotKept.Contains(header.Key)).ToArray();
        generation.Pages.TryAdd(feature.Key, new CachedPage(headers, body));
    }

    private static Task ServeAsync(HttpContext context, CachedPage page)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        foreach (var (name, value) in page.Headers) response.Headers[name] = value;
        response.ContentLength = page.Body.Length;
        return HttpMethods.IsHead(context.Request.Method)
            ? Task.CompletedTask
            : response.BodyWriter.WriteAsync(page.Body, context.RequestAborted).AsTask();
    }
}

public static class ContentPagesExtensions
{
    public static WebApplicationBuilder AddContentPages(this WebApplicationBuilder builder)
    {
        builder.Services.AddControllersWithViews();
        builder.Services.AddSingleton<ContentOutputCache>();
        return builder;
    }

    /// <summary>Before everything a page does not need; pages served from here are counted in metrics, not logged.</summary>
    public static WebApplication UseContentOutputCache(this WebApplication app)
    {
        app.Use(app.Services.GetRequiredService<ContentOutputCache>().InvokeAsync);
        return app;
    }

    public static WebApplication MapContentPages(this WebApplication app)
    {
        app.MapControllers();
        return app;
    }
}

/// <summary>Passes a render's bytes on and keeps a copy, up to a limit (past it, no copy).</summary>
internal sealed class ContentOutputCaptureStream(Stream inner, int limit) : Stream
{
    private MemoryStream? _copy = new();

    /// <summary>Everything written, or null when it was more than the limit.</summary>
    public byte[]? Content => _copy?.ToArray();

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Copy(buffer);
        inner.Write(buffer);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Copy(buffer.Span);
        return inner.WriteAsync(buffer, cancellationToken);
    }

    private void Copy(ReadOnlySpan<byte> buffer)
    {
        if (_copy is null) return;
        if (_copy.Length + buffer.Length > limit) _copy = null;
        else _copy.Write(buffer);
    }

    public override void Flush() => inner.Flush();
    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
