using System.Xml.Linq;
using PubliekeVeranderaars.Core.Content;

namespace PubliekeVeranderaars.Core.Sync;

/// <summary>
/// uSync's record of a deletion: an <c>Empty</c> file with the item's key and <c>Change="Delete"</c>. A page deleted for
/// good leaves one, kept with the verbatim items, so the next export carries the deletion to every site that imports
/// it (without it, the page would simply be missing from the folder, and stay on the other sites).
/// </summary>
public static class USyncDeleteMarkers
{
    public const string Change = "Delete";

    public static USyncRawItem ForPage(ContentNode node) => new()
    {
        Folder = USyncFolders.Content,
        Key = node.Key,
        Alias = node.Name,
        // The key in the name: a page made later with the same name has a file of its own.
        FileName = $"{UrlSegments.FromName(node.Name)}_{node.Key:N}{USyncFolders.FileExtension}",
        Xml = """<?xml version="1.0" encoding="utf-8"?>""" + "\n"
            + new XElement("Empty", new XAttribute("Key", node.Key), new XAttribute("Alias", node.Name), new XAttribute("Change", Change)),
    };
}
