using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PubliekeVeranderaars.Core.Backoffice;
using PubliekeVeranderaars.Core.Content;
using PubliekeVeranderaars.Core.Forms;
using PubliekeVeranderaars.Core.Media;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Core.Sync;

/// <summary>
/// Imports a uSync folder into the database: schema first, then content parents before children.
/// Items are matched by key; an item whose file equals the database is left alone, so importing an export changes nothing.
/// </summary>
public sealed class USyncImportService(SiteWriter writer, RichTextSanitizer richText, IMediaFileStore? mediaFiles = null, MediaLimits? mediaLimits = null,
    IMediaImageProcessor? mediaImages = null)
{
    private readonly IMediaImageProcessor _mediaImages = mediaImages ?? InProcessMediaImageProcessor.Instance;
    public const string ImportUser = "uSync";

    /// <param name="actor">Who imports: an administrator, the command line, or the site's first start (the default).</param>
    /// <param name="progress">Content items read so far, now and then: an import of a large site takes seconds.</param>
    public async Task<USyncImportReport> ImportAsync(string folder, bool dryRun = false, Actor? actor = null, IProgress<int>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var bundle = USyncReader.ReadFolder(folder);
        return await ImportAsync(bundle, dryRun, actor, folder, progress, cancellationToken);
    }

    /// <summary>How often an import reports its progress, in content items.</summary>
    public const int ProgressEvery = 1000;

    /// <summary>
    /// One unit of the write path: schema, forms and content go in together or not at all; a dry run reports what
    /// would change and writes nothing.
    /// </summary>
    public Task<USyncImportReport> ImportAsync(USyncBundle bundle, bool dryRun = false, Actor? actor = null, string source = ImportUser,
        IProgress<int>? progress = null, CancellationToken cancellationToken = default) =>
        writer.WriteAsync(actor ?? Actor.System, async write =>
        {
            var db = write.Db;
            var report = new USyncImportReport();
            report.Duplicates.AddRange(bundle.Duplicates);
            await ImportDataTypesAsync(db, bundle, report, cancellationToken);
            await ImportDocumentTypesAsync(db, bundle, report, cancellationToken);
            await ImportFormsAsync(db, bundle, report, cancellationToken);
            await ImportRawItemsAsync(db, bundle, report, cancellationToken);
            await ImportMediaAsync(db, bundle, report, dryRun, cancellationToken);
            await ApplyEmptiesAsync(db, bundle, report, cancellationToken);
            await ReportMissingReferencesAsync(db, bundle, report, cancellationToken);
            if (!dryRun) await db.SaveChangesAsync(cancellationToken);
            await ImportContentAsync(write, bundle, report, dryRun, progress, cancellationToken);
            if (dryRun)
            {
                write.Abandon();
                return report;
            }
            write.Audit(AuditActions.USyncImport, source, $"{report.Changes.Count} wijzigingen, {report.Unchanged} ongewijzigd");
            write.Raise(new FormsChangedNotification());
            write.Raise(new MediaChangedNotification(MediaOperation.Import));
            write.Raise(new ContentChangedNotification(ContentOperation.Import, PublishedTreeChanged: report.Changes.Count > 0));
            return report;
        }, cancellationToken);

    private static Task ImportDataTypesAsync(SiteDbContext db, USyncBundle bundle, USyncImportReport report, CancellationToken ct) =>
        UpsertByKeyAsync(db.DataTypes, bundle.DataTypes, d => d.Key, d => d.Alias, USyncFolders.DataTypes, report,
            (current, incoming) => db.Entry(current).CurrentValues.SetValues(incoming), ct);

    private static Task ImportDocumentTypesAsync(SiteDbContext db, USyncBundle bundle, USyncImportReport report, CancellationToken ct) =>
        UpsertByKeyAsync(db.DocumentTypes, bundle.DocumentTypes, t => t.Key, t => t.Alias, USyncFolders.ContentTypes, report,
            (current, incoming) =>
            {
                db.Entry(current).CurrentValues.SetValues(incoming);
                // The JSON-column lists are not scalar values, so SetValues leaves them alone.
                current.Compositions = incoming.Compositions;
                current.AllowedChildren = incoming.AllowedChildren;
                current.Tabs = incoming.Tabs;
                current.Properties = incoming.Properties;
            }, ct);

    private static Task ImportFormsAsync(SiteDbContext db, USyncBundle bundle, USyncImportReport report, CancellationToken ct) =>
        UpsertByKeyAsync(db.Forms, bundle.Forms, f => f.Key, f => f.Alias, USyncFolders.Forms, report,
            (current, incoming) =>
            {
                db.Entry(current).CurrentValues.SetValues(incoming);
                current.Fields = incoming.Fields;
                current.Workflows = incoming.Workflows;
            }, ct);

    /// <summary>Adds new items, updates those whose serialized form differs, and counts the rest as unchanged.</summary>
    private static async Task UpsertByKeyAsync<T>(DbSet<T> set, IEnumerable<T> items, Func<T, Guid> keyOf,
        Func<T, string> aliasOf, string folder, USyncImportReport report, Action<T, T> update, CancellationToken ct) where T : class
    {
        var existing = (await set.ToListAsync(ct)).ToDictionary(keyOf);
        foreach (var incoming in items)
        {
            if (!existing.TryGetValue(keyOf(incoming), out var current))
            {
                set.Add(incoming);
                existing[keyOf(incoming)] = incoming;
                report.Add(folder, aliasOf(incoming), keyOf(incoming), USyncChange.Created);
            }
            else if (Json(current) != Json(incoming))
            {
                update(current, incoming);
                report.Add(folder, aliasOf(incoming), keyOf(incoming), USyncChange.Updated);
            }
            else report.Unchanged++;
        }
    }

    private static async Task ImportRawItemsAsync(SiteDbContext db, USyncBundle bundle, USyncImportReport report, CancellationToken ct)
    {
        var existing = await db.USyncRawItems.ToDictionaryAsync(i => (i.Folder, i.Key), ct);
        foreach (var incoming in bundle.RawItems)
        {
            if (!existing.TryGetValue((incoming.Folder, incoming.Key), out var current))
            {
                db.USyncRawItems.Add(incoming);
                existing[(incoming.Folder, incoming.Key)] = incoming;
                report.Add(incoming.Folder, incoming.Alias, incoming.Key, USyncChange.Created);
            }
            else if (current.Xml != incoming.Xml || current.FileName != incoming.FileName || current.Alias != incoming.Alias)
            {
                db.Entry(current).CurrentValues.SetValues(incoming);
                report.Add(incoming.Folder, incoming.Alias, incoming.Key, USyncChange.Updated);
            }
            else report.Unchanged++;
        }
    }

    /// <summary>
    /// Media items by key, parents first, each with its file from the folder's <c>Files/</c> when the store does not
    /// have it yet. A file that is missing or not a kind the library takes is reported, never a reason to stop: the
    /// item comes in, and shows once its file is uploaded.
    /// </summary>
    private async Task ImportMediaAsync(SiteDbContext db, USyncBundle bundle, USyncImportReport report, bool dryRun, CancellationToken ct)
    {
        if (bundle.Media.Count == 0) return;
        var existing = await db.MediaItems.ToDictionaryAsync(m => m.Key, ct);
        PlaceImportedMedia(bundle.Media, existing);
        // Each path belongs to one item: an import never takes over another item's file.
        var owners = existing.Values.Where(m => m.Src is not null).GroupBy(m => m.Src!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Key, StringComparer.Ordinal);
        foreach (var incoming in bundle.Media.OrderBy(m => m.Level).ThenBy(m => m.SortOrder))
        {
            existing.TryGetValue(incoming.Key, out var current);
            if (incoming.Src is { } claimed && owners.TryGetValue(claimed, out var owner) && owner != incoming.Key)
            {
                report.RefusedFiles.Add($"{claimed}: dit pad hoort al bij een ander item");
                incoming.Src = null;
            }
            if (incoming.Src is { } src)
            {
                owners[src] = incoming.Key;
                if (!dryRun) await ImportMediaFileAsync(bundle, incoming, current, src, report, ct);
            }
            else if (current is not null) incoming.ContentHash = current.ContentHash;
            if (current is null)
            {
                incoming.UpdateDate = incoming.CreateDate;
                db.MediaItems.Add(incoming);
                existing[incoming.Key] = incoming;
                report.Add(USyncMedia.Folder, incoming.Name, incoming.Key, USyncChange.Created);
            }
            else if (Json(MediaFacts(current)) != Json(MediaFacts(incoming)))
            {
                incoming.UpdateDate = current.UpdateDate;
                db.Entry(current).CurrentValues.SetValues(incoming);
                report.Add(USyncMedia.Folder, incoming.Name, incoming.Key, USyncChange.Updated);
            }
            else report.Unchanged++;
        }
    }

    /// <summary>
    /// A file's parent is not trusted: an item whose parent is neither in the bundle nor in the library, is not a
    /// folder, or lies in a loop (A in B in A) goes to the top. Levels follow from the parents, not from the file.
    /// </summary>
    private static void PlaceImportedMedia(IReadOnlyList<MediaItem> incoming, IReadOnlyDictionary<Guid, MediaItem> existing)
    {
        var all = existing.Values.ToDictionary(m => m.Key);
        foreach (var item in incoming) all[item.Key] = item;
        foreach (var item in incoming)
        {
            if (item.ParentKey is { } parent && (!all.TryGetValue(parent, out var p) || !p.IsFolder || parent == item.Key)) item.ParentKey = null;
        }
        const int MaxDepth = 64;
        foreach (var item in incoming)
        {
            var seen = new HashSet<Guid> { item.Key };
            var depth = 1;
            for (var parent = item.ParentKey; parent is { } key; parent = all.GetValueOrDefault(key)?.ParentKey, depth++)
            {
                if (!seen.Add(key) || depth > MaxDepth || !all.ContainsKey(key))
                {
                    item.ParentKey = null;
                    depth = 1;
                    break;
                }
            }
            item.Level = depth;
        }
    }

    /// <summary>What an import compares: everything a file says about an item.</summary>
    private static object MediaFacts(MediaItem m) =>
        new { m.Name, m.ParentKey, m.MediaTypeAlias, m.SortOrder, m.Src, m.Width, m.Height, m.Bytes, m.Extension, m.AltText, m.IsDecorative, m.FocalLeft, m.FocalTop, m.Trashed };

    private async Task ImportMediaFileAsync(USyncBundle bundle, MediaItem incoming, MediaItem? current, string src, USyncImportReport report, CancellationToken ct)
    {
        if (mediaFiles is null) return;
        if (!MediaPaths.IsValidSrc(src))
        {
            report.RefusedFiles.Add($"{src}: geen geldig mediapad");
            incoming.Src = null;
            return;
        }
        if (current?.Src == src && current.ContentHash.Length > 0 && await mediaFiles.LocalPathAsync(src, ct) is not null)
        {
            incoming.ContentHash = current.ContentHash;
            return;
        }
        var file = bundle.SourceFolder is { } folder ? Path.Combine(folder, USyncMedia.FilesFolder, src.TrimStart('/').Replace('/', Path.DirectorySeparatorChar)) : null;
        if (file is null || !File.Exists(file))
        {
            report.MissingFiles.Add(src);
            return;
        }
        var limits = mediaLimits ?? new MediaLimits();
        if (new FileInfo(file).Length > limits.MaxBytes)
        {
            report.RefusedFiles.Add($"{src}: groter dan {limits.MaxBytes / 1024 / 1024} MB");
            return;
        }
        var content = await File.ReadAllBytesAsync(file, ct);
        var kind = MediaFileKinds.Sniff(content.AsSpan(0, Math.Min(content.Length, MediaFileKinds.SniffLength)));
        if (kind is MediaFileKind.Unknown or MediaFileKind.Svg)
        {
            report.RefusedFiles.Add($"{src}: geen JPEG, PNG, WebP, GIF of PDF");
            return;
        }
        if (kind == MediaFileKind.Pdf)
        {
            try
            {
                MediaPdfs.Check(content);
            }
            catch (MediaRefusedException refused)
            {
                report.RefusedFiles.Add($"{src}: {refused.Message}");
                return;
            }
        }
        if (MediaFileKinds.IsImage(kind))
        {
            try
            {
                // The same limits as an upload, and the same privacy (MediaImages.ForImport).
                var image = await _mediaImages.ForImportAsync(content, kind, limits, ct);
                (content, incoming.Width, incoming.Height) = (image.Reencoded ?? content, image.Width, image.Height);
            }
            catch (MediaRefusedException refused)
            {
                report.RefusedFiles.Add($"{src}: {refused.Message}");
                return;
            }
        }
        // What the content is decides the type, not what the file says.
        incoming.MediaTypeAlias = MediaFileKinds.IsImage(kind) ? MediaTypes.Image : MediaTypes.File;
        if (!MediaFileKinds.IsImage(kind)) (incoming.Width, incoming.Height) = (null, null);
        incoming.Extension = MediaFileKinds.Extension(kind);
        incoming.Bytes = content.LongLength;
        incoming.ContentHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));
        await mediaFiles.SaveAsync(src, content, ct);
    }

    /// <summary>
    /// uSync's Empty files say an item was deleted (or renamed into another file) where the export was made; a deleted
    /// item goes here too, if we have it. An Empty beside a file of the same item in the same folder is uSync's leftover
    /// of a rename or re-creation: the item stays. Every marker is kept, like the items kept verbatim, so the next export
    /// writes the folder as it came and passes the deletion on.
    /// </summary>
    private static async Task ApplyEmptiesAsync(SiteDbContext db, USyncBundle bundle, USyncImportReport report, CancellationToken ct)
    {
        var inBundle = bundle.DataTypes.Select(d => (USyncFolders.DataTypes, d.Key))
            .Concat(bundle.DocumentTypes.Select(t => (USyncFolders.ContentTypes, t.Key)))
            .Concat(bundle.Content.Select(c => (USyncFolders.Content, c.Key)))
            .Concat(bundle.Media.Select(m => (USyncMedia.Folder, m.Key)))
            .ToHashSet();
        foreach (var empty in bundle.Empties.Where(e => e.Change == "Delete" && !inBundle.Contains((e.Folder, e.Key))))
        {
            var removed = empty.Folder switch
            {
                USyncFolders.DataTypes => await db.DataTypes.FindAsync([empty.Key], ct) is { } d && Remove(db, d),
                USyncFolders.ContentTypes => await db.DocumentTypes.FindAsync([empty.Key], ct) is { } t && Remove(db, t),
                // Pages and media go to the recycle bin, with what is below them, not out of the database: a delete
                // that travelled by mistake can be undone.
                USyncFolders.Content => await db.ContentNodes.FindAsync([empty.Key], ct) is { Trashed: false } n && Trash(n),
                USyncMedia.Folder => await db.MediaItems.FindAsync([empty.Key], ct) is { Trashed: false } m && Trash(m),
                _ => false,
            };
            if (removed) report.Add(empty.Folder, empty.Alias, empty.Key, USyncChange.Deleted);
        }
        var kept = await db.USyncRawItems.ToDictionaryAsync(i => (i.Folder, i.Key), ct);
        var seen = new HashSet<(string, Guid)>();
        foreach (var empty in bundle.Empties.Where(e => e.Xml.Length > 0).OrderBy(e => e.FileName, StringComparer.Ordinal))
        {
            // A second marker of the same item (renamed, then deleted: real exports have both) is kept under a key
            // made from its file name, so neither file is lost.
            var key = seen.Add((empty.Folder, empty.Key)) ? empty.Key : FileKey(empty.Key, empty.FileName);
            seen.Add((empty.Folder, key));
            var marker = new USyncRawItem { Folder = empty.Folder, Key = key, Alias = empty.Alias, FileName = empty.FileName, Xml = empty.Xml };
            if (kept.TryGetValue((empty.Folder, key), out var current))
            {
                if (current.Xml != marker.Xml || current.FileName != marker.FileName) db.Entry(current).CurrentValues.SetValues(marker);
            }
            else
            {
                db.USyncRawItems.Add(marker);
                kept[(empty.Folder, key)] = marker;
            }
        }
    }

    private static Guid FileKey(Guid key, string fileName) =>
        new(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{key:N}/{fileName}")).AsSpan(0, 16));

    private static bool Trash(ContentNode node)
    {
        node.Trashed = true;
        return true;
    }

    private static bool Trash(MediaItem item)
    {
        item.Trashed = true;
        return true;
    }

    /// <summary>Items that point at document types or data types that are neither in the folder nor in the site.</summary>
    private static async Task ReportMissingReferencesAsync(SiteDbContext db, USyncBundle bundle, USyncImportReport report, CancellationToken ct)
    {
        var typeAliases = (await db.DocumentTypes.Select(t => t.Alias).ToListAsync(ct)).Concat(bundle.DocumentTypes.Select(t => t.Alias))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var dataTypeKeys = (await db.DataTypes.Select(d => d.Key).ToListAsync(ct)).Concat(bundle.DataTypes.Select(d => d.Key)).ToHashSet();
        foreach (var item in bundle.Content.Where(c => !typeAliases.Contains(c.ContentTypeAlias)))
            report.MissingReferences.Add($"pagina '{item.Name}' ({item.Key}): documenttype '{item.ContentTypeAlias}' bestaat niet");
        foreach (var type in bundle.DocumentTypes)
        {
            foreach (var property in type.Properties.Where(p => p.DataTypeKey != Guid.Empty && !dataTypeKeys.Contains(p.DataTypeKey)))
                report.MissingReferences.Add($"documenttype '{type.Alias}', eigenschap '{property.Alias}': datatype {property.DataTypeKey} bestaat niet");
            foreach (var composition in type.Compositions.Where(c => !typeAliases.Contains(c.Alias)))
                report.MissingReferences.Add($"documenttype '{type.Alias}': compositie '{composition.Alias}' bestaat niet");
        }
    }

    private static bool Remove(SiteDbContext db, object entity)
    {
        db.Remove(entity);
        return true;
    }

    private async Task ImportContentAsync(SiteWrite write, USyncBundle bundle, USyncImportReport report, bool dryRun, IProgress<int>? progress,
        CancellationToken ct)
    {
        var db = write.Db;
        var nodes = await db.ContentNodes.ToDictionaryAsync(n => n.Key, ct);
        var versionIds = nodes.Values.SelectMany(n => new[] { n.LatestVersionId, n.PublishedVersionId }).OfType<long>().Distinct().ToList();
        var versions = await db.ContentVersions.Where(v => versionIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, ct);
        // A page deleted here once and now coming back: its delete marker goes, or the next export would delete it elsewhere.
        var deleteMarkers = await db.USyncRawItems.Where(i => i.Folder == USyncFolders.Content).ToDictionaryAsync(i => i.Key, ct);
        // ...unless the marker came with the page, in the same folder (a rename's leftover): then both stay, as they came.
        foreach (var empty in bundle.Empties.Where(e => e.Folder == USyncFolders.Content)) deleteMarkers.Remove(empty.Key);

        var newVersions = new List<(ContentNode Node, ContentVersion Version, bool Published)>();
        var richTextAliases = await RichTextAliasesAsync(db, bundle, ct);
        // Parents first, so a child's level and route can rely on its parent being there.
        var done = 0;
        foreach (var item in bundle.Content.OrderBy(c => c.Level).ThenBy(c => c.SortOrder))
        {
            if (++done % ProgressEvery == 0) progress?.Report(done);
            // A file from elsewhere is untrusted: its rich text is cleaned before it is compared or stored.
            if (richTextAliases.TryGetValue(item.ContentTypeAlias, out var richAliases))
                item.Values = [.. item.Values.Select(v => richAliases.Contains(v.Alias) ? v with { Value = richText.SanitizeStored(v.Value) } : v)];
            var segment = UrlSegments.For(item.Name, item.Values);
            if (!nodes.TryGetValue(item.Key, out var node))
            {
                report.Add(USyncFolders.Content, item.Name, item.Key, USyncChange.Created);
                if (dryRun) continue;
                node = new ContentNode { Key = item.Key, CreateDate = item.CreateDate };
                db.ContentNodes.Add(node);
                if (deleteMarkers.TryGetValue(item.Key, out var marker)) db.USyncRawItems.Remove(marker);
                nodes[item.Key] = node;
                Apply(node, item, segment, write.Now);
                newVersions.Add(NewVersion(db, node, item, write.Now));
                continue;
            }

            // A published file is compared with what is live, so a draft waiting for approval stays a draft when
            // the site's own export comes back; an unpublished file is compared with the newest draft.
            var current = versions.GetValueOrDefault((item.Published ? node.PublishedVersionId : null) ?? node.LatestVersionId ?? 0);
            var contentChanged = current is null || current.Name != item.Name
                                 || !SameValues(current.Values, item.Values) || !current.CultureNames.OrderBy(n => n.Culture, StringComparer.Ordinal)
                                     .SequenceEqual(item.CultureNames.OrderBy(n => n.Culture, StringComparer.Ordinal));
            var nodeChanged = node.ParentKey != item.ParentKey || node.SortOrder != item.SortOrder || node.Level != item.Level
                              || node.ContentTypeAlias != item.ContentTypeAlias || node.Trashed != item.Trashed
                              || node.UrlSegment != segment || !SameSecond(node.CreateDate, item.CreateDate)
                              || node.IsPublished != (item.Published && !item.Trashed)
                              || !node.UnpublishedCultures.SequenceEqual(item.UnpublishedCultures, StringComparer.OrdinalIgnoreCase);
            if (!contentChanged && !nodeChanged)
            {
                report.Unchanged++;
                continue;
            }
            // A file is the authority; a draft of this site's own that waited for approval is pushed into the history,
            // and the dry run says so first.
            var overDraft = contentChanged && node.HasUnpublishedChanges && node.LatestVersionId is not null;
            report.Add(USyncFolders.Content, item.Name, item.Key, overDraft ? USyncChange.UpdatedOverDraft : USyncChange.Updated);
            if (dryRun) continue;
            if (overDraft) node.AwaitingPublication = false;
            var createDate = node.CreateDate;
            Apply(node, item, segment, write.Now);
            // uSync writes whole seconds: the same second is the same date, and the stored one is the more precise.
            if (SameSecond(createDate, item.CreateDate)) node.CreateDate = createDate;
            if (contentChanged) newVersions.Add(NewVersion(db, node, item, write.Now));
            else
            {
                node.PublishedVersionId = item.Published && !item.Trashed ? current!.Id : null;
                // A draft the file publishes as it stands goes live now: the list of versions says so later.
                if (node.PublishedVersionId is not null) current!.PublishedUtc ??= write.Now;
            }
        }
        if (dryRun) return;
        // Two saves for the whole import, not one per page: with every page tracked, saving per page made an import
        // of 10,000 pages take ten minutes. This one gives the versions their ids; the write path's own save at the
        // end points the nodes at them, in the same transaction.
        await db.SaveChangesAsync(ct);
        foreach (var (node, version, published) in newVersions)
        {
            node.LatestVersionId = version.Id;
            node.PublishedVersionId = published ? version.Id : null;
        }
    }

    /// <summary>Per document type, the aliases of its rich text properties (compositions included), from the file and the database.</summary>
    private static async Task<Dictionary<string, HashSet<string>>> RichTextAliasesAsync(SiteDbContext db, USyncBundle bundle, CancellationToken ct)
    {
        var types = (await db.DocumentTypes.AsNoTracking().ToListAsync(ct)).ToDictionary(t => t.Alias, StringComparer.OrdinalIgnoreCase);
        foreach (var type in bundle.DocumentTypes) types[type.Alias] = type;
        return types.Values.ToDictionary(t => t.Alias,
            t => t.AllProperties(types).Where(p => EditorAliases.IsRichText(p.EditorAlias)).Select(p => p.Alias).ToHashSet(StringComparer.Ordinal),
            StringComparer.OrdinalIgnoreCase);
    }

    private static void Apply(ContentNode node, USyncContentItem item, string segment, DateTime now)
    {
        node.ParentKey = item.ParentKey;
        node.ContentTypeAlias = item.ContentTypeAlias;
        node.Level = item.Level;
        node.SortOrder = item.SortOrder;
        node.Name = item.Name;
        node.UrlSegment = segment;
        node.Trashed = item.Trashed;
        node.UnpublishedCultures = [.. item.UnpublishedCultures];
        node.USyncShape = item.Shape;
        node.CreateDate = item.CreateDate;
        node.UpdateDate = now;
    }

    private static (ContentNode, ContentVersion, bool) NewVersion(SiteDbContext db, ContentNode node, USyncContentItem item, DateTime now)
    {
        var version = new ContentVersion
        {
            NodeKey = node.Key,
            Name = item.Name,
            CreatedUtc = now,
            CreatedBy = ImportUser,
            Values = item.Values,
            CultureNames = item.CultureNames,
            PublishedUtc = item.Published ? now : null,
        };
        db.ContentVersions.Add(version);
        return (node, version, item.Published);
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);

    /// <summary>The same values, whatever their order: a file's order of properties is not a change.</summary>
    private static bool SameValues(IReadOnlyList<ContentPropertyValue> a, IReadOnlyList<ContentPropertyValue> b)
    {
        static IEnumerable<ContentPropertyValue> Sorted(IEnumerable<ContentPropertyValue> values) =>
            values.OrderBy(v => v.Alias, StringComparer.Ordinal).ThenBy(v => v.Culture, StringComparer.Ordinal).ThenBy(v => v.Value, StringComparer.Ordinal);
        return a.Count == b.Count && Sorted(a).SequenceEqual(Sorted(b));
    }

    private static bool SameSecond(DateTime a, DateTime b) => a.Ticks / TimeSpan.TicksPerSecond == b.Ticks / TimeSpan.TicksPerSecond;
}
