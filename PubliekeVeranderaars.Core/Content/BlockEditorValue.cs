using System.Text.Json.Nodes;

namespace PubliekeVeranderaars.Core.Content;

/// <summary>
/// A block list's or block grid's stored value, read from either of Umbraco's two storage formats: up to 13 a block
/// names its element by UDI (<c>contentUdi</c>, <c>udi</c>) and the element's values are its other properties; from 14
/// by key (<c>contentKey</c>, <c>key</c>) with the values in a <c>values</c> list that carries a culture per value.
/// </summary>
public sealed record BlockEditorValue(
    IReadOnlyList<BlockLayoutItem> Layout,
    IReadOnlyDictionary<Guid, BlockElementData> Content,
    IReadOnlyDictionary<Guid, BlockElementData> Settings)
{
    private const string ElementUdiPrefix = "umb://element/";
    /// <summary>The 8-to-13 element keys that are not property values.</summary>
    private static readonly HashSet<string> ElementBookkeeping = new(StringComparer.OrdinalIgnoreCase) { "contentTypeKey", "udi", "key" };

    /// <summary>Null when the stored text is not a block value (empty, or some other JSON).</summary>
    public static BlockEditorValue? Read(string? stored)
    {
        // Umbraco's key names differ in case between versions and between their writers.
        if (string.IsNullOrWhiteSpace(stored) || StoredJson.TryParse(stored, ignoreCase: true) is not JsonObject root) return null;
        // The layout is keyed by the editor's alias ("Umbraco.BlockList", "Umbraco.BlockGrid", a package's own).
        if (root["layout"] is not JsonObject layout || layout.FirstOrDefault().Value is not JsonArray items) return null;
        return new BlockEditorValue(
            [.. items.OfType<JsonObject>().Select(LayoutItem).OfType<BlockLayoutItem>()],
            Elements(root["contentData"]),
            Elements(root["settingsData"]));
    }

    private static BlockLayoutItem? LayoutItem(JsonObject item)
    {
        if ((Key(item["contentKey"]) ?? Key(item["contentUdi"])) is not { } content) return null;
        var areas = item["areas"] is JsonArray list
            ? list.OfType<JsonObject>()
                .Select(a => Key(a["key"]) is { } areaKey
                    ? new BlockLayoutArea(areaKey, [.. (a["items"] as JsonArray ?? []).OfType<JsonObject>().Select(LayoutItem).OfType<BlockLayoutItem>()])
                    : null)
                .OfType<BlockLayoutArea>().ToList()
            : [];
        return new BlockLayoutItem(content, Key(item["settingsKey"]) ?? Key(item["settingsUdi"]),
            StoredJson.Int(item["columnSpan"]), StoredJson.Int(item["rowSpan"]), areas);
    }

    private static Dictionary<Guid, BlockElementData> Elements(JsonNode? data)
    {
        var elements = new Dictionary<Guid, BlockElementData>();
        foreach (var element in (data as JsonArray ?? []).OfType<JsonObject>())
        {
            if ((Key(element["key"]) ?? Key(element["udi"])) is not { } key || Key(element["contentTypeKey"]) is not { } type) continue;
            var values = element["values"] is JsonArray listed
                ? listed.OfType<JsonObject>()
                    .Where(v => StoredJson.Text(v["alias"]).Length > 0)
                    .Select(v => new BlockElementValue(StoredJson.Text(v["alias"]), StoredJson.Text(v["culture"]) is { Length: > 0 } c ? c : null, StoredJson.Text(v["value"])))
                    .ToList()
                : element.Where(p => !ElementBookkeeping.Contains(p.Key)).Select(p => new BlockElementValue(p.Key, null, StoredJson.Text(p.Value))).ToList();
            elements.TryAdd(key, new BlockElementData(key, type, values));
        }
        return elements;
    }

    /// <summary>A key as a GUID in any of its forms, or as an element UDI.</summary>
    internal static Guid? Key(JsonNode? node)
    {
        var text = StoredJson.Text(node);
        if (text.StartsWith(ElementUdiPrefix, StringComparison.OrdinalIgnoreCase)) text = text[ElementUdiPrefix.Length..];
        return Guid.TryParse(text, out var key) ? key : null;
    }

}

/// <summary>One block in the layout: its content element, its settings element, and for a grid its size and areas.</summary>
public sealed record BlockLayoutItem(Guid ContentKey, Guid? SettingsKey, int? ColumnSpan, int? RowSpan, IReadOnlyList<BlockLayoutArea> Areas);

/// <summary>An area of a grid block (named by the data type's configuration) and the blocks in it.</summary>
public sealed record BlockLayoutArea(Guid Key, IReadOnlyList<BlockLayoutItem> Items);

/// <summary>An element: its key, its element type, and its values (a culture per value from Umbraco 14).</summary>
public sealed record BlockElementData(Guid Key, Guid ContentTypeKey, IReadOnlyList<BlockElementValue> Values)
{
    /// <summary>The value for an alias: the culture's own when asked and present, else the invariant one.</summary>
    public string? ValueOf(string alias, string? culture = null) =>
        (culture is not null ? Values.FirstOrDefault(v => v.Alias == alias && string.Equals(v.Culture, culture, StringComparison.OrdinalIgnoreCase)) : null)?.Value
        ?? Values.FirstOrDefault(v => v.Alias == alias && v.Culture is null)?.Value
        ?? Values.FirstOrDefault(v => v.Alias == alias)?.Value;
}

public sealed record BlockElementValue(string Alias, string? Culture, string Value);
