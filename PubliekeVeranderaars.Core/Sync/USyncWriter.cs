using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using PubliekeVeranderaars.Core.Content;

namespace PubliekeVeranderaars.Core.Sync;

/// <summary>
/// Writes items in uSync's XML shape (root element with Key, Alias and Level; UTF-8 with BOM as uSync writes it),
/// so that a real Umbraco with uSync can import what we export.
/// </summary>
public static class USyncWriter
{
    private const string DateFormat = "yyyy-MM-ddTHH:mm:ss";

    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true),
        Indent = true,
        IndentChars = "  ",
        NewLineChars = "\n",
        // Values (markup, block JSON) are written exactly as stored; only the indentation uses "\n".
        NewLineHandling = NewLineHandling.None,
    };

    public static XElement DataTypeElement(DataType dataType) =>
        new("DataType",
            new XAttribute("Key", dataType.Key),
            new XAttribute("Alias", dataType.Alias),
            new XAttribute("Level", dataType.Level),
            new XElement("Info",
                new XElement("Name", dataType.Name),
                new XElement("EditorAlias", dataType.EditorAlias),
                Optional("EditorUIAlias", dataType.EditorUiAlias),
                Optional("DatabaseType", dataType.DatabaseType),
                Optional("Folder", dataType.Folder)),
            new XElement("Config", new XCData(dataType.ConfigJson)));

    public static XElement DocumentTypeElement(DocumentType type) =>
        new("ContentType",
            new XAttribute("Key", type.Key),
            new XAttribute("Alias", type.Alias),
            new XAttribute("Level", type.Level),
            new XElement("Info",
                new XElement("Name", type.Name),
                new XElement("Icon", type.Icon),
                new XElement("Description", type.Description),
                new XElement("AllowAtRoot", type.AllowAtRoot ? "True" : "False"),
                new XElement("Variations", type.Variations),
                new XElement("IsElement", type.IsElement ? "true" : "false"),
                Optional("Folder", type.Folder),
                new XElement("Compositions", type.Compositions.Select(c =>
                    new XElement("Composition", new XAttribute("Key", c.Key), c.Alias)))),
            new XElement("Structure", type.AllowedChildren.Select(c =>
                new XElement("ContentType", new XAttribute("Key", c.Key), new XAttribute("SortOrder", c.SortOrder), c.Alias))),
            new XElement("GenericProperties", type.Properties.Select(p => PropertyElement(p, type.Tabs))),
            new XElement("Tabs", type.Tabs.Select(t =>
                new XElement("Tab",
                    new XElement("Key", t.Key),
                    new XElement("Caption", t.Caption),
                    new XElement("Alias", t.Alias),
                    new XElement("Type", t.Type),
                    new XElement("SortOrder", t.SortOrder)))));

    /// <param name="tabs">The type's tabs: a property names its tab by alias and shows the tab's caption, as uSync writes it.</param>
    private static XElement PropertyElement(DocumentTypeProperty p, IReadOnlyList<DocumentTypeTab> tabs) =>
        new("GenericProperty",
            new XElement("Key", p.Key),
            new XElement("Name", p.Name),
            new XElement("Alias", p.Alias),
            new XElement("Definition", p.DataTypeKey),
            new XElement("Type", p.EditorAlias),
            new XElement("Mandatory", p.Mandatory ? "true" : "false"),
            new XElement("Validation", p.ValidationRegex),
            new XElement("Description", new XCData(p.Description)),
            new XElement("SortOrder", p.SortOrder),
            new XElement("Tab", new XAttribute("Alias", p.TabAlias),
                tabs.FirstOrDefault(t => t.Alias == p.TabAlias) is { Caption.Length: > 0 } tab ? tab.Caption : p.TabAlias),
            new XElement("Variations", p.Variations),
            new XElement("MandatoryMessage", p.MandatoryMessage),
            new XElement("ValidationRegExpMessage", p.ValidationRegexMessage),
            new XElement("LabelOnTop", p.LabelOnTop ? "true" : "false"),
            // Not in Umbraco's content type files: our own flag, written only where it is set.
            p.IsSensitive ? new XElement("IsSensitive", "true") : null);

    /// <param name="node">The node.</param>
    /// <param name="version">The version to write: the live one of a published page, else the newest.</param>
    /// <param name="parentName">The parent's name in its exported version, or null at the root.</param>
    /// <param name="path">uSync's informational path of node names.</param>
    public static XElement ContentElement(ContentNode node, ContentVersion version, string? parentName, string path) =>
        new("Content",
            new XAttribute("Key", node.Key),
            new XAttribute("Alias", version.Name),
            new XAttribute("Level", node.Level),
            new XElement("Info",
                // The parent's key is kept even when the parent itself is not here (a partial export): it is a fact about this node.
                new XElement("Parent", new XAttribute("Key", node.ParentKey ?? Guid.Empty), parentName ?? ""),
                new XElement("Path", path),
                new XElement("Trashed", node.Trashed ? "true" : "false"),
                new XElement("ContentType", node.ContentTypeAlias),
                new XElement("CreateDate", node.CreateDate.ToString(DateFormat, CultureInfo.InvariantCulture)),
                new XElement("NodeName", new XAttribute("Default", version.Name),
                    version.CultureNames.Select(n => new XElement("Name", new XAttribute("Culture", n.Culture), n.Name))),
                new XElement("SortOrder", node.SortOrder),
                // A multilingual page says per language whether it is live, in the order of its names.
                new XElement("Published", new XAttribute("Default", node.PublishedVersionId is not null ? "true" : "false"),
                    version.CultureNames.Select(n => new XElement("Published", new XAttribute("Culture", n.Culture),
                        node.PublishedVersionId is not null && !node.UnpublishedCultures.Contains(n.Culture, StringComparer.OrdinalIgnoreCase) ? "true" : "false"))),
                new XElement("Schedule")),
            new XElement("Properties", version.Values
                .GroupBy(v => v.Alias, StringComparer.Ordinal)
                // uSync's order: by alias, ignoring case ("bodyText" before "footerLink" before "FooterCtaLink").
                .OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new XElement(g.Key, g.Select(v =>
                    new XElement("Value", v.Culture is null ? null : new XAttribute("Culture", v.Culture), new XCData(v.Value)))))));

    /// <summary>A page as read from a file, written back: to find what the writer leaves out (<see cref="USyncShape"/>).</summary>
    public static XElement ContentElement(USyncContentItem item) =>
        ContentElement(
            new ContentNode
            {
                Key = item.Key, ParentKey = item.ParentKey, Level = item.Level, Trashed = item.Trashed, ContentTypeAlias = item.ContentTypeAlias,
                CreateDate = item.CreateDate, SortOrder = item.SortOrder, PublishedVersionId = item.Published ? 1 : null,
                UnpublishedCultures = item.UnpublishedCultures,
            },
            new ContentVersion { Name = item.Name, Values = item.Values, CultureNames = item.CultureNames },
            item.ParentName, item.Path);

    public static void Save(XElement root, string file)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        using var writer = XmlWriter.Create(file, Settings);
        new XDocument(new XDeclaration("1.0", "utf-8", null), root).Save(writer);
    }

    private static XElement? Optional(string name, string? value) => value is null ? null : new XElement(name, value);
}
