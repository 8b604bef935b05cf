using System.Text.Json;
using System.Xml.Linq;

namespace PubliekeVeranderaars.Core.Sync;

/// <summary>
/// What an imported uSync file held that this site does not model, so its export is the file it came from: elements
/// of Umbraco's (templates, list view, thumbnail, history cleanup, a package's own) in their places, the file's name,
/// and, for a page whose parent was not in the export, the parent's name and path as the file gave them.
/// </summary>
/// <remarks>
/// Found by writing what was read and comparing, element by element: whatever the writer would not write is kept,
/// so an element nobody here has heard of survives too.
/// </remarks>
public sealed record USyncShape(IReadOnlyList<USyncShapeElement> Elements, string FileName, string Name, string? ParentName = null, string? Path = null)
{
    /// <summary>Attributes the file gave elements the writer writes without them (<c>&lt;Trashed Parent="…"&gt;</c>).</summary>
    public IReadOnlyList<USyncShapeAttribute> Attributes { get; init; } = [];
    /// <summary>For media placed at the top because their folder was not in the export: the folder and level the file gave.</summary>
    public Guid? ParentKey { get; init; }
    public int? Level { get; init; }
    /// <summary>
    /// A media item's <c>Properties</c> as the file had them, and what they said then (<see cref="USyncMedia.Facts"/>):
    /// while the item says the same, they are written back as they came (their order, their JSON, no properties added).
    /// </summary>
    public string? PropertiesXml { get; init; }
    /// <summary>A media type the library does not have (a site's own), and the kind the library made of it.</summary>
    public string? MediaType { get; init; }
    public string? MediaTypeAsRead { get; init; }
    public string? Fingerprint { get; init; }

    private const string PropertiesContainer = "GenericProperties";
    private const string PropertyElement = "GenericProperty";
    private const string KeyElement = "Key";

    /// <param name="source">The file as read.</param>
    /// <param name="written">What the writer makes of what was read.</param>
    /// <param name="name">The item's name or alias: the file name holds while it does.</param>
    public static USyncShape Capture(XElement source, XElement written, string fileName, string name, string? parentName = null, string? path = null)
    {
        var extras = new List<USyncShapeElement>();
        var attributes = new List<USyncShapeAttribute>();
        Compare(source, written, "", extras, attributes);
        foreach (var child in source.Elements().Where(e => written.Element(e.Name) is not null))
        {
            Compare(child, written.Element(child.Name)!, child.Name.LocalName, extras, attributes);
            if (child.Name.LocalName != PropertiesContainer) continue;
            // Properties are matched by key: their order may differ between the file and the writer.
            foreach (var property in child.Elements(PropertyElement))
            {
                var key = property.Element(KeyElement)?.Value;
                if (written.Element(child.Name)!.Elements(PropertyElement).FirstOrDefault(p => p.Element(KeyElement)?.Value == key) is { } counterpart)
                    Compare(property, counterpart, $"{PropertiesContainer}/{key}", extras, attributes);
            }
        }
        return new USyncShape(extras, fileName, name, parentName, path) { Attributes = attributes };
    }

    private static void Compare(XElement source, XElement written, string parent, List<USyncShapeElement> extras, List<USyncShapeAttribute> attributes)
    {
        string? previous = null;
        foreach (var child in source.Elements())
        {
            if (written.Element(child.Name) is not { } counterpart)
                extras.Add(new USyncShapeElement(parent, previous, child.ToString(SaveOptions.DisableFormatting)));
            else
                attributes.AddRange(child.Attributes().Where(a => counterpart.Attribute(a.Name) is null)
                    .Select(a => new USyncShapeAttribute(parent, child.Name.LocalName, a.Name.LocalName, a.Value)));
            previous = child.Name.LocalName;
        }
    }

    /// <summary>Puts the kept elements back into what the writer wrote, each after the element it followed.</summary>
    public XElement Restore(XElement written)
    {
        foreach (var extra in Elements)
        {
            var parent = Parent(written, extra.Parent);
            if (parent is null) continue;
            var element = XElement.Parse(extra.Xml);
            var after = extra.After is null ? null : parent.Elements(extra.After).LastOrDefault();
            if (after is not null) after.AddAfterSelf(element);
            else if (extra.After is null) parent.AddFirst(element);
            else parent.Add(element);
        }
        foreach (var attribute in Attributes)
            Parent(written, attribute.Parent)?.Element(attribute.Element)?.SetAttributeValue(attribute.Name, attribute.Value);
        return written;
    }

    private static XElement? Parent(XElement root, string path)
    {
        if (path.Length == 0) return root;
        var parts = path.Split('/', 2);
        var container = root.Element(parts[0]);
        return parts.Length == 1 || container is null
            ? container
            : container.Elements(PropertyElement).FirstOrDefault(p => p.Element(KeyElement)?.Value == parts[1]);
    }

    public string ToJson() => JsonSerializer.Serialize(this);

    public static USyncShape? FromJson(string? json)
    {
        if (string.IsNullOrEmpty(json)) return null;
        try { return JsonSerializer.Deserialize<USyncShape>(json); }
        catch (JsonException) { return null; }
    }
}

/// <summary>An attribute kept from an imported file, of an element the writer writes.</summary>
public sealed record USyncShapeAttribute(string Parent, string Element, string Name, string Value);

/// <summary>An element kept from an imported file: where it was (its parent, the element before it) and its XML.</summary>
public sealed record USyncShapeElement(string Parent, string? After, string Xml);
