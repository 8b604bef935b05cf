using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using PubliekeVeranderaars.Core.Media;

namespace PubliekeVeranderaars.Core.Sync;

/// <summary>
/// Media items in uSync's shape (<c>Media/*.config</c>, root <c>&lt;Media&gt;</c>, as uSync writes them for Umbraco 9–17):
/// the node's <c>Info</c> and its properties, <c>umbracoFile</c> being Umbraco's image cropper value
/// (<c>{"src","crops","focalPoint"}</c>) or, in older exports, the bare path. The files themselves travel beside the
/// configs, under <c>Files/</c> followed by their path (<c>Files/media/k31oq3tc/portret.jpg</c>).
/// </summary>
public static class USyncMedia
{
    public const string RootElement = "Media";
    public const string Folder = "Media";
    public const string FilesFolder = "Files";

    /// <summary>Umbraco's properties of its Image and File media types.</summary>
    private const string FileProperty = "umbracoFile";
    private const string WidthProperty = "umbracoWidth";
    private const string HeightProperty = "umbracoHeight";
    private const string BytesProperty = "umbracoBytes";
    private const string ExtensionProperty = "umbracoExtension";
    /// <summary>Ours: Umbraco's Image type has no alt text, most sites add a property of this name.</summary>
    private const string AltTextProperty = "altText";
    private const string DecorativeProperty = "isDecorative";
    private const string DateFormat = "yyyy-MM-ddTHH:mm:ss";

    public static MediaItem Read(XElement root)
    {
        var node = USyncReader.ReadContent(root);
        string Value(string alias) => node.Values.FirstOrDefault(v => v.Alias == alias && v.Culture is null)?.Value ?? "";
        var (src, focus) = ReadFile(Value(FileProperty));
        var item = new MediaItem
        {
            Key = node.Key, ParentKey = node.ParentKey, Name = node.Name, Level = Math.Max(1, node.Level), SortOrder = node.SortOrder,
            MediaTypeAlias = MediaTypes.IsKnown(node.ContentTypeAlias) ? node.ContentTypeAlias : src is null ? MediaTypes.Folder : MediaTypes.File,
            Src = src, Trashed = node.Trashed, CreateDate = node.CreateDate, UpdateDate = node.CreateDate,
            Width = Int(Value(WidthProperty)), Height = Int(Value(HeightProperty)), Bytes = Int(Value(BytesProperty)) ?? 0,
            Extension = Value(ExtensionProperty).Trim().TrimStart('.').ToLowerInvariant(),
            AltText = Value(AltTextProperty), IsDecorative = Value(DecorativeProperty).Trim() is "1" or "true",
            FocalLeft = focus?.Left, FocalTop = focus?.Top,
        };
        if (item.Extension.Length == 0 && src is not null) item.Extension = Path.GetExtension(src).TrimStart('.').ToLowerInvariant();
        return item;
    }

    /// <summary>What an item's properties say, to tell whether they changed since its file was read.</summary>
    public static string Facts(MediaItem item) =>
        JsonSerializer.Serialize(new { item.Src, item.Width, item.Height, item.Bytes, item.Extension, item.AltText, item.IsDecorative, item.FocalLeft, item.FocalTop });

    public static XElement Write(MediaItem item, string? parentName, string path) =>
        new(RootElement,
            new XAttribute("Key", item.Key),
            new XAttribute("Alias", item.Name),
            new XAttribute("Level", item.Level),
            new XElement("Info",
                new XElement("Parent", new XAttribute("Key", item.ParentKey ?? Guid.Empty), parentName ?? ""),
                new XElement("Path", path),
                new XElement("Trashed", item.Trashed ? "true" : "false"),
                new XElement("ContentType", item.MediaTypeAlias),
                new XElement("CreateDate", item.CreateDate.ToString(DateFormat, CultureInfo.InvariantCulture)),
                new XElement("NodeName", new XAttribute("Default", item.Name)),
                new XElement("SortOrder", item.SortOrder)),
            new XElement("Properties", Properties(item)
                .OrderBy(p => p.Alias, StringComparer.Ordinal)
                .Select(p => new XElement(p.Alias, new XElement("Value", new XCData(p.Value))))));

    private static IEnumerable<(string Alias, string Value)> Properties(MediaItem item)
    {
        if (item.IsFolder || item.Src is null) yield break;
        yield return (FileProperty, item.IsImage ? CropperValue(item) : item.Src);
        yield return (BytesProperty, item.Bytes.ToString(CultureInfo.InvariantCulture));
        yield return (ExtensionProperty, item.Extension);
        if (!item.IsImage) yield break;
        if (item.Width is { } width) yield return (WidthProperty, width.ToString(CultureInfo.InvariantCulture));
        if (item.Height is { } height) yield return (HeightProperty, height.ToString(CultureInfo.InvariantCulture));
        yield return (AltTextProperty, item.AltText);
        yield return (DecorativeProperty, item.IsDecorative ? "1" : "0");
    }

    /// <summary>Umbraco's image cropper value; crops are the data type's, so the list is empty as Umbraco writes it.</summary>
    private static string CropperValue(MediaItem item)
    {
        var value = new JsonObject
        {
            ["src"] = item.Src,
            ["crops"] = new JsonArray(),
        };
        if (item.FocalLeft is { } left && item.FocalTop is { } top) value["focalPoint"] = new JsonObject { ["left"] = left, ["top"] = top };
        return value.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static (string? Src, MediaFocalPoint? Focus) ReadFile(string value)
    {
        var text = value.Trim();
        if (text.Length == 0) return (null, null);
        if (!text.StartsWith('{')) return (text, null);
        try
        {
            // Strict: a property named twice would otherwise throw later, wherever the value is first read.
            if (Content.StoredJson.TryParse(text) is not JsonObject cropper) return (null, null);
            var src = cropper["src"] is JsonValue s && s.GetValueKind() == JsonValueKind.String ? s.GetValue<string>() : null;
            MediaFocalPoint? focus = cropper["focalPoint"] is JsonObject f && f["left"] is JsonValue l && f["top"] is JsonValue t
                                     && l.GetValueKind() == JsonValueKind.Number && t.GetValueKind() == JsonValueKind.Number
                ? MediaFocalPoint.Clamped(l.GetValue<double>(), t.GetValue<double>())
                : null;
            return (string.IsNullOrWhiteSpace(src) ? null : src, focus);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private static int? Int(string value) => int.TryParse(value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0 ? n : null;
}
