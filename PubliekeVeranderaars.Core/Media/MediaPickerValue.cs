using System.Text.Json;
using System.Text.Json.Nodes;

namespace PubliekeVeranderaars.Core.Media;

/// <summary>One picked item of an <c>Umbraco.MediaPicker3</c> value: the pick's own key and the media item's.</summary>
/// <param name="Crops">The pick's own crop coordinates by crop alias (Umbraco's <c>crops</c> in the value), if any.</param>
public sealed record MediaPick(Guid Key, Guid MediaKey, MediaFocalPoint? FocalPoint, IReadOnlyDictionary<string, JsonObject>? Crops = null);

/// <summary>
/// Reads the values media pickers store. Umbraco 9+ (<c>Umbraco.MediaPicker3</c>) stores a JSON array of
/// <c>{"key","mediaKey","crops","focalPoint"}</c>; Umbraco 8's picker stored UDIs separated by commas. Both are read;
/// <see cref="Write"/> writes Umbraco's current shape.
/// </summary>
public static class MediaPickerValue
{
    public const string EditorAlias = "Umbraco.MediaPicker3";
    /// <summary>Umbraco 8's picker, still found in exports of upgraded sites.</summary>
    public const string LegacyEditorAlias = "Umbraco.MediaPicker";

    public static bool IsMediaPicker(string editorAlias) =>
        string.Equals(editorAlias, EditorAlias, StringComparison.OrdinalIgnoreCase) || string.Equals(editorAlias, LegacyEditorAlias, StringComparison.OrdinalIgnoreCase);

    public static IReadOnlyList<MediaPick> Read(string? stored)
    {
        if (string.IsNullOrWhiteSpace(stored)) return [];
        var text = stored.Trim();
        if (text.StartsWith('['))
        {
            try
            {
                // Strict: a pick with a property named twice would otherwise throw where it is first read (a page, the API).
                return (Content.StoredJson.TryParse(text) as JsonArray ?? [])
                    .OfType<JsonObject>()
                    .Select(ReadPick)
                    .OfType<MediaPick>()
                    .ToList();
            }
            catch (JsonException)
            {
                return [];
            }
        }
        return text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(MediaUdi.Parse).OfType<Guid>()
            .Select(key => new MediaPick(Guid.Empty, key, null)).ToList();
    }

    /// <summary>Umbraco's shape, with a new pick key for each item that had none.</summary>
    public static string Write(IEnumerable<Guid> mediaKeys, IReadOnlyList<MediaPick>? previous = null)
    {
        var array = new JsonArray();
        foreach (var mediaKey in mediaKeys)
        {
            var kept = previous?.FirstOrDefault(p => p.MediaKey == mediaKey && p.Key != Guid.Empty);
            array.Add(new JsonObject
            {
                ["key"] = (kept?.Key ?? Guid.NewGuid()).ToString("D"),
                ["mediaKey"] = mediaKey.ToString("D"),
                ["crops"] = new JsonArray(),
                ["focalPoint"] = kept?.FocalPoint is { } f ? new JsonObject { ["left"] = f.Left, ["top"] = f.Top } : null,
            });
        }
        return array.Count == 0 ? "" : array.ToJsonString();
    }

    private static MediaPick? ReadPick(JsonObject pick)
    {
        if (!Guid.TryParse(pick["mediaKey"]?.GetValueKind() == JsonValueKind.String ? pick["mediaKey"]!.GetValue<string>() : null, out var mediaKey)) return null;
        Guid.TryParse(pick["key"]?.GetValueKind() == JsonValueKind.String ? pick["key"]!.GetValue<string>() : null, out var key);
        MediaFocalPoint? focus = null;
        if (pick["focalPoint"] is JsonObject f && Number(f["left"]) is { } left && Number(f["top"]) is { } top)
            focus = MediaFocalPoint.Clamped(left, top);
        Dictionary<string, JsonObject>? crops = null;
        if (pick["crops"] is JsonArray stored)
        {
            foreach (var crop in stored.OfType<JsonObject>())
            {
                if (crop["alias"]?.GetValueKind() == JsonValueKind.String && crop["coordinates"] is JsonObject coordinates)
                    (crops ??= new(StringComparer.OrdinalIgnoreCase))[crop["alias"]!.GetValue<string>()] = (JsonObject)coordinates.DeepClone();
            }
        }
        return new MediaPick(key, mediaKey, focus, crops);
    }

    private static double? Number(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number ? value.GetValue<double>() : null;
}
