using System.Text.Json;
using System.Text.Json.Nodes;

namespace PubliekeVeranderaars.Core.Content;

/// <summary>
/// Values stored as JSON come from editors, imports and other sites: any of them may be broken, or valid JSON that
/// System.Text.Json still refuses later (a property named twice throws when the object is first used, not when it is
/// parsed). Parsed here, completely, or not at all, so no such value can fail a page, the API or the cache build.
/// </summary>
public static class StoredJson
{
    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false };

    public static bool LooksLikeJson(string value) => value.TrimStart() is ['{', ..] or ['[', ..];

    private static readonly JsonNodeOptions IgnoringCase = new() { PropertyNameCaseInsensitive = true };

    /// <returns>The parsed value, or null when it is not JSON that can be used safely.</returns>
    /// <param name="ignoreCase">Property names in any case, as Umbraco's versions and writers differ ("Blocks", "blocks").</param>
    public static JsonNode? TryParse(string value, bool ignoreCase = false)
    {
        if (!LooksLikeJson(value)) return null;
        try
        {
            // Refused here, inside the try, rather than later wherever a caller first reads the object: a property
            // named twice while parsing, a string that is not text (half a surrogate pair) when it is read.
            var node = JsonNode.Parse(value, ignoreCase ? IgnoringCase : null, Strict);
            ReadEveryString(node);
            return node;
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <returns>The text of a value stored as one JSON string literal (<c>"\"…\""</c>), or null when it is not one.</returns>
    public static string? TryParseString(string value)
    {
        if (!value.TrimStart().StartsWith('"')) return null;
        try
        {
            return JsonNode.Parse(value, null, Strict) is JsonValue node && node.TryGetValue<string>(out var text) ? text : null;
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>A value as this site stores values: text as it is, nothing as "", anything else as its JSON.</summary>
    public static string Text(JsonNode? node) => node switch
    {
        null => "",
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => node.ToJsonString(PropertyEditorValues.StoredJsonOptions),
    };

    /// <summary>A whole number, written as a number or as text; null otherwise.</summary>
    public static int? Int(JsonNode? node) =>
        node is JsonValue value && (value.TryGetValue<int>(out var i) || int.TryParse(Text(value), System.Globalization.NumberStyles.Integer,
            System.Globalization.CultureInfo.InvariantCulture, out i)) ? i : null;

    /// <summary>A number, written as a number or as text; null otherwise.</summary>
    public static double? Number(JsonNode? node) =>
        node is JsonValue value && (value.TryGetValue<double>(out var d) || double.TryParse(Text(value), System.Globalization.NumberStyles.Float,
            System.Globalization.CultureInfo.InvariantCulture, out d)) ? d : null;

    /// <summary>true, or "1"/"true" as Umbraco's older configurations write it.</summary>
    public static bool Bool(JsonNode? node) =>
        node is JsonValue value && (value.TryGetValue<bool>(out var b) ? b : PropertyEditorValues.IsTrue(Text(value)));

    private static void ReadEveryString(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj) ReadEveryString(child);
                break;
            case JsonArray array:
                foreach (var child in array) ReadEveryString(child);
                break;
            case JsonValue leaf when leaf.GetValueKind() == JsonValueKind.String:
                _ = leaf.GetValue<string>();
                break;
        }
    }

    /// <summary>A list of strings as Umbraco stores it (a JSON array), or false when the value is anything else.</summary>
    public static bool TryStrings(string value, out IReadOnlyList<string> strings)
    {
        strings = [];
        if (!value.TrimStart().StartsWith('[') || TryParse(value) is not JsonArray array) return false;
        var list = new List<string>(array.Count);
        foreach (var item in array)
        {
            if (item is not JsonValue text || !text.TryGetValue<string>(out var s)) return false;
            list.Add(s);
        }
        strings = list;
        return true;
    }

    /// <summary>Multiple text strings: a JSON array, or one per line as older Umbraco versions store them.</summary>
    public static IReadOnlyList<string> StringsOrLines(string value) =>
        value.Length == 0 ? []
        : TryStrings(value, out var strings) ? strings
        : value.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
