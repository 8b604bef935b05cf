using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using PubliekeVeranderaars.Core.Content;

namespace PubliekeVeranderaars.Core.Delivery;

/// <summary>
/// Writes published content in the JSON shape of Umbraco's Content Delivery API v2, by hand: a front end written
/// for Umbraco reads ours unchanged. Sensitive properties (an owner's e-mail address) are never written.
/// </summary>
public static class DeliveryItemMapper
{
    private const string UdiDocumentPrefix = "umb://document/";
    private const string DateFormat = "yyyy-MM-ddTHH:mm:ss.FFFFFFF";

    /// <summary>A full item, as <c>item/{id}</c> and the query endpoint return it.</summary>
    /// <param name="content">The item.</param>
    /// <param name="snapshot">The published tree, for routes and pickers.</param>
    /// <param name="expand">Pickers to write as full items (Umbraco's <c>expand</c>); null: none.</param>
    /// <param name="fields">Properties to write (Umbraco's <c>fields</c>); null: all.</param>
    public static JsonObject AsDeliveryItem(this PublishedContent content, PublishedSnapshot snapshot,
        DeliveryPropertySelection? expand = null, DeliveryPropertySelection? fields = null) =>
        Item(content, snapshot, withProperties: true, withCultures: true, expand, fields);

    private static JsonObject Item(PublishedContent content, PublishedSnapshot snapshot, bool withProperties, bool withCultures,
        DeliveryPropertySelection? expand, DeliveryPropertySelection? fields)
    {
        var item = new JsonObject
        {
            ["contentType"] = content.ContentTypeAlias,
            ["name"] = content.Name,
            ["createDate"] = Date(content.CreateDate),
            ["updateDate"] = Date(content.UpdateDate),
            ["route"] = Route(content, snapshot),
            ["id"] = content.Key.ToString(),
            ["properties"] = withProperties ? Properties(content, snapshot, expand, fields) : new JsonObject(),
        };
        // Umbraco's cultures: a multilingual page's route in every language that is live; {} for a page in one language.
        if (withCultures)
            item["cultures"] = new JsonObject(content.Cultures.OrderBy(c => c.Key, StringComparer.Ordinal)
                .Select(c => KeyValuePair.Create(c.Key, (JsonNode?)Route(c.Value, snapshot))));
        return item;
    }

    /// <summary>
    /// Umbraco's route: the path below the start item (the root), and the start item itself by id and URL segment.
    /// </summary>
    internal static JsonObject Route(PublishedContent content, PublishedSnapshot snapshot)
    {
        var root = snapshot.Root(content);
        // In a language, the start item is named by its URL segment in that language.
        if (content.Culture is { } culture && root.InCulture(culture) is { } localRoot) root = localRoot;
        return new JsonObject
        {
            ["path"] = content.Route,
            ["queryString"] = null,
            ["startItem"] = new JsonObject { ["id"] = root.Key.ToString(), ["path"] = root.UrlSegment },
        };
    }

    private static JsonObject Properties(PublishedContent content, PublishedSnapshot snapshot, DeliveryPropertySelection? expand,
        DeliveryPropertySelection? fields)
    {
        var properties = new JsonObject();
        foreach (var property in content.Properties.Values.OrderBy(p => p.Alias, StringComparer.Ordinal))
        {
            if (property.IsSensitive || (fields is not null && !fields.Includes(property.Alias))) continue;
            properties[property.Alias] = Value(property, snapshot, expand, fields?.Nested(property.Alias), content.Culture);
        }
        return properties;
    }

    /// <summary>A property in the output shape of its editor (DELIVERY-API.md's table).</summary>
    /// <param name="culture">The language of the page the property belongs to: picked pages are shown in it.</param>
    public static JsonNode? Value(PublishedProperty property, PublishedSnapshot snapshot, DeliveryPropertySelection? expand = null,
        DeliveryPropertySelection? nestedFields = null, string? culture = null)
    {
        var raw = property.Value;
        // Umbraco writes a property without a value as null, whatever its editor.
        if (string.IsNullOrEmpty(raw)) return null;
        switch (property.EditorAlias)
        {
            case EditorAliases.TextBox or EditorAliases.TextArea or EditorAliases.EmailAddress:
                return JsonValue.Create(raw);
            case EditorAliases.TrueFalse:
                return JsonValue.Create(PropertyEditorValues.IsTrue(raw));
            case EditorAliases.Integer:
                return long.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? JsonValue.Create(number) : null;
            case EditorAliases.Decimal:
                return decimal.TryParse(raw, NumberStyles.Number, CultureInfo.InvariantCulture, out var dec) ? JsonValue.Create(dec) : null;
            case EditorAliases.DateTime:
                return DateTime.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? JsonValue.Create(Date(date)) : null;
            case var editor when EditorAliases.IsRichText(editor):
                // The published value is already clean markup (RichTextSanitizer.ForPublishing): never parsed again here.
                return DeliveryBlockMapper.RichText(property, snapshot, expand?.Nested(property.Alias));
            case EditorAliases.ContentPicker:
                return Resolve(raw, snapshot)?.InCulture(culture) is { } picked ? Reference(picked, snapshot, property.Alias, expand, nestedFields) : null;
            case EditorAliases.MultiNodeTreePicker:
                return DeliveryLinkMapper.MultiNodeTreePicker(property, snapshot, expand, nestedFields, culture);
            case EditorAliases.MultiUrlPicker:
                return DeliveryLinkMapper.MultiUrlPicker(property, snapshot) ?? ParseOrString(raw);
            case EditorAliases.BlockList:
                return DeliveryBlockMapper.BlockList(property, snapshot, expand?.Nested(property.Alias)) ?? ParseOrString(raw);
            case EditorAliases.BlockGrid:
                return DeliveryBlockMapper.BlockGrid(property, snapshot, expand?.Nested(property.Alias)) ?? ParseOrString(raw);
            case EditorAliases.ColorPicker:
                return DeliveryScalarMapper.Color(raw, snapshot.DataTypes.GetValueOrDefault(property.DataTypeKey));
            case EditorAliases.Slider:
                return DeliveryScalarMapper.Range(raw, snapshot.DataTypes.GetValueOrDefault(property.DataTypeKey));
            case EditorAliases.ImageCropper:
                return DeliveryScalarMapper.Cropper(raw);
            case EditorAliases.MarkdownEditor:
                return DeliveryScalarMapper.Markdown(raw);
            case EditorAliases.NestedContent:
                return DeliveryBlockMapper.NestedContent(property, snapshot, expand?.Nested(property.Alias)) ?? ParseOrString(raw);
            case var picker when Media.MediaPickerValue.IsMediaPicker(picker):
                // Umbraco's ApiMediaWithCrops, always a list; items gone or in the bin are left out. The crops are the
                // data type's, with the coordinates the pick set (else null), as Umbraco merges them.
                var crops = Media.MediaCrops.Parse(snapshot.DataTypes.GetValueOrDefault(property.DataTypeKey)?.ConfigJson ?? "{}");
                return new JsonArray([.. Media.MediaPickerValue.Read(raw)
                    .Select(pick => snapshot.Media.GetValueOrDefault(pick.MediaKey) is { IsFolder: false } item
                        ? DeliveryMediaMapper.WithCrops(item, crops, pick.FocalPoint, pick.Crops)
                        : null)
                    .OfType<JsonNode>()]);
            case EditorAliases.MultipleTextstring or EditorAliases.Tags:
                return new JsonArray([.. StoredJson.StringsOrLines(raw).Select(s => (JsonNode?)JsonValue.Create(s))]);
            case EditorAliases.DropDownFlexible:
                var choices = StoredJson.StringsOrLines(raw);
                // Umbraco's shape follows the data type: several values allowed is a list, else one string.
                var asList = property.Multiple ?? choices.Count != 1;
                return asList ? new JsonArray([.. choices.Select(s => (JsonNode?)JsonValue.Create(s))]) : JsonValue.Create(choices.FirstOrDefault() ?? "");
            default:
                // An editor we do not model (Umbraco Forms' picker, a package's own): its stored value as it is,
                // as JSON when it is JSON, so nothing is lost on the way out either.
                return ParseOrString(raw);
        }
    }

    /// <summary>A picked page: a reference (<c>{}</c> properties) unless <paramref name="expand"/> names the picker (or <c>$all</c>).</summary>
    internal static JsonObject Reference(PublishedContent picked, PublishedSnapshot snapshot, string pickerAlias,
        DeliveryPropertySelection? expand, DeliveryPropertySelection? nestedFields) =>
        Item(picked, snapshot, withProperties: expand is not null && expand.Includes(pickerAlias), withCultures: false,
            expand?.Nested(pickerAlias), nestedFields);

    private static PublishedContent? Resolve(string value, PublishedSnapshot snapshot) =>
        value.StartsWith(UdiDocumentPrefix, StringComparison.OrdinalIgnoreCase) && Guid.TryParseExact(value[UdiDocumentPrefix.Length..], "N", out var key)
            ? snapshot.ByKey(key)
            : Guid.TryParse(value, out var plain) ? snapshot.ByKey(plain) : null;

    /// <summary>Stored text that only looks like JSON (or JSON that cannot be used) stays text.</summary>
    private static JsonNode? ParseOrString(string raw) => StoredJson.TryParse(raw) ?? JsonValue.Create(raw);

    private static string Date(DateTime value) => value.ToString(DateFormat, CultureInfo.InvariantCulture);
}
