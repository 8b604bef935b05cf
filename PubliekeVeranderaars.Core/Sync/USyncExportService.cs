using System.Text;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Media;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Core.Sync;

/// <summary>Writes the database back to a uSync folder: one file per item, the live version of each page (or its draft, if never published).</summary>
public sealed class USyncExportService(SiteDatabase database, IMediaFileStore? mediaFiles = null)
{
    /// <summary>How often an export reports its progress, in files written.</summary>
    public const int ProgressEvery = 1000;

    /// <param name="progress">Files written so far, now and then: an export of a large site takes seconds.</param>
    public async Task<int> ExportAsync(string folder, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        await using var db = database.Open();
        var dataTypes = await db.DataTypes.AsNoTracking().ToListAsync(cancellationToken);
        var documentTypes = await db.DocumentTypes.AsNoTracking().ToListAsync(cancellationToken);
        var forms = await db.Forms.AsNoTracking().ToListAsync(cancellationToken);
        var media = await db.MediaItems.AsNoTracking().ToDictionaryAsync(m => m.Key, cancellationToken);
        // Media files kept verbatim before the library modelled media are superseded by the items themselves.
        var rawItems = (await db.USyncRawItems.AsNoTracking().ToListAsync(cancellationToken))
            .Where(i => !(i.Folder == USyncMedia.Folder && media.ContainsKey(i.Key))).ToList();
        var nodes = await db.ContentNodes.AsNoTracking().ToDictionaryAsync(n => n.Key, cancellationToken);
        // A published page is exported as visitors see it: its file says "published", and a draft still waiting for
        // approval must not go live wherever the file is imported. A page never published is exported as its draft.
        var versions = await db.ContentVersions.AsNoTracking()
            .Where(v => db.ContentNodes.Any(n => (n.PublishedVersionId ?? n.LatestVersionId) == v.Id))
            .ToDictionaryAsync(v => v.NodeKey, cancellationToken);

        // The folders we own are written whole: a file left from an item deleted since would be imported again.
        foreach (var owned in new[] { USyncFolders.DataTypes, USyncFolders.ContentTypes, USyncFolders.Content, USyncFolders.Forms, USyncMedia.Folder }
                     .Concat(rawItems.Select(i => i.Folder)).Distinct())
        {
            var path = FileNames.Within(folder, owned);
            if (!Directory.Exists(path)) continue;
            foreach (var file in Directory.EnumerateFiles(path, "*" + USyncFolders.FileExtension)) File.Delete(file);
        }

        var written = 0;
        var dataTypeNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var dataType in dataTypes.OrderBy(d => d.Key))
        {
            var shape = USyncShape.FromJson(dataType.USyncShape);
            var name = FileNameOf(shape, dataType.Alias) ?? FileNames.ForAlias(dataType.Alias);
            if (!dataTypeNames.Add(name)) name = $"{name}_{dataType.Key:N}";
            USyncWriter.Save(Restored(shape, USyncWriter.DataTypeElement(dataType)), FileNames.Within(folder, USyncFolders.DataTypes, name + USyncFolders.FileExtension));
            written++;
        }
        foreach (var type in documentTypes)
        {
            var shape = USyncShape.FromJson(type.USyncShape);
            USyncWriter.Save(Restored(shape, USyncWriter.DocumentTypeElement(type)),
                FileNames.Within(folder, USyncFolders.ContentTypes, (FileNameOf(shape, type.Alias) ?? FileNames.ForName(type.Alias.ToLowerInvariant())) + USyncFolders.FileExtension));
            written++;
        }
        foreach (var form in forms)
        {
            USyncWriter.Save(USyncForms.Write(form),
                FileNames.Within(folder, USyncFolders.Forms, FileNames.ForName(form.Alias.ToLowerInvariant()) + USyncFolders.FileExtension));
            written++;
        }
        foreach (var item in rawItems)
        {
            var path = FileNames.Within(folder, item.Folder, FileNames.ForName(item.FileName));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            // uSync writes its files with a byte order mark; the text kept has none (reading dropped it).
            await File.WriteAllTextAsync(path, item.Xml, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), cancellationToken);
            written++;
        }

        written += await ExportMediaAsync(folder, media, cancellationToken);

        var usedNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        // Names as the exported versions have them: a draft's new name, waiting for approval, is not in the file.
        string? NameOf(Guid key) => versions.TryGetValue(key, out var v) ? v.Name : nodes.GetValueOrDefault(key)?.Name;
        foreach (var node in nodes.Values.OrderBy(n => n.Level).ThenBy(n => n.SortOrder).ThenBy(n => n.Key))
        {
            if (!versions.TryGetValue(node.Key, out var version)) continue;
            var shape = USyncShape.FromJson(node.USyncShape);
            var segment = FileNameOf(shape, version.Name) ?? FileNames.ForName(node.UrlSegment);
            var fileName = usedNames.Add(segment) ? segment : $"{segment}_{node.Key:N}";
            // A page whose parent is not here (a partial export came in) keeps the parent's name and path its file gave.
            // So does a page in the bin that came in from a file (uSync's path in the bin is "/[-20]/…").
            var parentHere = node.ParentKey is { } pk && nodes.ContainsKey(pk);
            var parentName = node.ParentKey is { } parentKey ? parentHere ? NameOf(parentKey) : shape?.ParentName ?? "" : null;
            var keepPath = (!parentHere && node.ParentKey is not null) || node.Trashed;
            var path = keepPath && shape?.Path is { } kept && shape.Name == version.Name ? kept : PathOf(node, nodes, NameOf);
            USyncWriter.Save(Restored(shape, USyncWriter.ContentElement(node, version, parentName, path)),
                FileNames.Within(folder, USyncFolders.Content, fileName + USyncFolders.FileExtension));
            if (++written % ProgressEvery == 0) progress?.Report(written);
        }
        return written;
    }

    /// <summary>
    /// Media configs, and their files under <c>Files/</c> so the folder carries the images with it. A file already
    /// there with the same size is left (files never change under their path); files of items gone are removed.
    /// </summary>
    private async Task<int> ExportMediaAsync(string folder, IReadOnlyDictionary<Guid, MediaItem> media, CancellationToken ct)
    {
        var written = 0;
        var usedNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var files = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in media.Values.OrderBy(m => m.Level).ThenBy(m => m.SortOrder).ThenBy(m => m.Key))
        {
            var shape = USyncShape.FromJson(item.USyncShape);
            var segment = FileNameOf(shape, item.Name) ?? FileNames.ForName(UrlSegments.FromName(item.Name) is { Length: > 0 } s ? s : "media");
            var name = usedNames.Add(segment) ? segment : $"{segment}_{item.Key:N}";
            var path = "/" + string.Join('/', Ancestry(item, media).Select(m => USyncPaths.Segment(m.Name)));
            var element = USyncMedia.Write(item, item.ParentKey is { } p ? media.GetValueOrDefault(p)?.Name : null, path);
            // Placed at the top because its folder was not in the export it came from: written back as that export had it.
            if (item.ParentKey is null && shape is { ParentKey: { } originalParent, Level: { } level } && shape.Name == item.Name)
            {
                element.SetAttributeValue("Level", level);
                element.Element("Info")!.Element("Parent")!.SetAttributeValue("Key", originalParent);
                element.Element("Info")!.Element("Parent")!.Value = shape.ParentName ?? "";
                if (shape.Path is { } kept) element.Element("Info")!.Element("Path")!.Value = kept;
            }
            // A site's own media type, which the library keeps as an image, file or folder, goes back under its own name.
            if (shape is { MediaType: { Length: > 0 } ownType, MediaTypeAsRead: { } asRead } && asRead == item.MediaTypeAlias && element.Element("Info")?.Element("ContentType") is { } typeElement)
                typeElement.Value = ownType;
            element = Restored(shape, element);
            // Unchanged since it came, its properties go back as they came (after the kept elements, which they include).
            if (shape is { PropertiesXml: { } properties, Fingerprint: { } said } && said == USyncMedia.Facts(item))
                element.Element("Properties")?.ReplaceWith(XElement.Parse(properties));
            USyncWriter.Save(element, FileNames.Within(folder, USyncMedia.Folder, name + USyncFolders.FileExtension));
            written++;
            if (item.Src is not { } src || mediaFiles is null || !MediaPaths.IsValidSrc(src)) continue;
            var target = FileNames.Within(folder, USyncMedia.FilesFolder, src.TrimStart('/'));
            files.Add(target);
            if (await mediaFiles.LocalPathAsync(src, ct) is not { } stored) continue;
            if (File.Exists(target) && new FileInfo(target).Length == new FileInfo(stored).Length) continue;
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(stored, target, overwrite: true);
        }
        var filesRoot = FileNames.Within(folder, USyncMedia.FilesFolder, MediaPaths.Prefix.Trim('/'));
        if (Directory.Exists(filesRoot))
        {
            foreach (var stale in Directory.EnumerateFiles(filesRoot, "*", SearchOption.AllDirectories).Where(f => !files.Contains(f)).ToList())
                File.Delete(stale);
        }
        return written;
    }

    private static XElement Restored(USyncShape? shape, XElement written) => shape?.Restore(written) ?? written;

    /// <summary>The name of the file the item came from, without its extension, while the item keeps the name it had then.</summary>
    private static string? FileNameOf(USyncShape? shape, string name) =>
        shape is not null && shape.Name == name && shape.FileName.EndsWith(USyncFolders.FileExtension, StringComparison.OrdinalIgnoreCase)
            ? FileNames.ForName(shape.FileName[..^USyncFolders.FileExtension.Length])
            : null;

    private static IEnumerable<MediaItem> Ancestry(MediaItem item, IReadOnlyDictionary<Guid, MediaItem> media)
    {
        var chain = new List<MediaItem>();
        for (MediaItem? m = item; m is not null && chain.Count < 64; m = m.ParentKey is { } p ? media.GetValueOrDefault(p) : null) chain.Add(m);
        chain.Reverse();
        return chain;
    }

    /// <summary>uSync's informational path: the node names from the root down, without spaces.</summary>
    private static string PathOf(ContentNode node, IReadOnlyDictionary<Guid, ContentNode> nodes, Func<Guid, string?> nameOf)
    {
        var names = new List<string>();
        for (ContentNode? n = node; n is not null; n = n.ParentKey is { } pk ? nodes.GetValueOrDefault(pk) : null)
            names.Add(USyncPaths.Segment(nameOf(n.Key) ?? n.Name));
        names.Reverse();
        return "/" + string.Join('/', names);
    }

    /// <summary>
    /// File names come from content (aliases, URL segments, names in imported files): they are reduced to a safe
    /// alphabet, and every path is checked, once resolved, to lie inside the export folder.
    /// </summary>
    private static class FileNames
    {
        public static string ForAlias(string alias) =>
            new string(alias.Where(char.IsAsciiLetterOrDigit).ToArray()) is { Length: > 0 } name ? name : "item";

        /// <summary>The name as it is, but never a separator, a control character, ".." or a leading dot.</summary>
        public static string ForName(string name)
        {
            var safe = new string(name.Select(c => char.IsControl(c) || c is '/' or '\\' or ':' ? '-' : c).ToArray()).Trim().TrimStart('.');
            while (safe.Contains("..", StringComparison.Ordinal)) safe = safe.Replace("..", ".", StringComparison.Ordinal);
            return safe.Length > 0 ? safe : "item";
        }

        public static string Within(string root, params string[] parts)
        {
            var full = Path.GetFullPath(Path.Combine([root, .. parts]));
            var inside = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
            if (!full.StartsWith(inside, StringComparison.Ordinal))
                throw new InvalidOperationException($"uSync export refused to write outside {root}: {string.Join('/', parts)}");
            return full;
        }
    }
}
