using System.Globalization;
using System.Text.Json.Nodes;
using PubliekeVeranderaars.Core.Media;

namespace PubliekeVeranderaars.Core.Delivery;

/// <summary>
/// Media in the JSON shapes of Umbraco's Delivery API v2: <c>ApiMediaWithCrops</c> inside a media picker's value, and
/// the same with its path and dates from the media endpoints. Written by hand, like the content items.
/// </summary>
public static class DeliveryMediaMapper
{
    private const string DateFormat = "yyyy-MM-ddTHH:mm:ss.FFFFFFF";
    /// <summary>Our alt text travels as a property, as on Umbraco sites that add one to the Image media type.</summary>
    public const string AltTextProperty = "altText";

    /// <summary>A picked item: its focal point is the pick's own when the picker set one, else the item's.</summary>
    /// <param name="crops">The picker's data type's crops; <paramref name="localCrops"/> the coordinates the pick itself set.</param>
    public static JsonObject WithCrops(MediaItem item, IReadOnlyList<MediaCrop> crops, MediaFocalPoint? localFocus = null,
        IReadOnlyDictionary<string, JsonObject>? localCrops = null) =>
        Write(item, crops, localFocus, path: null, localCrops);

    /// <summary>An item as <c>/media/item/{id}</c> returns it.</summary>
    public static JsonObject Response(MediaItem item, IReadOnlyList<MediaCrop> crops, string path) => Write(item, crops, null, path);

    private static JsonObject Write(MediaItem item, IReadOnlyList<MediaCrop> crops, MediaFocalPoint? localFocus, string? path,
        IReadOnlyDictionary<string, JsonObject>? localCrops = null)
    {
        var json = new JsonObject();
        if (path is not null)
        {
            json["path"] = path;
            json["createDate"] = Date(item.CreateDate);
            json["updateDate"] = Date(item.UpdateDate);
        }
        var focus = localFocus ?? (item.FocalLeft is { } l && item.FocalTop is { } t ? new MediaFocalPoint(l, t) : null);
        json["focalPoint"] = item.IsImage && focus is { } f ? new JsonObject { ["left"] = f.Left, ["top"] = f.Top } : null;
        json["crops"] = item.IsImage
            ? new JsonArray([.. crops.Select(c => (JsonNode)new JsonObject
            {
                ["alias"] = c.Alias, ["width"] = c.Width, ["height"] = c.Height,
                ["coordinates"] = localCrops?.GetValueOrDefault(c.Alias)?.DeepClone(),
            })])
            : new JsonArray();
        json["id"] = item.Key.ToString();
        json["name"] = item.Name;
        json["mediaType"] = item.MediaTypeAlias;
        json["url"] = item.Src;
        json["extension"] = item.IsFolder ? null : item.Extension;
        json["width"] = item.Width;
        json["height"] = item.Height;
        json["bytes"] = item.IsFolder ? null : item.Bytes;
        var properties = new JsonObject();
        if (item.IsImage) properties[AltTextProperty] = item.IsDecorative ? "" : item.AltText;
        json["properties"] = properties;
        return json;
    }

    /// <summary>Umbraco's media path: the URL segments of the item's folders and its own name, with slashes around.</summary>
    public static string PathOf(MediaItem item, Func<Guid, MediaItem?> find)
    {
        var segments = new List<string>();
        for (MediaItem? m = item; m is not null && segments.Count < 64; m = m.ParentKey is { } p ? find(p) : null)
            segments.Add(Content.UrlSegments.FromName(m.Name));
        segments.Reverse();
        return "/" + string.Join('/', segments) + "/";
    }

    private static string Date(DateTime value) => value.ToString(DateFormat, CultureInfo.InvariantCulture);
}
