using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Delivery;

namespace PubliekeVeranderaars.Web.Delivery;

/// <summary>
/// Umbraco's Content Delivery API v2, read from the published cache: a front end written for Umbraco works against
/// this site unchanged. Answers carry an ETag and Last-Modified, so clients revalidate for a 304.
/// </summary>
public static class DeliveryApiEndpoints
{
    public const string BasePath = "/umbraco/delivery/api/v2/content";
    public const string PreviewHeader = "Preview";
    public const string ApiKeyHeader = "Api-Key";
    public const string StartItemHeader = "Start-Item";
    /// <summary>What a content answer depends on besides its URL, as Umbraco's <c>AddVaryHeaderAttribute</c> says it.</summary>
    private const string Vary = "Accept-Language, Preview, Start-Item";
    /// <summary>Umbraco's body for a Start-Item that names no root.</summary>
    private const string UnknownStartItem = "The Start-Item could not be found";
    private const string NotFoundType = "https://tools.ietf.org/html/rfc9110#section-15.5.5";

    public static WebApplicationBuilder AddDeliveryApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DeliveryApiOptions>().BindConfiguration(DeliveryApiOptions.Section).ValidateOnStart();
        return builder;
    }

    public static WebApplication MapDeliveryApi(this WebApplication app)
    {
        // Endpoint names are Umbraco's operation ids, so the OpenAPI document names them as Umbraco's does.
        var api = app.MapGroup(BasePath).WithTags("Content").AddEndpointFilter(async (context, next) =>
        {
            context.HttpContext.Response.Headers.Append(HeaderNames.Vary, Vary);
            return await next(context);
        });
        api.MapGet("", Query).WithName("GetContent2.0");
        api.MapGet("item/{id:guid}", ItemById).WithName("GetContentItemById2.0");
        api.MapGet("item/{**path}", ItemByPath).WithName("GetContentItemByPath2.0");
        api.MapGet("items", Items).WithName("GetContentItems2.0");
        return app;
    }

    public static async Task<Results<JsonHttpResult<JsonObject>, StatusCodeHttpResult, ProblemHttpResult, NotFound<string>>> Query(
        HttpContext context, PublishedContentCache cache, IOptions<DeliveryApiOptions> options,
        string? fetch, string[]? filter, string[]? sort, string? skip, string? take, string? expand, string? fields)
    {
        var (query, error) = DeliveryQuery.Parse(fetch, filter ?? [], sort ?? [], skip, take);
        if (query is null) return TypedResults.Problem(type: "Error", title: error!.Title, detail: error.Detail, statusCode: StatusCodes.Status400BadRequest);
        if (Selections(expand, fields) is not { } selections) return InvalidSelection(expand, fields);
        var (snapshot, refused) = await SnapshotAsync(context, cache, options);
        if (snapshot is null) return refused!;
        if (!TryStartItem(context, snapshot, out var startItem)) return TypedResults.NotFound(UnknownStartItem);
        if (NotModified(context, snapshot)) return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        var (total, items) = query.Run(snapshot, startItem, Culture(context, snapshot));
        return TypedResults.Json(new JsonObject
        {
            ["total"] = total,
            ["items"] = new JsonArray([.. items.Select(i => (JsonNode)i.AsDeliveryItem(snapshot, selections.Expand, selections.Fields))]),
        });
    }

    public static Task<Results<JsonHttpResult<JsonObject>, StatusCodeHttpResult, ProblemHttpResult, NotFound<string>, RedirectHttpResult>> ItemById(
        HttpContext context, PublishedContentCache cache, IOptions<DeliveryApiOptions> options, Guid id, string? expand, string? fields) =>
        ItemAsync(context, cache, options, (snapshot, _, culture) => snapshot.ByKey(id)?.InCulture(culture), null, expand, fields);

    /// <summary>By path below the start item; an old path of a renamed or moved page answers with a 301 to its page, as Umbraco's.</summary>
    public static Task<Results<JsonHttpResult<JsonObject>, StatusCodeHttpResult, ProblemHttpResult, NotFound<string>, RedirectHttpResult>> ItemByPath(
        HttpContext context, PublishedContentCache cache, IOptions<DeliveryApiOptions> options, string? path, string? expand, string? fields) =>
        ItemAsync(context, cache, options, (snapshot, startItem, culture) => DeliveryQuery.Find(snapshot, path ?? "", startItem, culture), path ?? "", expand, fields);

    public static async Task<Results<JsonHttpResult<JsonArray>, StatusCodeHttpResult, ProblemHttpResult, NotFound<string>>> Items(
        HttpContext context, PublishedContentCache cache, IOptions<DeliveryApiOptions> options, Guid[]? id, string? expand, string? fields)
    {
        if (Selections(expand, fields) is not { } selections) return InvalidSelection(expand, fields);
        var (snapshot, refused) = await SnapshotAsync(context, cache, options);
        if (snapshot is null) return refused!;
        if (!TryStartItem(context, snapshot, out _)) return TypedResults.NotFound(UnknownStartItem);
        if (NotModified(context, snapshot)) return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        // Unknown or unpublished ids are left out, as in Umbraco: the answer lists what exists.
        var culture = Culture(context, snapshot);
        var found = (id ?? []).Distinct().Select(key => snapshot.ByKey(key)?.InCulture(culture)).OfType<PublishedContent>();
        return TypedResults.Json(new JsonArray([.. found.Select(i => (JsonNode)i.AsDeliveryItem(snapshot, selections.Expand, selections.Fields))]));
    }

    private static async Task<Results<JsonHttpResult<JsonObject>, StatusCodeHttpResult, ProblemHttpResult, NotFound<string>, RedirectHttpResult>> ItemAsync(
        HttpContext context, PublishedContentCache cache, IOptions<DeliveryApiOptions> options, Func<PublishedSnapshot, PublishedContent?, string?, PublishedContent?> find,
        string? path, string? expand, string? fields)
    {
        if (Selections(expand, fields) is not { } selections) return InvalidSelection(expand, fields);
        var (snapshot, refused) = await SnapshotAsync(context, cache, options);
        if (snapshot is null) return refused!;
        if (!TryStartItem(context, snapshot, out var startItem)) return TypedResults.NotFound(UnknownStartItem);
        var content = find(snapshot, startItem, Culture(context, snapshot));
        if (content is null && path is not null && Redirect(context, snapshot, path, startItem) is { } moved) return moved;
        if (content is null) return TypedResults.Problem(type: NotFoundType, title: "Not Found", statusCode: StatusCodes.Status404NotFound);
        if (NotModified(context, snapshot)) return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        return TypedResults.Json(content.AsDeliveryItem(snapshot, selections.Expand, selections.Fields));
    }

    /// <summary>
    /// The language <c>Accept-Language</c> asks for, when some page is in it: its first tag, matched by ISO code in any
    /// case, as Umbraco matches it. Anything else (no header, a language no page has) is the default language.
    /// </summary>
    private static string? Culture(HttpContext context, PublishedSnapshot snapshot)
    {
        if (snapshot.Languages.Count == 0) return null;
        var first = context.Request.Headers.AcceptLanguage.ToString().Split(',')[0].Split(';')[0].Trim();
        return first.Length == 0 ? null : snapshot.Languages.FirstOrDefault(l => string.Equals(l, first, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The <c>Start-Item</c> header's root; false when the header names none (Umbraco's 404).</summary>
    private static bool TryStartItem(HttpContext context, PublishedSnapshot snapshot, out PublishedContent? startItem)
    {
        startItem = null;
        var header = context.Request.Headers[StartItemHeader].ToString();
        if (header.Length == 0) return true;
        startItem = DeliveryQuery.StartItem(snapshot, header);
        return startItem is not null;
    }

    /// <summary>
    /// Umbraco answers an old path with a permanent redirect to the page's route, naming the start item in two headers
    /// so a front end can turn it into its own address.
    /// </summary>
    private static RedirectHttpResult? Redirect(HttpContext context, PublishedSnapshot snapshot, string path, PublishedContent? startItem)
    {
        var text = path.Contains('%') ? Uri.UnescapeDataString(path) : path;
        var route = (startItem?.Route ?? "/") + text.Trim('/');
        if (snapshot.RedirectFor(route) is not { } target || snapshot.ByRoute(target) is not { } page) return null;
        var root = snapshot.Root(page);
        context.Response.Headers["Location-Start-Item-Path"] = root.UrlSegment;
        context.Response.Headers["Location-Start-Item-Id"] = root.Key.ToString();
        return TypedResults.Redirect(target, permanent: true);
    }

    private sealed record SelectionPair(DeliveryPropertySelection? Expand, DeliveryPropertySelection? Fields);

    private static SelectionPair? Selections(string? expand, string? fields)
    {
        var (e, expandError) = DeliveryPropertySelection.Parse(expand, "expand");
        var (f, fieldsError) = DeliveryPropertySelection.Parse(fields, "fields");
        return expandError is null && fieldsError is null ? new SelectionPair(e, f) : null;
    }

    private static ProblemHttpResult InvalidSelection(string? expand, string? fields) =>
        TypedResults.Problem(type: "Error", title: "Invalid query", statusCode: StatusCodes.Status400BadRequest,
            detail: DeliveryPropertySelection.Parse(expand, "expand").Error ?? DeliveryPropertySelection.Parse(fields, "fields").Error);

    /// <summary>
    /// Drafts are for holders of the API key only: <c>Preview: true</c> with a valid <c>Api-Key</c> reads every page's
    /// newest version; without a valid key the request is refused, never quietly answered with published content.
    /// </summary>
    private static async Task<(PublishedSnapshot? Snapshot, ProblemHttpResult? Refusal)> SnapshotAsync(HttpContext context,
        PublishedContentCache cache, IOptions<DeliveryApiOptions> options)
    {
        if (!string.Equals(context.Request.Headers[PreviewHeader], "true", StringComparison.OrdinalIgnoreCase)) return (cache.Current, null);
        var key = options.Value.ApiKey;
        var given = context.Request.Headers[ApiKeyHeader].ToString();
        if (string.IsNullOrEmpty(key) || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(key)))
            return (null, TypedResults.Problem(title: "Preview needs a valid Api-Key", statusCode: StatusCodes.Status401Unauthorized));
        context.Response.Headers.CacheControl = "no-store";
        return (await cache.BuildPreviewAsync(context.RequestAborted), null);
    }

    /// <summary>
    /// Everything an answer depends on is the published snapshot and the URL, so the snapshot's generation and a hash
    /// of the URL make a strong ETag; Last-Modified is when the snapshot was built.
    /// </summary>
    private static bool NotModified(HttpContext context, PublishedSnapshot snapshot)
    {
        // A preview is built per request from drafts: it has no generation to tag, and is never revalidated.
        if (snapshot.Generation < 0) return false;
        var request = context.Request;
        // The URL and the headers the answer varies by (Vary): one start item's answer is never another's 304.
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{request.Path}{request.QueryString}\n{request.Headers[StartItemHeader]}\n{request.Headers.AcceptLanguage}")))[..16];
        var etag = $"\"{snapshot.Generation.ToString(CultureInfo.InvariantCulture)}-{hash}\"";
        var lastModified = new DateTimeOffset(DateTime.SpecifyKind(snapshot.BuiltUtc, DateTimeKind.Utc));
        var headers = context.Response.GetTypedHeaders();
        headers.ETag = new EntityTagHeaderValue(etag);
        headers.LastModified = lastModified;
        headers.CacheControl = new CacheControlHeaderValue { Public = true, NoCache = true };
        var requestHeaders = request.GetTypedHeaders();
        if (requestHeaders.IfNoneMatch.Count > 0)
            return requestHeaders.IfNoneMatch.Any(t => t.Tag == etag || t.Equals(EntityTagHeaderValue.Any));
        return requestHeaders.IfModifiedSince is { } since && lastModified.AddTicks(-(lastModified.Ticks % TimeSpan.TicksPerSecond)) <= since;
    }
}

/// <summary><c>DeliveryApi:*</c>: the key that previews (drafts) need; without one, previews are refused.</summary>
public sealed class DeliveryApiOptions
{
    public const string Section = "DeliveryApi";

    public string? ApiKey { get; set; }
}
