using System.Globalization;
using System.Text.Json.Nodes;
using Markdig;
using PubliekeVeranderaars.Core.Content;

namespace PubliekeVeranderaars.Core.Delivery;

/// <summary>
/// Umbraco's output shapes for the built-in editors whose stored form differs from what its Delivery API writes: the
/// color picker (a color, or color and label), the slider (a number, or a range), the image cropper (its URL,
/// focal point and crops) and the Markdown editor (HTML).
/// </summary>
public static class DeliveryScalarMapper
{
    /// <summary>CommonMark with the usual extensions; HTML typed into the Markdown is written as text, never as markup.</summary>
    private static readonly MarkdownPipeline MarkdownPipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().DisableHtml().Build();

    /// <summary>Markdown as Umbraco's Delivery API writes it: the HTML it stands for.</summary>
    public static JsonNode? Markdown(string stored) =>
        string.IsNullOrWhiteSpace(stored) ? null : JsonValue.Create(Markdig.Markdown.ToHtml(stored, MarkdownPipeline));

    /// <summary>Stored as <c>{"value":"000000","label":…}</c> (or the bare color): the color, or <c>{color,label}</c> when the data type shows labels.</summary>
    public static JsonNode? Color(string stored, DataType? dataType)
    {
        var parsed = StoredJson.TryParse(stored) as JsonObject;
        var color = parsed is null ? stored.Trim() : StoredJson.Text(parsed["value"]);
        if (color.Length == 0) return null;
        var label = parsed is null ? color : StoredJson.Text(parsed["label"]) is { Length: > 0 } l ? l : color;
        return StoredJson.Bool(dataType?.Config()?["useLabel"])
            ? new JsonObject { ["color"] = color, ["label"] = label }
            : JsonValue.Create(color);
    }

    /// <summary>Stored as "5" or "1,10": a number, or <c>{minimum,maximum}</c> when the data type allows a range.</summary>
    public static JsonNode? Range(string stored, DataType? dataType)
    {
        var parts = stored.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(p => decimal.TryParse(p, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : (decimal?)null).ToList();
        if (parts.Count == 0 || parts.Any(p => p is null)) return null;
        return StoredJson.Bool(dataType?.Config()?["enableRange"])
            ? new JsonObject { ["minimum"] = parts[0], ["maximum"] = parts.Count > 1 ? parts[1] : parts[0] }
            : JsonValue.Create(parts[0]);
    }

    /// <summary>Stored as <c>{"src","focalPoint","crops"}</c>: Umbraco's <c>{url, focalPoint, crops}</c>.</summary>
    public static JsonNode? Cropper(string stored)
    {
        if (StoredJson.TryParse(stored) is not JsonObject value) return stored.Trim().Length > 0 ? new JsonObject { ["url"] = stored.Trim(), ["focalPoint"] = null, ["crops"] = new JsonArray() } : null;
        var src = StoredJson.Text(value["src"]);
        if (src.Length == 0) return null;
        var focal = value["focalPoint"] as JsonObject;
        return new JsonObject
        {
            ["url"] = src,
            ["focalPoint"] = focal is null ? null : new JsonObject { ["left"] = StoredJson.Number(focal["left"]), ["top"] = StoredJson.Number(focal["top"]) },
            ["crops"] = new JsonArray([.. (value["crops"] as JsonArray ?? []).OfType<JsonObject>().Select(c => (JsonNode)new JsonObject
            {
                ["alias"] = StoredJson.Text(c["alias"]),
                ["width"] = (int)(StoredJson.Number(c["width"]) ?? 0),
                ["height"] = (int)(StoredJson.Number(c["height"]) ?? 0),
                ["coordinates"] = c["coordinates"] is JsonObject xy
                    ? new JsonObject { ["x1"] = StoredJson.Number(xy["x1"]), ["y1"] = StoredJson.Number(xy["y1"]), ["x2"] = StoredJson.Number(xy["x2"]), ["y2"] = StoredJson.Number(xy["y2"]) }
                    : null,
            })]),
        };
    }
}
