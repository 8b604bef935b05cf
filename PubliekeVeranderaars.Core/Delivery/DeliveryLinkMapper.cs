using System.Text.Json.Nodes;
using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Media;

namespace PubliekeVeranderaars.Core.Delivery;

/// <summary>
/// The multi-node tree picker and the multi URL picker in the output shapes of Umbraco's Delivery API v2: a list of
/// content items (or media), and a list of <c>ApiLink</c>s. Whatever Umbraco version stored the value; picks of pages
/// that are not published, or of media gone from the library, are left out, as Umbraco leaves them out.
/// </summary>
public static class DeliveryLinkMapper
{
    private const string DocumentUdiPrefix = "umb://document/";
    private const string ExternalLink = "External";

    /// <summary>A list of items (references unless <paramref name="expand"/> names the picker) and media.</summary>
    public static JsonNode MultiNodeTreePicker(PublishedProperty property, PublishedSnapshot snapshot, DeliveryPropertySelection? expand,
        DeliveryPropertySelection? nestedFields, string? culture = null)
    {
        var picks = StoredJson.TryStrings(property.Value, out var listed)
            ? listed
            : property.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var items = new JsonArray();
        foreach (var udi in picks)
        {
            if (DocumentKey(udi) is { } key && snapshot.ByKey(key)?.InCulture(culture) is { } page)
                items.Add(DeliveryItemMapper.Reference(page, snapshot, property.Alias, expand, nestedFields));
            else if (MediaUdi.Parse(udi) is { } mediaKey && snapshot.Media.GetValueOrDefault(mediaKey) is { IsFolder: false } media)
                items.Add(ApiMedia(media));
        }
        return items;
    }

    /// <summary>A list of Umbraco's <c>ApiLink</c>: <c>url</c>, <c>queryString</c>, <c>title</c>, <c>target</c>, <c>destinationId</c>,
    /// <c>destinationType</c>, <c>route</c>, <c>linkType</c> (Content, Media or External).</summary>
    public static JsonNode? MultiUrlPicker(PublishedProperty property, PublishedSnapshot snapshot)
    {
        if (StoredJson.TryParse(property.Value) is not JsonArray stored) return null;
        var links = new JsonArray();
        foreach (var link in stored.OfType<JsonObject>())
        {
            var title = Text(link["name"]);
            var queryString = Text(link["queryString"]);
            var target = Text(link["target"]);
            // Up to 13 a link names its page or media by UDI; from 14 by "type" and "unique".
            var type = Text(link["type"])?.ToLowerInvariant();
            var udi = Text(link["udi"]);
            var unique = Guid.TryParse(Text(link["unique"]), out var u) ? u : (Guid?)null;
            var pageKey = type == "document" ? unique : DocumentKey(udi);
            var mediaKey = type == "media" ? unique : MediaUdi.Parse(udi);
            if (pageKey is { } key)
            {
                if (snapshot.ByKey(key) is not { } page) continue;
                links.Add(Link(null, queryString, title ?? page.Name, target, page.Key, page.ContentTypeAlias,
                    DeliveryItemMapper.Route(page, snapshot), "Content"));
            }
            else if (mediaKey is { } m)
            {
                if (snapshot.Media.GetValueOrDefault(m) is not { IsFolder: false } media) continue;
                links.Add(Link(media.Src, queryString, title ?? media.Name, target, media.Key, media.MediaTypeAlias, null, "Media"));
            }
            else if (Text(link["url"]) is { } url)
            {
                links.Add(Link(url, queryString, title, target, null, null, null, ExternalLink));
            }
        }
        return links;
    }

    private static JsonObject Link(string? url, string? queryString, string? title, string? target, Guid? destinationId,
        string? destinationType, JsonObject? route, string linkType) => new()
    {
        ["url"] = url,
        ["queryString"] = queryString,
        ["title"] = title,
        ["target"] = target,
        ["destinationId"] = destinationId?.ToString(),
        ["destinationType"] = destinationType,
        ["route"] = route,
        ["linkType"] = linkType,
    };

    /// <summary>Umbraco's <c>ApiMedia</c>: the media item without a picker's crops and focal point.</summary>
    private static JsonObject ApiMedia(MediaItem media)
    {
        var json = DeliveryMediaMapper.WithCrops(media, []);
        json.Remove("focalPoint");
        json.Remove("crops");
        return json;
    }

    private static Guid? DocumentKey(string? udi) =>
        udi is not null && udi.StartsWith(DocumentUdiPrefix, StringComparison.OrdinalIgnoreCase) && Guid.TryParse(udi.AsSpan(DocumentUdiPrefix.Length), out var key)
            ? key : null;

    /// <summary>Text, or null for a missing or empty value (Umbraco 14 stores an empty target as "").</summary>
    private static string? Text(JsonNode? node) => StoredJson.Text(node) is { Length: > 0 } text ? text : null;
}
