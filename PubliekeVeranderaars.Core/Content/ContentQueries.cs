using Microsoft.EntityFrameworkCore;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Core.Content;

/// <summary>What the back office reads about content: the tree, the bin, a page with everything its editor needs, a preview.</summary>
public sealed class ContentQueries(SiteDatabase database, PublishedContentCache cache, RichTextSanitizer sanitizer)
{
    /// <summary>The published site as it is now.</summary>
    public PublishedSnapshot Snapshot => cache.Current;

    /// <summary>The whole tree as the back office shows it: every node that is not in the recycle bin.</summary>
    public async Task<IReadOnlyList<ContentNode>> TreeAsync(CancellationToken ct = default)
    {
        await using var db = database.Open();
        return WithoutBin(await Listed(db.ContentNodes).ToListAsync(ct));
    }

    /// <summary>Every page's row for lists and trees, root first (<see cref="ContentNodeRows.WithoutUSyncShape"/>).</summary>
    private static IQueryable<ContentNode> Listed(IQueryable<ContentNode> nodes) =>
        nodes.AsNoTracking().OrderBy(n => n.Level).ThenBy(n => n.SortOrder).WithoutUSyncShape();

    /// <summary>
    /// The content tree as the back office shows it: the roots, and under each page shown its pages when there are at
    /// most <paramref name="branchLimit"/> (a larger folder is a count and a link to its list view), outside the bin.
    /// On a site of 10,000 initiatives that is a few dozen rows instead of every page on every tree screen.
    /// </summary>
    public async Task<ContentTreeOutline> OutlineAsync(int branchLimit, CancellationToken ct = default)
    {
        await using var db = database.Open();
        // The tree's shape first, without names: which pages are in the bin, how many pages each page holds.
        var shape = WithoutBin(await db.ContentNodes.AsNoTracking().OrderBy(n => n.Level)
            .Select(n => new ContentNode { Key = n.Key, ParentKey = n.ParentKey, Trashed = n.Trashed, Level = n.Level }).ToListAsync(ct));
        var children = shape.ToLookup(n => n.ParentKey);
        var shown = new List<Guid>();
        var parents = new Queue<Guid?>([null]);
        while (parents.TryDequeue(out var parent))
        {
            foreach (var node in children[parent])
            {
                shown.Add(node.Key);
                if (children[node.Key].Count() <= branchLimit) parents.Enqueue(node.Key);
            }
        }
        var nodes = await Listed(db.ContentNodes.Where(n => shown.Contains(n.Key))).ToListAsync(ct);
        var counts = shape.Where(n => n.ParentKey is not null).GroupBy(n => n.ParentKey!.Value).ToDictionary(g => g.Key, g => g.Count());
        return new ContentTreeOutline(nodes, counts);
    }

    public async Task<IReadOnlyList<ContentNode>> TrashedAsync(CancellationToken ct = default)
    {
        await using var db = database.Open();
        return await db.ContentNodes.AsNoTracking().Where(n => n.Trashed).OrderByDescending(n => n.UpdateDate).ToListAsync(ct);
    }

    public async Task<ContentNode?> NodeAsync(Guid key, CancellationToken ct = default)
    {
        await using var db = database.Open();
        return await db.ContentNodes.AsNoTracking().FirstOrDefaultAsync(n => n.Key == key, ct);
    }

    public async Task<ContentVersion?> LatestVersionAsync(Guid key, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var node = await db.ContentNodes.AsNoTracking().FirstOrDefaultAsync(n => n.Key == key, ct);
        return node?.LatestVersionId is { } id ? await db.ContentVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, ct) : null;
    }

    /// <summary>Every saved version of a page, newest first.</summary>
    public async Task<ContentVersion?> VersionAsync(Guid key, long versionId, CancellationToken ct = default)
    {
        await using var db = database.Open();
        return await db.ContentVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Id == versionId && v.NodeKey == key, ct);
    }

    public async Task<IReadOnlyList<ContentVersion>> VersionsAsync(Guid key, CancellationToken ct = default)
    {
        await using var db = database.Open();
        return await db.ContentVersions.AsNoTracking().Where(v => v.NodeKey == key).OrderByDescending(v => v.Id).ToListAsync(ct);
    }

    /// <summary>Pages a writer sent for publishing that an editor has not handled yet.</summary>
    public async Task<int> AwaitingPublicationAsync(CancellationToken ct = default)
    {
        await using var db = database.Open();
        return await db.ContentNodes.CountAsync(n => n.AwaitingPublication && !n.Trashed, ct);
    }

    /// <summary>A page with its newest version and everything its editor screen needs; null for an unknown page.</summary>
    public async Task<ContentEditorData?> EditorAsync(Guid key, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var node = await db.ContentNodes.AsNoTracking().FirstOrDefaultAsync(n => n.Key == key, ct);
        if (node?.LatestVersionId is null) return null;
        var types = await db.DocumentTypes.AsNoTracking().ToDictionaryAsync(t => t.Alias, StringComparer.OrdinalIgnoreCase, ct);
        var dataTypes = await db.DataTypes.AsNoTracking().ToDictionaryAsync(d => d.Key, ct);
        var version = await db.ContentVersions.AsNoTracking().FirstAsync(v => v.Id == node.LatestVersionId, ct);
        var versions = await db.ContentVersions.AsNoTracking().Where(v => v.NodeKey == key).OrderByDescending(v => v.Id).ToListAsync(ct);
        var tree = WithoutBin(await Listed(db.ContentNodes).ToListAsync(ct));
        var type = types.GetValueOrDefault(node.ContentTypeAlias);
        return new ContentEditorData(node, version, type, type?.AllProperties(types) ?? [],
            type is null ? [] : [.. type.Tabs, .. type.Compositions.SelectMany(c => types.GetValueOrDefault(c.Alias)?.Tabs ?? [])],
            dataTypes, tree, ContentStructure.ChildTypes(type, types), ContentStructure.MoveTargets(node, tree, types), versions,
            cache.Current.ByKey(key)?.Route);
    }

    /// <summary>The newest version as it would look published, at the address it has or would get. Never cached.</summary>
    public async Task<ContentPreview?> PreviewAsync(Guid key, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var node = await db.ContentNodes.AsNoTracking().FirstOrDefaultAsync(n => n.Key == key, ct);
        if (node?.LatestVersionId is null) return null;
        var version = await db.ContentVersions.AsNoTracking().FirstAsync(v => v.Id == node.LatestVersionId, ct);
        var types = await db.DocumentTypes.AsNoTracking().ToDictionaryAsync(t => t.Alias, StringComparer.OrdinalIgnoreCase, ct);
        var snapshot = cache.Current;
        var parent = node.ParentKey is { } parentKey ? snapshot.ByKey(parentKey) : null;
        var route = snapshot.ByKey(key)?.Route ?? (parent?.Route ?? "/") + UrlSegments.For(version.Name, version.Values) + "/";
        return new ContentPreview(PublishedSnapshot.Preview(new PublishedSource(node, version), route, types, sanitizer,
            k => snapshot.ByKey(k)?.Route, snapshot.Media.GetValueOrDefault), snapshot);
    }

    /// <summary>Pages whose name contains the text, for a link to them: published ones first, at most <paramref name="max"/>.</summary>
    public async Task<IReadOnlyList<ContentPickerItem>> FindByNameAsync(string text, int max, CancellationToken ct = default)
    {
        var wanted = text.Trim();
        if (wanted.Length == 0) return [];
        var snapshot = cache.Current;
        return (await TreeAsync(ct))
            .Where(n => n.Name.Contains(wanted, StringComparison.CurrentCultureIgnoreCase))
            .Select(n => new ContentPickerItem(n.Key, n.Name, snapshot.ByKey(n.Key)?.Route))
            .OrderBy(i => i.Route is null).ThenBy(i => i.Name.Length).ThenBy(i => i.Name, StringComparer.CurrentCultureIgnoreCase)
            .Take(max).ToList();
    }

    /// <summary>A page under a trashed page is in the bin with it.</summary>
    private static List<ContentNode> WithoutBin(List<ContentNode> nodes)
    {
        var trashed = nodes.Where(n => n.Trashed).Select(n => n.Key).ToHashSet();
        foreach (var n in nodes.Where(n => n.ParentKey is { } p && trashed.Contains(p))) trashed.Add(n.Key);
        return nodes.Where(n => !trashed.Contains(n.Key)).ToList();
    }
}

/// <summary>A page as its editor screen needs it.</summary>
/// <param name="Tree">Every page outside the recycle bin, root first (for content pickers).</param>
/// <param name="PublishedRoute">Where the page is live, if it is.</param>
public sealed record ContentEditorData(ContentNode Node, ContentVersion Version, DocumentType? Type, IReadOnlyList<DocumentTypeProperty> Properties,
    IReadOnlyList<DocumentTypeTab> Tabs, IReadOnlyDictionary<Guid, DataType> DataTypes, IReadOnlyList<ContentNode> Tree,
    IReadOnlyList<DocumentType> ChildTypes, IReadOnlyList<ContentNode> MoveTargets, IReadOnlyList<ContentVersion> Versions, string? PublishedRoute);

/// <summary>The pages a tree shows (root first) and, for every page, how many pages it holds outside the bin.</summary>
public sealed record ContentTreeOutline(IReadOnlyList<ContentNode> Nodes, IReadOnlyDictionary<Guid, int> ChildCounts);

/// <summary>A page to link to: its key, its name and where it is live (null when it is not).</summary>
public sealed record ContentPickerItem(Guid Key, string Name, string? Route);

/// <summary>A draft in the site's layout: the page and the published tree around it.</summary>
public sealed record ContentPreview(PublishedContent Page, PublishedSnapshot Snapshot);
