using Microsoft.EntityFrameworkCore;
using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Core.Sync;

/// <summary>Writes the database back to a uSync folder: one file per item, the live version of each page (or its draft, if never published).</summary>
public sealed class USyncExportService(SiteDatabase database)
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
        var rawItems = await db.USyncRawItems.AsNoTracking().ToListAsync(cancellationToken);
        var nodes = await db.ContentNodes.AsNoTracking().ToDictionaryAsync(n => n.Key, cancellationToken);
        // A published page is exported as visitors see it: its file says "published", and a draft still waiting for
        // approval must not go live wherever the file is imported. A page never published is exported as its draft.
        var versions = await db.ContentVersions.AsNoTracking()
            .Where(v => db.ContentNodes.Any(n => (n.PublishedVersionId ?? n.LatestVersionId) == v.Id))
            .ToDictionaryAsync(v => v.NodeKey, cancellationToken);

        // The folders we own are written whole: a file left from an item deleted since would be imported again.
        foreach (var owned in new[] { USyncFolders.DataTypes, USyncFolders.ContentTypes, USyncFolders.Content, USyncFolders.Forms }
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
            var name = FileNames.ForAlias(dataType.Alias);
            if (!dataTypeNames.Add(name)) name = $"{name}_{dataType.Key:N}";
            USyncWriter.Save(USyncWriter.DataTypeElement(dataType), FileNames.Within(folder, USyncFolders.DataTypes, name + USyncFolders.FileExtension));
            written++;
        }
        foreach (var type in documentTypes)
        {
            USyncWriter.Save(USyncWriter.DocumentTypeElement(type),
                FileNames.Within(folder, USyncFolders.ContentTypes, FileNames.ForName(type.Alias.ToLowerInvariant()) + USyncFolders.FileExtension));
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
            await File.WriteAllTextAsync(path, item.Xml, cancellationToken);
            written++;
        }

        var usedNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        // Names as the exported versions have them: a draft's new name, waiting for approval, is not in the file.
        string? NameOf(Guid key) => versions.TryGetValue(key, out var v) ? v.Name : nodes.GetValueOrDefault(key)?.Name;
        foreach (var node in nodes.Values.OrderBy(n => n.Level).ThenBy(n => n.SortOrder).ThenBy(n => n.Key))
        {
            if (!versions.TryGetValue(node.Key, out var version)) continue;
            var segment = FileNames.ForName(node.UrlSegment);
            var fileName = usedNames.Add(segment) ? segment : $"{segment}_{node.Key:N}";
            USyncWriter.Save(USyncWriter.ContentElement(node, version, node.ParentKey is { } pk ? NameOf(pk) : null, PathOf(node, nodes, NameOf)),
                FileNames.Within(folder, USyncFolders.Content, fileName + USyncFolders.FileExtension));
            if (++written % ProgressEvery == 0) progress?.Report(written);
        }
        return written;
    }

    /// <summary>uSync's informational path: the node names from the root down, without spaces.</summary>
    private static string PathOf(ContentNode node, IReadOnlyDictionary<Guid, ContentNode> nodes, Func<Guid, string?> nameOf)
    {
        var names = new List<string>();
        for (ContentNode? n = node; n is not null; n = n.ParentKey is { } pk ? nodes.GetValueOrDefault(pk) : null)
            names.Add((nameOf(n.Key) ?? n.Name).Replace(" ", "", StringComparison.Ordinal));
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
