using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http.Features;
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
    /// <summary>
    /// Pages are dropped on publish anyway; these bound what addresses nobody links to (any query string, any case)
    /// can make us keep. When they are reached the kept pages are dropped and kept anew: a flood of such addresses
    /// then costs the popular pages one render each, not their place in the cache.
    /// </summary>
    public const int MaxPages = 5_000;
    public const long MaxBytes = 64L * 1024 * 1024;
    /// <summary>
    /// A page is rendered again at least this often: a signature count confirmed on another node reaches this one's
    /// pages within this time even when nothing here asks for the count.
    /// </summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    /// <summary>A page larger than this is rendered for each request (no public page comes near it).</summary>
    public const int MaxPageBytes = 1024 * 1024;

    /// <summary>
    /// Headers the server writes for each response itself, or that belong to the connection of the request that
    /// rendered the page (a <c>Connection: close</c> repeated would close every later visitor's connection).
    /// </summary>
    private static readonly HashSet<string> NotKept = new(StringComparer.OrdinalIgnoreCase)
    {
        HeaderNames.Date, HeaderNames.ContentLength, HeaderNames.TransferEncoding, HeaderNames.Server, HeaderNames.SetCookie,
        HeaderNames.Connection, HeaderNames.KeepAlive, HeaderNames.Upgrade, HeaderNames.ProxyConnection, HeaderNames.Trailer,
    };

    private volatile Generation _current = new(-1, -1, 0);

    /// <summary>The pages rendered from one published snapshot and one signature count, until <see cref="Until"/>.</summary>
    private sealed class Generation(long content, long signatures, long until)
    {
        public readonly long Content = content;
        public readonly long Signatures = signatures;
        /// <summary>In <see cref="Environment.TickCount64"/>'s milliseconds.</summary>
        public readonly long Until = until;
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
        public ContentOutputCacheDecision Decision { get; set; }
    }

    /// <summary>What the render said about keeping it; <see cref="Refused"/> is final.</summary>
    private enum ContentOutputCacheDecision
    {
        /// <summary>Nothing said: not kept (a page is kept only when its controller asks).</summary>
        Undecided,
        Store,
        /// <summary>The render holds something of the visitor's own; nothing makes it storable again.</summary>
        Refused,
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
        // The address as sent (still percent-encoded): a decoded path could hold a "?" and pass for another address.
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw ? raw : request.Path.Value + request.QueryString.Value;
        var key = string.Concat(request.Scheme, "://", request.Host.Value, request.PathBase.Value, target);
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
        if (context.Features.Get<ContentOutputCacheFeature>() is not { } feature || feature.Decision == ContentOutputCacheDecision.Refused) return;
        feature.Decision = ContentOutputCacheDecision.Store;
        if (feature.Capture is not null) return;
        feature.Capture = new ContentOutputCaptureStream(context.Response.Body, MaxPageBytes);
        context.Response.Body = feature.Capture;
    }

    /// <summary>Keeps this response out of the shared cache (it carries something of this visitor's own).</summary>
    public static void DoNotStore(HttpContext context)
    {
        if (context.Features.Get<ContentOutputCacheFeature>() is not { } feature) return;
        feature.Decision = ContentOutputCacheDecision.Refused;
        feature.Capture?.Stop();
    }

    private Generation CurrentGeneration()
    {
        var current = _current;
        var (contentGeneration, signatureGeneration) = (content.Current.Generation, signatures.Generation);
        if (current.Content == contentGeneration && current.Signatures == signatureGeneration && Environment.TickCount64 < current.Until)
            return current;
        // A publish or a confirmation (or the lifetime's end): the pages rendered before it go, all at once.
        return Replace(current, contentGeneration, signatureGeneration);
    }

    private Generation Replace(Generation current, long contentGeneration, long signatureGeneration)
    {
        var next = new Generation(contentGeneration, signatureGeneration, Environment.TickCount64 + (long)Lifetime.TotalMilliseconds);
        return Interlocked.CompareExchange(ref _current, next, current) == current ? next : _current;
    }

    private void Keep(HttpContext context, ContentOutputCacheFeature feature, ContentOutputCaptureStream capture)
    {
        var response = context.Response;
        if (feature.Decision != ContentOutputCacheDecision.Store || response.StatusCode != StatusCodes.Status200OK
            || context.User.Identity?.IsAuthenticated == true || response.Headers.ContainsKey(HeaderNames.SetCookie)
            || response.Headers.CacheControl.Any(value => value is not null
                && (value.Contains("no-store", StringComparison.OrdinalIgnoreCase) || value.Contains("private", StringComparison.OrdinalIgnoreCase)))
            || capture.Content is not { } body)
            return;
        var generation = feature.Generation;
        if (generation.Pages.Count >= MaxPages || Interlocked.Read(ref generation.Bytes) + body.Length > MaxBytes)
        {
            // Full: start over, unless a publish already did (then this page belongs to the generation going).
            if (_current != generation) return;
            generation = Replace(generation, generation.Content, generation.Signatures);
            if (generation.Content != feature.Generation.Content || generation.Signatures != feature.Generation.Signatures) return;
        }
        var headers = response.Headers.Where(header => !NotKept.Contains(header.Key)).ToArray();
        if (generation.Pages.TryAdd(feature.Key, new CachedPage(headers, body))) Interlocked.Add(ref generation.Bytes, body.Length);
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

    /// <summary>
    /// Everything written, or null when it was more than the limit. A copy of its exact length: the stream's own
    /// buffer can be up to twice as large, and the cache counts what it keeps against its byte budget.
    /// </summary>
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

    /// <summary>No copy from here on: what was rendered is not to be kept.</summary>
    public void Stop() => _copy = null;

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
