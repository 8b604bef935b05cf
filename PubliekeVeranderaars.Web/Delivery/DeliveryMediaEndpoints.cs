using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Delivery;
using PubliekeVeranderaars.Core.Media;

namespace PubliekeVeranderaars.Web.Delivery;

/// <summary>
/// Umbraco's Delivery API for media (<c>/umbraco/delivery/api/v2/media…</c>), from the published snapshot's copy of
/// the library: items by id, path or several ids, and the children of a folder.
/// </summary>
public static class DeliveryMediaEndpoints
{
    public const string BasePath = "/umbraco/delivery/api/v2/media";

    public static WebApplication MapDeliveryMediaApi(this WebApplication app)
    {
        var api = app.MapGroup(BasePath).WithTags("Media");
        api.MapGet("", Query).WithName("GetMedia2.0");
        api.MapGet("item/{id:guid}", ItemById).WithName("GetMediaItemById2.0");
        api.MapGet("item/{**path}", ItemByPath).WithName("GetMediaItemByPath2.0");
        api.MapGet("items", Items).WithName("GetMediaItems2.0");
        return app;
    }

    public static async Task<Results<JsonHttpResult<JsonObject>, ProblemHttpResult>> Query(PublishedContentCache cache, MediaCrops crops,
        string? fetch, string[]? filter, string[]? sort, string? skip, string? take, CancellationToken ct)
    {
        var (query, error) = DeliveryMediaQuery.Parse(fetch, filter ?? [], sort ?? [], skip, take);
        if (query is null) return TypedResults.Problem(title: "Bad Request", detail: error, statusCode: StatusCodes.Status400BadRequest);
        var media = cache.Current.Media;
        var allCrops = await crops.AllAsync(ct);
        var (total, items) = query.Run(media);
        return TypedResults.Json(new JsonObject
        {
            ["total"] = total,
            ["items"] = new JsonArray([.. items.Select(m => (JsonNode)Response(m, media, allCrops))]),
        });
    }

    public static Task<Results<JsonHttpResult<JsonObject>, ProblemHttpResult>> ItemById(PublishedContentCache cache, MediaCrops crops, Guid id, CancellationToken ct) =>
        ItemAsync(cache, crops, media => media.GetValueOrDefault(id), ct);

    public static Task<Results<JsonHttpResult<JsonObject>, ProblemHttpResult>> ItemByPath(PublishedContentCache cache, MediaCrops crops, string? path, CancellationToken ct) =>
        ItemAsync(cache, crops, media => DeliveryMediaQuery.Find(media, path ?? ""), ct);

    public static async Task<JsonHttpResult<JsonArray>> Items(PublishedContentCache cache, MediaCrops crops, Guid[]? id, CancellationToken ct)
    {
        var media = cache.Current.Media;
        var allCrops = await crops.AllAsync(ct);
        // Unknown ids are left out, as in Umbraco: the answer lists what exists.
        var found = (id ?? []).Distinct().Select(k => media.GetValueOrDefault(k)).OfType<MediaItem>();
        return TypedResults.Json(new JsonArray([.. found.Select(m => (JsonNode)Response(m, media, allCrops))]));
    }

    private static async Task<Results<JsonHttpResult<JsonObject>, ProblemHttpResult>> ItemAsync(PublishedContentCache cache, MediaCrops crops,
        Func<IReadOnlyDictionary<Guid, MediaItem>, MediaItem?> find, CancellationToken ct)
    {
        var media = cache.Current.Media;
        if (find(media) is not { } item)
            return TypedResults.Problem(title: "Not Found", statusCode: StatusCodes.Status404NotFound);
        return TypedResults.Json(Response(item, media, await crops.AllAsync(ct)));
    }

    private static JsonObject Response(MediaItem item, IReadOnlyDictionary<Guid, MediaItem> media, IReadOnlyList<MediaCrop> crops) =>
        DeliveryMediaMapper.Response(item, crops, DeliveryMediaMapper.PathOf(item, k => media.GetValueOrDefault(k)));
}
