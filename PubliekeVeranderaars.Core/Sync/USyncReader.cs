using System.Globalization;
using System.Xml.Linq;
using PubliekeVeranderaars.Core.Content;

namespace PubliekeVeranderaars.Core.Sync;

/// <summary>
/// Reads uSync's XML files (Umbraco 9 to 17 formats). Every element is optional: exports differ between versions,
/// and a missing element must never make a whole import fail.
/// </summary>
public static class USyncReader
{
    public static USyncBundle ReadFolder(string folder)
    {
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"uSync folder not found: {folder}");

        var bundle = new USyncBundle { SourceFolder = folder };
        foreach (var kindFolder in Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal))
        {
            var folderName = Path.GetFileName(kindFolder);
            var seen = new Dictionary<Guid, string>();
            foreach (var file in Directory.EnumerateFiles(kindFolder, "*" + USyncFolders.FileExtension, SearchOption.AllDirectories)
                         .Order(StringComparer.Ordinal))
            {
                // One item per key and folder, whatever the export holds: the first file in name order, so the same
                // folder always imports the same way and a second import changes nothing.
                if (KeyOf(file) is { } key && key != System.Guid.Empty && !IsEmptyMarker(file))
                {
                    if (seen.TryGetValue(key, out var kept))
                    {
                        bundle.Duplicates.Add(new USyncDuplicate(folderName, key, Path.GetRelativePath(folder, kept), Path.GetRelativePath(folder, file)));
                        continue;
                    }
                    seen[key] = file;
                }
                ReadFile(bundle, folderName, file);
            }
        }
        return bundle;
    }

    /// <summary>The root element's Key, read without parsing the whole file again later; null when there is none.</summary>
    private static Guid? KeyOf(string file)
    {
        try
        {
            using var reader = System.Xml.XmlReader.Create(file, new System.Xml.XmlReaderSettings { DtdProcessing = System.Xml.DtdProcessing.Prohibit });
            reader.MoveToContent();
            return System.Guid.TryParse(reader.GetAttribute("Key"), out var key) ? key : null;
        }
        catch (System.Xml.XmlException)
        {
            return null;
        }
    }

    private static bool IsEmptyMarker(string file)
    {
        try
        {
            using var reader = System.Xml.XmlReader.Create(file, new System.Xml.XmlReaderSettings { DtdProcessing = System.Xml.DtdProcessing.Prohibit });
            reader.MoveToContent();
            return reader.LocalName == "Empty";
        }
        catch (System.Xml.XmlException)
        {
            return false;
        }
    }

    private static void ReadFile(USyncBundle bundle, string folderName, string file)
    {
        var text = File.ReadAllText(file);
        XElement root;
        try
        {
            root = XDocument.Parse(text).Root ?? throw new USyncFormatException(file, "empty document");
        }
        catch (System.Xml.XmlException e)
        {
            throw new USyncFormatException(file, e.Message);
        }

        switch (root.Name.LocalName)
        {
            case "ContentType":
                var type = ReadDocumentType(root);
                type.USyncShape = USyncShape.Capture(root, USyncWriter.DocumentTypeElement(type), Path.GetFileName(file), type.Alias).ToJson();
                bundle.DocumentTypes.Add(type);
                break;
            case "DataType":
                var dataType = ReadDataType(root);
                dataType.USyncShape = USyncShape.Capture(root, USyncWriter.DataTypeElement(dataType), Path.GetFileName(file), dataType.Alias).ToJson();
                bundle.DataTypes.Add(dataType);
                break;
            // A blueprint has a page's shape but is no page: kept as it came, exported again, offered as a template.
            case "Content" when folderName == USyncFolders.Blueprints || Bool(root.Element("Info")?.Element("IsBlueprint")?.Value):
                bundle.RawItems.Add(new USyncRawItem { Folder = folderName, Key = Key(root), Alias = Attr(root, "Alias"), FileName = Path.GetFileName(file), Xml = text });
                break;
            case "Content":
                var content = ReadContent(root);
                content.Shape = USyncShape.Capture(root, USyncWriter.ContentElement(content), Path.GetFileName(file), content.Name, content.ParentName, content.Path).ToJson();
                bundle.Content.Add(content);
                break;
            case USyncMedia.RootElement:
                var media = USyncMedia.Read(root);
                var (parentName, mediaPath) = (root.Element("Info")?.Element("Parent")?.Value, root.Element("Info")?.Element("Path")?.Value);
                media.USyncShape = (USyncShape.Capture(root, USyncMedia.Write(media, parentName, mediaPath ?? ""), Path.GetFileName(file), media.Name, parentName, mediaPath)
                    with
                    {
                        ParentKey = media.ParentKey, Level = media.Level,
                        PropertiesXml = root.Element("Properties")?.ToString(SaveOptions.DisableFormatting), Fingerprint = USyncMedia.Facts(media),
                        MediaType = root.Element("Info")?.Element("ContentType")?.Value, MediaTypeAsRead = media.MediaTypeAlias,
                    }).ToJson();
                bundle.Media.Add(media);
                break;
            case USyncForms.RootElement:
                bundle.Forms.Add(USyncForms.Read(root));
                break;
            case "Empty":
                bundle.Empties.Add(new USyncEmptyItem(folderName, Key(root), Attr(root, "Alias"), Attr(root, "Change"), Path.GetFileName(file), text));
                break;
            default:
                bundle.RawItems.Add(new USyncRawItem
                {
                    Folder = folderName,
                    Key = Key(root),
                    Alias = Attr(root, "Alias"),
                    FileName = Path.GetFileName(file),
                    Xml = text,
                });
                break;
        }
    }

    public static DataType ReadDataType(XElement root)
    {
        var info = root.Element("Info");
        return new DataType
        {
            Key = Key(root),
            Alias = Attr(root, "Alias"),
            Level = Int(root.Attribute("Level")?.Value, 1),
            Name = Text(info, "Name"),
            EditorAlias = Text(info, "EditorAlias"),
            EditorUiAlias = OptionalText(info, "EditorUIAlias"),
            DatabaseType = OptionalText(info, "DatabaseType"),
            Folder = OptionalText(info, "Folder"),
            ConfigJson = root.Element("Config")?.Value is { Length: > 0 } config ? config : "{}",
        };
    }

    public static DocumentType ReadDocumentType(XElement root)
    {
        var info = root.Element("Info");
        return new DocumentType
        {
            Key = Key(root),
            Alias = Attr(root, "Alias"),
            Level = Int(root.Attribute("Level")?.Value, 1),
            Name = Text(info, "Name"),
            Icon = Text(info, "Icon"),
            Description = Text(info, "Description"),
            AllowAtRoot = Bool(Text(info, "AllowAtRoot")),
            IsElement = Bool(Text(info, "IsElement")),
            Variations = OptionalText(info, "Variations") ?? "Nothing",
            Folder = OptionalText(info, "Folder"),
            Compositions = References(info?.Element("Compositions"), "Composition"),
            AllowedChildren = References(root.Element("Structure"), "ContentType"),
            Tabs = (root.Element("Tabs")?.Elements("Tab") ?? []).Select(tab => new DocumentTypeTab(
                Guid(Text(tab, "Key")), Text(tab, "Alias"), Text(tab, "Caption"), Text(tab, "Type"),
                Int(Text(tab, "SortOrder"), 0))).ToList(),
            Properties = (root.Element("GenericProperties")?.Elements("GenericProperty") ?? []).Select(ReadProperty).ToList(),
        };
    }

    private static DocumentTypeProperty ReadProperty(XElement p) => new()
    {
        Key = Guid(Text(p, "Key")),
        Name = Text(p, "Name"),
        Alias = Text(p, "Alias"),
        DataTypeKey = Guid(Text(p, "Definition")),
        EditorAlias = Text(p, "Type"),
        Mandatory = Bool(Text(p, "Mandatory")),
        ValidationRegex = Text(p, "Validation"),
        Description = Text(p, "Description"),
        SortOrder = Int(Text(p, "SortOrder"), 0),
        TabAlias = p.Element("Tab")?.Attribute("Alias")?.Value ?? Text(p, "Tab"),
        Variations = OptionalText(p, "Variations") ?? "Nothing",
        MandatoryMessage = Text(p, "MandatoryMessage"),
        ValidationRegexMessage = Text(p, "ValidationRegExpMessage"),
        LabelOnTop = Bool(Text(p, "LabelOnTop")),
        IsSensitive = Bool(Text(p, "IsSensitive")),
    };

    public static USyncContentItem ReadContent(XElement root)
    {
        var info = root.Element("Info");
        var nodeName = info?.Element("NodeName");
        var published = info?.Element("Published");
        var parent = info?.Element("Parent");
        return new USyncContentItem
        {
            Key = Key(root),
            Alias = Attr(root, "Alias"),
            Level = Int(root.Attribute("Level")?.Value, 1),
            ParentKey = parent?.Attribute("Key")?.Value is { } parentKey && System.Guid.TryParse(parentKey, out var pk)
                        && pk != System.Guid.Empty ? pk : null,
            ParentName = parent?.Value ?? "",
            Path = Text(info, "Path"),
            Trashed = Bool(Text(info, "Trashed")),
            ContentTypeAlias = Text(info, "ContentType"),
            CreateDate = Date(Text(info, "CreateDate")),
            Name = nodeName?.Attribute("Default")?.Value is { Length: > 0 } name ? name : Attr(root, "Alias"),
            CultureNames = (nodeName?.Elements("Name") ?? [])
                .Select(n => new ContentCultureName(n.Attribute("Culture")?.Value ?? "", n.Value)).ToList(),
            SortOrder = Int(Text(info, "SortOrder"), 0),
            // Variant content has a Published flag per culture; it is published when any culture is.
            Published = Bool(published?.Attribute("Default")?.Value)
                        || (published?.Elements("Published").Any(p => Bool(p.Value)) ?? false),
            UnpublishedCultures = (published?.Elements("Published") ?? [])
                .Where(p => !Bool(p.Value) && p.Attribute("Culture")?.Value is { Length: > 0 })
                .Select(p => p.Attribute("Culture")!.Value).ToList(),
            Values = (root.Element("Properties")?.Elements() ?? []).SelectMany(property =>
                property.Elements("Value").Select(value => new ContentPropertyValue(
                    property.Name.LocalName, value.Attribute("Culture")?.Value, value.Value))).ToList(),
        };
    }

    private static List<DocumentTypeReference> References(XElement? parent, string elementName) =>
        (parent?.Elements(elementName) ?? []).Select(e => new DocumentTypeReference(
            Guid(e.Attribute("Key")?.Value), e.Value, Int(e.Attribute("SortOrder")?.Value, 0))).ToList();

    private static string Attr(XElement e, string name) => e.Attribute(name)?.Value ?? "";
    private static Guid Key(XElement e) => Guid(e.Attribute("Key")?.Value);
    private static string Text(XElement? parent, string name) => parent?.Element(name)?.Value ?? "";
    private static string? OptionalText(XElement? parent, string name) => parent?.Element(name)?.Value;
    private static bool Bool(string? value) => value?.Trim() is "1" || string.Equals(value?.Trim(), "true", StringComparison.OrdinalIgnoreCase);
    private static int Int(string? value, int fallback) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : fallback;
    private static Guid Guid(string? value) => System.Guid.TryParse(value, out var g) ? g : System.Guid.Empty;
    private static DateTime Date(string? value) =>
        DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var d)
            ? DateTime.SpecifyKind(d, DateTimeKind.Utc) : DateTime.UnixEpoch;
}

public sealed class USyncFormatException(string file, string problem)
    : Exception($"uSync file {file} could not be read: {problem}");
