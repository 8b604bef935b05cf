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
        var shape = await ShapeAsync(db, ct);
        var shown = Shown(shape, branchLimit);
        return new ContentTreeOutline(await Listed(db.ContentNodes.Where(n => shown.Contains(n.Key))).ToListAsync(ct), ChildCounts(shape));
    }

    /// <summary>
    /// One screen of the pages under a page, in their order: those matching <paramref name="filter"/> and, when given,
    /// with <paramref name="search"/> in their name (as people read it: any case and accent as the culture compares).
    /// Null when the page is unknown or in the bin. The database pages and counts; only a name search reads the names
    /// of all the pages under it, never their rows.
    /// </summary>
    public async Task<ContentChildren?> ChildrenAsync(Guid key, System.Linq.Expressions.Expression<Func<ContentNode, bool>> filter, string? search,
        int page, int pageSize, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var parent = await Listed(db.ContentNodes.Where(n => n.Key == key)).FirstOrDefaultAsync(ct);
        if (parent is null || await InBinAsync(db, parent, ct)) return null;
        var children = db.ContentNodes.AsNoTracking().Where(n => n.ParentKey == key && !n.Trashed);
        var total = await children.CountAsync(ct);
        var matching = children.Where(filter).OrderBy(n => n.SortOrder);
        List<ContentNode> rows;
        int count;
        if (string.IsNullOrWhiteSpace(search))
        {
            count = await matching.CountAsync(ct);
            var number = PageNumber(page, count, pageSize);
            rows = await Listed(matching.Skip((number - 1) * pageSize).Take(pageSize)).ToListAsync(ct);
            return new ContentChildren(parent, rows, count, total, number, PageCount(count, pageSize));
        }
        var wanted = search.Trim();
        var found = (await matching.Select(n => new { n.Key, n.Name }).ToListAsync(ct))
            .Where(n => n.Name.Contains(wanted, StringComparison.CurrentCultureIgnoreCase)).Select(n => n.Key).ToList();
        count = found.Count;
        var shown = PageNumber(page, count, pageSize);
        var keys = found.Skip((shown - 1) * pageSize).Take(pageSize).ToList();
        rows = await Listed(db.ContentNodes.Where(n => keys.Contains(n.Key))).ToListAsync(ct);
        return new ContentChildren(parent, [.. rows.OrderBy(n => n.SortOrder)], count, total, shown, PageCount(count, pageSize));
    }

    private static int PageCount(int count, int pageSize) => Math.Max(1, (count + pageSize - 1) / pageSize);

    private static int PageNumber(int asked, int count, int pageSize) => Math.Clamp(asked, 1, PageCount(count, pageSize));

    /// <summary>Whether the page or a page above it is in the recycle bin.</summary>
    private static async Task<bool> InBinAsync(SiteDbContext db, ContentNode node, CancellationToken ct)
    {
        for (var current = node; current is not null; )
        {
            if (current.Trashed) return true;
            if (current.ParentKey is not { } parent) return false;
            current = await db.ContentNodes.AsNoTracking().Where(n => n.Key == parent)
                .Select(n => new ContentNode { Key = n.Key, ParentKey = n.ParentKey, Trashed = n.Trashed }).FirstOrDefaultAsync(ct);
        }
        return false;
    }

    /// <summary>The tree's shape without names, outside the bin: which page is where, of which type.</summary>
    private static async Task<List<ContentNode>> ShapeAsync(SiteDbContext db, CancellationToken ct) =>
        WithoutBin(await db.ContentNodes.AsNoTracking().OrderBy(n => n.Level)
            .ThenBy(n => n.SortOrder)
            .Select(n => new ContentNode { Key = n.Key, ParentKey = n.ParentKey, Trashed = n.Trashed, Level = n.Level, SortOrder = n.SortOrder, ContentTypeAlias = n.ContentTypeAlias })
            .ToListAsync(ct));

    /// <summary>The roots, and under each page shown its pages when there are at most <paramref name="branchLimit"/>.</summary>
    private static List<Guid> Shown(List<ContentNode> shape, int branchLimit)
    {
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
        return shown;
    }

    private static Dictionary<Guid, int> ChildCounts(List<ContentNode> shape) =>
        shape.Where(n => n.ParentKey is not null).GroupBy(n => n.ParentKey!.Value).ToDictionary(g => g.Key, g => g.Count());

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

    public async Task<ContentVersion?> VersionAsync(Guid key, long versionId, CancellationToken ct = default)
    {
        await using var db = database.Open();
        return await db.ContentVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Id == versionId && v.NodeKey == key, ct);
    }

    /// <summary>A screen of a page's history: <paramref name="take"/> versions, newest first, after the newest <paramref name="skip"/>.</summary>
    public async Task<ContentVersionScreen> VersionScreenAsync(Guid key, int skip, int take, CancellationToken ct = default)
    {
        await using var db = database.Open();
        return await VersionScreenAsync(db, key, skip, take, ct);
    }

    private static async Task<ContentVersionScreen> VersionScreenAsync(SiteDbContext db, Guid key, int skip, int take, CancellationToken ct)
    {
        var shown = await db.ContentVersions.AsNoTracking().Where(v => v.NodeKey == key).OrderByDescending(v => v.Id)
            .Skip(skip).Take(take).ToListAsync(ct);
        var count = skip == 0 && shown.Count < take ? shown.Count : await db.ContentVersions.CountAsync(v => v.NodeKey == key, ct);
        // What the shown ones restored, always older than they are: the list names each by its time.
        var restoredIds = shown.Select(v => v.RestoredFromId).OfType<long>().Where(id => shown.All(v => v.Id != id)).Distinct().ToList();
        var restored = restoredIds.Count == 0 ? [] : await db.ContentVersions.AsNoTracking()
            .Where(v => v.NodeKey == key && restoredIds.Contains(v.Id)).OrderByDescending(v => v.Id).ToListAsync(ct);
        return new ContentVersionScreen(shown, restored, count);
    }

    /// <summary>Every saved version of a page, newest first.</summary>
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
    /// <param name="limits">How much of a large site the screen lists (its tree, its page pickers).</param>
    /// <param name="referenced">Values shown besides the page's versions (a posted form): the pages they pick are named too.</param>
    public async Task<ContentEditorData?> EditorAsync(Guid key, CancellationToken ct = default, ContentEditorLimits? limits = null,
        IEnumerable<string>? referenced = null)
    {
        limits ??= ContentEditorLimits.Default;
        await using var db = database.Open();
        var node = await db.ContentNodes.AsNoTracking().FirstOrDefaultAsync(n => n.Key == key, ct);
        if (node?.LatestVersionId is null) return null;
        var types = await db.DocumentTypes.AsNoTracking().ToDictionaryAsync(t => t.Alias, StringComparer.OrdinalIgnoreCase, ct);
        var dataTypes = await db.DataTypes.AsNoTracking().ToDictionaryAsync(d => d.Key, ct);
        // The newest versions and a count of all: a page saved a thousand times opens as fast as a new one.
        var screen = await VersionScreenAsync(db, key, 0, limits.VersionsRead, ct);
        var version = screen.Shown.FirstOrDefault(v => v.Id == node.LatestVersionId)
                      ?? await db.ContentVersions.AsNoTracking().FirstAsync(v => v.Id == node.LatestVersionId, ct);
        // On a large site the screen reads whole rows only for the pages it names: its tree, the pickers' top levels
        // and picks, the places the page may move to (10,000 initiatives: a few dozen rows instead of every page).
        var shape = await ShapeAsync(db, ct);
        var small = shape.Count <= limits.PickerListLimit;
        var shown = Shown(shape, limits.TreeBranchLimit);
        // The picks of the versions read and of the values shown besides them (a conflict's, a compared version's).
        var picked = ContentReferences.DocumentKeys([.. screen.All.SelectMany(v => v.Values).Select(v => v.Value), .. referenced ?? []]);
        var pickable = (small ? shape : shape.Where(n => n.Level <= limits.PickerListedLevels || picked.Contains(n.Key))).Select(n => n.Key).ToHashSet();
        var moveTargets = ContentStructure.MoveTargets(node, shape, types).Select(n => n.Key).ToList();
        var wanted = shown.Concat(pickable).Concat(moveTargets).ToHashSet();
        var rows = await Listed(small ? db.ContentNodes : db.ContentNodes.Where(n => wanted.Contains(n.Key))).ToListAsync(ct);
        var byKey = rows.ToDictionary(n => n.Key);
        List<ContentNode> Rows(IEnumerable<Guid> keys) => [.. keys.Select(byKey.GetValueOrDefault).OfType<ContentNode>()];
        var shownKeys = shown.ToHashSet();
        var type = types.GetValueOrDefault(node.ContentTypeAlias);
        return new ContentEditorData(node, version, type, type?.AllProperties(types) ?? [],
            type is null ? [] : [.. type.Tabs, .. type.Compositions.SelectMany(c => types.GetValueOrDefault(c.Alias)?.Tabs ?? [])],
            dataTypes, new ContentTreeOutline([.. rows.Where(n => shownKeys.Contains(n.Key))], ChildCounts(shape)),
            [.. rows.Where(n => pickable.Contains(n.Key))], shape.Count,
            ContentStructure.ChildTypes(type, types), Rows(moveTargets), screen, cache.Current.ByKey(key)?.Route);
    }

    /// <summary>A page as a save needs it: its newest version and its type's properties. Null for an unknown page.</summary>
    public async Task<ContentEditingData?> EditingAsync(Guid key, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var node = await db.ContentNodes.AsNoTracking().FirstOrDefaultAsync(n => n.Key == key, ct);
        if (node?.LatestVersionId is not { } latest) return null;
        var version = await db.ContentVersions.AsNoTracking().FirstAsync(v => v.Id == latest, ct);
        var types = await db.DocumentTypes.AsNoTracking().ToDictionaryAsync(t => t.Alias, StringComparer.OrdinalIgnoreCase, ct);
        return new ContentEditingData(node, version, types.GetValueOrDefault(node.ContentTypeAlias)?.AllProperties(types) ?? []);
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
/// <param name="Outline">The content tree beside the editor.</param>
/// <param name="PickerPages">The pages a page picker lists, root first: every page outside the bin on a small site;
/// on a large one the top levels and every page a shown value picks.</param>
/// <param name="PageCount">How many pages there are outside the bin.</param>
/// <param name="VersionScreen">The newest versions (<see cref="ContentEditorLimits.VersionsRead"/>), the older ones they
/// restored, and how many there are in all.</param>
/// <param name="PublishedRoute">Where the page is live, if it is.</param>
public sealed record ContentEditorData(ContentNode Node, ContentVersion Version, DocumentType? Type, IReadOnlyList<DocumentTypeProperty> Properties,
    IReadOnlyList<DocumentTypeTab> Tabs, IReadOnlyDictionary<Guid, DataType> DataTypes, ContentTreeOutline Outline,
    IReadOnlyList<ContentNode> PickerPages, int PageCount,
    IReadOnlyList<DocumentType> ChildTypes, IReadOnlyList<ContentNode> MoveTargets, ContentVersionScreen VersionScreen, string? PublishedRoute)
{
    /// <summary>The newest versions, newest first, then the older ones they restored.</summary>
    public IReadOnlyList<ContentVersion> Versions => VersionScreen.All;
    public int VersionCount => VersionScreen.Count;
}

/// <summary>A screen of a page's versions.</summary>
/// <param name="Shown">The screen's versions, newest first.</param>
/// <param name="Restored">Older versions that shown ones restored (not on this screen): to name them.</param>
/// <param name="Count">How many versions the page has in all.</param>
public sealed record ContentVersionScreen(IReadOnlyList<ContentVersion> Shown, IReadOnlyList<ContentVersion> Restored, int Count)
{
    /// <summary>The shown versions, then those they restored: what a version's state is told from.</summary>
    public IReadOnlyList<ContentVersion> All { get; } = [.. Shown, .. Restored];
}

/// <summary>A page as a save reads it: the form's fields are the type's properties, the rest is carried over from the version.</summary>
public sealed record ContentEditingData(ContentNode Node, ContentVersion Version, IReadOnlyList<DocumentTypeProperty> Properties);

/// <summary>How much of a site the editor screen lists.</summary>
/// <param name="TreeBranchLimit">Most pages of one page the tree shows; more are a count and a link to the list view.</param>
/// <param name="PickerListLimit">Up to this many pages a page picker lists them all; beyond it the top levels and a search.</param>
/// <param name="PickerListedLevels">The levels a page picker lists on a larger site.</param>
/// <param name="VersionsRead">The newest versions the screen lists; the rest are counted (and listed on their own screen).</param>
public sealed record ContentEditorLimits(int TreeBranchLimit, int PickerListLimit, int PickerListedLevels, int VersionsRead = ContentEditorLimits.DefaultVersionsRead)
{
    public const int DefaultVersionsRead = 10;
    public static readonly ContentEditorLimits Default = new(TreeBranchLimit: 12, PickerListLimit: 250, PickerListedLevels: 2);
}

/// <summary>Pages a stored value points at, as Umbraco's pickers store them.</summary>
public static partial class ContentReferences
{
    [System.Text.RegularExpressions.GeneratedRegex("umb://document/([0-9a-fA-F]{32})")]
    private static partial System.Text.RegularExpressions.Regex DocumentUdi();

    /// <summary>Keys in document UDIs anywhere in the values, and values that are a bare key.</summary>
    public static HashSet<Guid> DocumentKeys(IEnumerable<string> values)
    {
        var keys = new HashSet<Guid>();
        foreach (var value in values)
        {
            if (Guid.TryParse(value.Trim(), out var bare)) keys.Add(bare);
            foreach (System.Text.RegularExpressions.Match match in DocumentUdi().Matches(value)) keys.Add(Guid.ParseExact(match.Groups[1].Value, "N"));
        }
        return keys;
    }
}

/// <summary>A screen of the pages under a page: those shown, how many match, how many there are, which screen of how many.</summary>
public sealed record ContentChildren(ContentNode Parent, IReadOnlyList<ContentNode> Pages, int Matching, int Total, int PageNumber, int PageCount);

/// <summary>The pages a tree shows (root first) and, for every page, how many pages it holds outside the bin.</summary>
public sealed record ContentTreeOutline(IReadOnlyList<ContentNode> Nodes, IReadOnlyDictionary<Guid, int> ChildCounts);

/// <summary>A page to link to: its key, its name and where it is live (null when it is not).</summary>
public sealed record ContentPickerItem(Guid Key, string Name, string? Route);

/// <summary>A draft in the site's layout: the page and the published tree around it.</summary>
public sealed record ContentPreview(PublishedContent Page, PublishedSnapshot Snapshot);
