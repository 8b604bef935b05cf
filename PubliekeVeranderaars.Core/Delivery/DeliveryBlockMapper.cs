using System.Text.Json.Nodes;
using PubliekeVeranderaars.Core.Content;

namespace PubliekeVeranderaars.Core.Delivery;

/// <summary>
/// Block lists, block grids and nested content in the output shapes of Umbraco's Delivery API v2 (<c>ApiBlockListModel</c>,
/// <c>ApiBlockGridModel</c>, <c>ApiElement</c>), whichever of Umbraco's storage formats the value was saved in. Each
/// element's properties come out typed by its element type, like a page's; a block whose element type is unknown is
/// left out, as Umbraco leaves it out.
/// </summary>
public static class DeliveryBlockMapper
{
    /// <summary>Umbraco's default when a block grid's data type names no column count.</summary>
    private const int DefaultGridColumns = 12;

    /// <summary><c>{"items":[{"content":…,"settings":…}]}</c>.</summary>
    public static JsonNode? BlockList(PublishedProperty property, PublishedSnapshot snapshot, DeliveryPropertySelection? expand)
    {
        if (BlockEditorValue.Read(property.Value) is not { } value) return null;
        var items = new JsonArray();
        foreach (var block in value.Layout)
            if (Block(block, value, snapshot, expand) is { } pair)
                items.Add(new JsonObject { ["content"] = pair.Content, ["settings"] = pair.Settings });
        return new JsonObject { ["items"] = items };
    }

    /// <summary><c>{"gridColumns":12,"items":[{"rowSpan","columnSpan","areaGridColumns","areas":[…],"content","settings"}]}</c>.</summary>
    public static JsonNode? BlockGrid(PublishedProperty property, PublishedSnapshot snapshot, DeliveryPropertySelection? expand)
    {
        if (BlockEditorValue.Read(property.Value) is not { } value) return null;
        var config = snapshot.DataTypes.GetValueOrDefault(property.DataTypeKey)?.Config();
        var gridColumns = StoredJson.Int(config?["gridColumns"]) ?? DefaultGridColumns;
        // The data type names each block's areas (alias, size) and how many columns its areas are laid out on.
        var blocks = (config?["blocks"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(b => (Type: BlockEditorValue.Key(b["contentElementTypeKey"]), Config: b))
            .Where(b => b.Type is not null)
            .GroupBy(b => b.Type!.Value).ToDictionary(g => g.Key, g => g.First().Config);
        var areas = blocks.Values.SelectMany(b => (b["areas"] as JsonArray ?? []).OfType<JsonObject>())
            .Select(a => (Key: BlockEditorValue.Key(a["key"]), Config: a)).Where(a => a.Key is not null)
            .GroupBy(a => a.Key!.Value).ToDictionary(g => g.Key, g => g.First().Config);

        JsonArray Items(IEnumerable<BlockLayoutItem> layout)
        {
            var items = new JsonArray();
            foreach (var block in layout)
            {
                if (Block(block, value, snapshot, expand) is not { } pair) continue;
                var blockConfig = value.Content.TryGetValue(block.ContentKey, out var data) ? blocks.GetValueOrDefault(data.ContentTypeKey) : null;
                items.Add(new JsonObject
                {
                    ["rowSpan"] = block.RowSpan ?? 1,
                    ["columnSpan"] = block.ColumnSpan ?? gridColumns,
                    ["areaGridColumns"] = StoredJson.Int(blockConfig?["areaGridColumns"]) ?? gridColumns,
                    ["areas"] = new JsonArray([.. block.Areas.Select(area =>
                    {
                        var areaConfig = areas.GetValueOrDefault(area.Key);
                        return (JsonNode)new JsonObject
                        {
                            ["alias"] = StoredJson.Text(areaConfig?["alias"]),
                            ["rowSpan"] = StoredJson.Int(areaConfig?["rowSpan"]) ?? 1,
                            ["columnSpan"] = StoredJson.Int(areaConfig?["columnSpan"]) ?? gridColumns,
                            ["items"] = Items(area.Items),
                        };
                    })]),
                    ["content"] = pair.Content,
                    ["settings"] = pair.Settings,
                });
            }
            return items;
        }
        return new JsonObject { ["gridColumns"] = gridColumns, ["items"] = Items(value.Layout) };
    }

    /// <summary>
    /// Rich text as Umbraco's <c>RichTextModel</c>: <c>{"markup":…,"blocks":[{"content":…,"settings":…}]}</c>, the
    /// blocks in their layout's order and each marker in the markup naming its block by <c>data-content-id</c>.
    /// </summary>
    public static JsonNode RichText(PublishedProperty property, PublishedSnapshot snapshot, DeliveryPropertySelection? expand)
    {
        var blocks = new JsonArray();
        if (BlockEditorValue.Read(property.RichTextBlocks) is { } value)
            foreach (var block in value.Layout)
                if (Block(block, value, snapshot, expand) is { } pair)
                    blocks.Add(new JsonObject { ["content"] = pair.Content, ["settings"] = pair.Settings });
        return new JsonObject { ["markup"] = RichTextBlockTags.ForDelivery(property.Value), ["blocks"] = blocks };
    }

    /// <summary>Umbraco 8–13's nested content: a list of elements, or one element when the data type allows exactly one.</summary>
    public static JsonNode? NestedContent(PublishedProperty property, PublishedSnapshot snapshot, DeliveryPropertySelection? expand)
    {
        if (StoredJson.TryParse(property.Value) is not JsonArray stored) return null;
        var elements = new JsonArray();
        foreach (var item in stored.OfType<JsonObject>())
        {
            var alias = StoredJson.Text(item["ncContentTypeAlias"]);
            if (!snapshot.Types.TryGetValue(alias, out var type)) continue;
            var key = BlockEditorValue.Key(item["key"]) ?? Guid.Empty;
            var values = item.Where(p => p.Key is not ("key" or "name" or "ncContentTypeAlias"))
                .Select(p => new BlockElementValue(p.Key, null, StoredJson.Text(p.Value))).ToList();
            elements.Add(Element(new BlockElementData(key, type.Key, values), type, snapshot, expand));
        }
        var config = snapshot.DataTypes.GetValueOrDefault(property.DataTypeKey)?.Config();
        var single = StoredJson.Int(config?["minItems"]) == 1 && StoredJson.Int(config?["maxItems"]) == 1;
        return single ? elements.FirstOrDefault()?.DeepClone() : elements;
    }

    private static (JsonObject Content, JsonObject? Settings)? Block(BlockLayoutItem block, BlockEditorValue value, PublishedSnapshot snapshot,
        DeliveryPropertySelection? expand)
    {
        if (!value.Content.TryGetValue(block.ContentKey, out var data) || snapshot.TypeByKey(data.ContentTypeKey) is not { } type) return null;
        var settings = block.SettingsKey is { } s && value.Settings.TryGetValue(s, out var settingsData) && snapshot.TypeByKey(settingsData.ContentTypeKey) is { } settingsType
            ? Element(settingsData, settingsType, snapshot, expand)
            : null;
        return (Element(data, type, snapshot, expand), settings);
    }

    /// <summary>Umbraco's <c>ApiElement</c>: every property of the element type, typed, null when it has no value.</summary>
    /// <param name="expand">The pickers among the element's properties to write as full items.</param>
    private static JsonObject Element(BlockElementData data, DocumentType type, PublishedSnapshot snapshot, DeliveryPropertySelection? expand)
    {
        var properties = new JsonObject();
        foreach (var propertyType in type.AllProperties(snapshot.Types).OrderBy(p => p.Alias, StringComparer.Ordinal))
        {
            if (propertyType.IsSensitive) continue;
            var value = data.ValueOf(propertyType.Alias) ?? "";
            // Markup inside a block was cleaned when the page was published; links to pages get their current routes.
            if (EditorAliases.IsRichText(propertyType.EditorAlias)) value = LocalLinks.Resolve(RichTextValue.MarkupOf(value), key => Target(key, snapshot));
            properties[propertyType.Alias] = DeliveryItemMapper.Value(snapshot.ElementProperty(propertyType, value), snapshot, expand);
        }
        return new JsonObject { ["contentType"] = type.Alias, ["id"] = data.Key.ToString(), ["properties"] = properties };
    }

    private static LocalLinkTarget? Target(Guid key, PublishedSnapshot snapshot) =>
        snapshot.ByKey(key) is { } page && snapshot.Root(page) is var root ? new LocalLinkTarget(page.Route, root.UrlSegment, root.Key) : null;
}
