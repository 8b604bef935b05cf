using Microsoft.EntityFrameworkCore;
using PubliekeVeranderaars.Core.Storage;

namespace PubliekeVeranderaars.Core.Media;

/// <summary>A page that uses a media item, in its draft or its published version.</summary>
/// <param name="Live">The published version uses it: visitors see it now.</param>
public sealed record MediaReference(Guid PageKey, string PageName, bool Live);

/// <summary>Reads of the media library: folders, search, the bin, and which pages use an item.</summary>
public sealed class MediaQueries(SiteDatabase database)
{
    /// <summary>A screenful and more; the search narrows it down beyond that.</summary>
    public const int MaxListed = 500;

    public async Task<MediaItem?> FindAsync(Guid key, CancellationToken ct = default)
    {
        await using var db = database.Open();
        return await db.MediaItems.AsNoTracking().SingleOrDefaultAsync(m => m.Key == key, ct);
    }

    public async Task<IReadOnlyList<MediaItem>> FindManyAsync(IReadOnlyCollection<Guid> keys, CancellationToken ct = default)
    {
        if (keys.Count == 0) return [];
        await using var db = database.Open();
        return await db.MediaItems.AsNoTracking().Where(m => keys.Contains(m.Key)).ToListAsync(ct);
    }

    /// <summary>A folder's items (folders first), or with a search text the items anywhere whose name holds it.</summary>
    public async Task<IReadOnlyList<MediaItem>> ListAsync(Guid? folderKey, string? search, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var items = db.MediaItems.AsNoTracking().Where(m => !m.Trashed);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var text = search.Trim().ToLower();
            items = items.Where(m => m.Name.ToLower().Contains(text) || m.AltText.ToLower().Contains(text));
        }
        else items = items.Where(m => m.ParentKey == folderKey);
        return await items.OrderBy(m => m.MediaTypeAlias != MediaTypes.Folder).ThenBy(m => m.SortOrder).ThenBy(m => m.Name)
            .Take(MaxListed).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<MediaItem>> BinAsync(CancellationToken ct = default)
    {
        await using var db = database.Open();
        var trashed = await db.MediaItems.AsNoTracking().Where(m => m.Trashed).OrderByDescending(m => m.UpdateDate).Take(MaxListed).ToListAsync(ct);
        // An item whose folder is in the bin too is shown inside that folder, not on its own.
        var trashedKeys = trashed.Select(m => m.Key).ToHashSet();
        return trashed.Where(m => m.ParentKey is not { } parent || !trashedKeys.Contains(parent)).ToList();
    }

    /// <summary>Every folder, for the move and upload choices, in tree order.</summary>
    public async Task<IReadOnlyList<MediaItem>> FoldersAsync(CancellationToken ct = default)
    {
        await using var db = database.Open();
        var folders = await db.MediaItems.AsNoTracking().Where(m => m.MediaTypeAlias == MediaTypes.Folder && !m.Trashed).ToListAsync(ct);
        var byParent = folders.ToLookup(f => f.ParentKey);
        var ordered = new List<MediaItem>();
        void Walk(Guid? parent)
        {
            foreach (var folder in byParent[parent].OrderBy(f => f.SortOrder).ThenBy(f => f.Name))
            {
                ordered.Add(folder);
                Walk(folder.Key);
            }
        }
        Walk(null);
        return ordered;
    }

    /// <summary>The folders from the top down to this one, for the breadcrumb.</summary>
    public async Task<IReadOnlyList<MediaItem>> AncestorsAsync(Guid? key, CancellationToken ct = default)
    {
        var path = new List<MediaItem>();
        await using var db = database.Open();
        for (var current = key; current is { } k && path.Count < 32;)
        {
            var item = await db.MediaItems.AsNoTracking().SingleOrDefaultAsync(m => m.Key == k, ct);
            if (item is null) break;
            path.Insert(0, item);
            current = item.ParentKey;
        }
        return path;
    }

    /// <summary>Images that may be used on a page, newest first, for the picker.</summary>
    public async Task<IReadOnlyList<MediaItem>> ImagesAsync(CancellationToken ct = default)
    {
        await using var db = database.Open();
        return await db.MediaItems.AsNoTracking().Where(m => m.MediaTypeAlias == MediaTypes.Image && !m.Trashed)
            .OrderByDescending(m => m.CreateDate).Take(MaxListed).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<MediaVersion>> VersionsAsync(Guid key, CancellationToken ct = default)
    {
        await using var db = database.Open();
        return await db.MediaVersions.AsNoTracking().Where(v => v.MediaKey == key).OrderByDescending(v => v.Id).Take(50).ToListAsync(ct);
    }

    /// <summary>
    /// The pages whose newest or published version mentions the item: as a UDI (<c>umb://media/…</c>, rich text and
    /// older pickers) or as a key (<c>"mediaKey"</c> in <c>Umbraco.MediaPicker3</c> values). Pages in the bin count:
    /// they can come back.
    /// </summary>
    /// <summary>
    /// The pages that use the item, in their latest or their published version; for a folder, the pages that use
    /// anything in it (binning or moving a folder takes all of it along).
    /// </summary>
    public async Task<IReadOnlyList<MediaReference>> ReferencesAsync(Guid key, CancellationToken ct = default)
    {
        await using var db = database.Open();
        // Most items are files without children: the library's tree is read only for a folder.
        var children = await db.MediaItems.AnyAsync(m => m.ParentKey == key, ct)
            ? (await db.MediaItems.AsNoTracking().Where(m => m.ParentKey != null).Select(m => new { m.Key, m.ParentKey }).ToListAsync(ct))
                .ToLookup(m => m.ParentKey!.Value, m => m.Key)
            : Array.Empty<Guid>().ToLookup(k => k);
        var versionIds = new HashSet<long>();
        var pending = new Queue<Guid>([key]);
        var seen = new HashSet<Guid>();
        while (pending.TryDequeue(out var each))
        {
            if (!seen.Add(each)) continue;
            foreach (var child in children[each]) pending.Enqueue(child);
            var udi = $"%{MediaUdi.For(each)}%";
            var plain = $"%{each:D}%";
            versionIds.UnionWith(await db.Database
                .SqlQueryRaw<long>("""SELECT "Id" AS "Value" FROM "ContentVersions" WHERE lower("Values") LIKE {0} OR lower("Values") LIKE {1}""", udi, plain)
                .ToListAsync(ct));
        }
        if (versionIds.Count == 0) return [];
        var pages = await db.ContentNodes.AsNoTracking()
            .Where(n => versionIds.Contains(n.LatestVersionId ?? -1) || versionIds.Contains(n.PublishedVersionId ?? -1))
            .OrderBy(n => n.Name).Select(n => new { n.Key, n.Name, n.PublishedVersionId }).ToListAsync(ct);
        return [.. pages.Select(p => new MediaReference(p.Key, p.Name, p.PublishedVersionId is { } published && versionIds.Contains(published)))];
    }
}

/// <summary>
/// The library's items (not those in the bin) in memory, by path and by key, for serving files and rendering pages
/// without a query each. This node's own changes reload it at once (<see cref="ForgetMediaWhenMediaChanges"/>);
/// another node's as soon as this node reads them from the change journal (a published cache rebuild), and at the
/// latest after <see cref="Lifetime"/>.
/// </summary>
public sealed class MediaCache
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);
    private readonly SiteDatabase database;
    private readonly TimeProvider clock;

    public MediaCache(SiteDatabase database, TimeProvider clock, Content.PublishedContentCache content)
    {
        this.database = database;
        this.clock = clock;
        // Another node's media change reaches this one through the change journal, which rebuilds the published
        // cache: the items are read again then, not only when their lifetime ends.
        content.Rebuilt += _ => Clear();
    }
    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile Snapshot? _snapshot;

    private sealed record Snapshot(IReadOnlyDictionary<string, MediaItem> BySrc, IReadOnlyDictionary<Guid, MediaItem> ByKey,
        IReadOnlyList<double> CropProportions, DateTimeOffset Until)
    {
        /// <summary>Files found for requests while this snapshot holds: dropped with it, so never older than the items.</summary>
        public System.Collections.Concurrent.ConcurrentDictionary<string, MediaServedFile> Served { get; } = new(StringComparer.Ordinal);

        /// <summary>The bytes of served files held in memory, counted against <see cref="MaxBytesInMemory"/>.</summary>
        public long BytesInMemory;
    }

    /// <summary>At most this many served files are remembered per snapshot: every variant of the site's images and more.</summary>
    private const int MaxServed = 20_000;

    /// <summary>
    /// Files up to this size are sent from memory: a page's thumbnails and teaser images are asked for far more often
    /// than anything else, and a file from memory costs no open, read, lock and close per request.
    /// </summary>
    public const int MaxFileInMemory = 256 * 1024;

    /// <summary>All files held in memory together stay under this: a few hundred variants, a fraction of the site's memory.</summary>
    public const long MaxBytesInMemory = 16 * 1024 * 1024;

    /// <summary>
    /// A file already found for the same request (path and variant) while the items have not changed: a request for
    /// a cached variant then costs no look on disk.
    /// </summary>
    public async ValueTask<MediaServedFile?> ServedAsync(string key, Func<ValueTask<MediaServedFile?>> find, CancellationToken ct = default)
    {
        var snapshot = await CurrentAsync(ct);
        if (snapshot.Served.TryGetValue(key, out var served)) return served;
        var found = await find();
        if (found is null || snapshot.Served.Count >= MaxServed) return found;
        if (found.Length <= MaxFileInMemory && Interlocked.Read(ref snapshot.BytesInMemory) + found.Length <= MaxBytesInMemory)
        {
            try
            {
                var content = await File.ReadAllBytesAsync(found.Path, ct);
                // Written while it was found? Then the length told is not the file's: send it from disk as before.
                if (content.Length == found.Length) found = found with { Content = content };
            }
            catch (IOException)
            {
                // Gone between finding and reading (a variant folder emptied by hand): sent from disk, which says so.
            }
        }
        // Counted only once kept: a file sent from disk, or found twice at once, spends none of the budget.
        if (snapshot.Served.TryAdd(key, found) && found.Content is not null) Interlocked.Add(ref snapshot.BytesInMemory, found.Length);
        return snapshot.Served[key];
    }

    public async ValueTask<MediaItem?> FindAsync(string src, CancellationToken ct = default) =>
        (await CurrentAsync(ct)).BySrc.GetValueOrDefault(src);

    public async ValueTask<MediaItem?> FindAsync(Guid key, CancellationToken ct = default) =>
        (await CurrentAsync(ct)).ByKey.GetValueOrDefault(key);

    /// <summary>The proportions of the crops the site's data types define, read with the items.</summary>
    public async ValueTask<IReadOnlyList<double>> CropProportionsAsync(CancellationToken ct = default) =>
        (await CurrentAsync(ct)).CropProportions;

    public void Clear() => _snapshot = null;

    private async ValueTask<Snapshot> CurrentAsync(CancellationToken ct)
    {
        if (_snapshot is { } current && current.Until > clock.GetUtcNow()) return current;
        await _loading.WaitAsync(ct);
        try
        {
            if (_snapshot is { } loaded && loaded.Until > clock.GetUtcNow()) return loaded;
            await using var db = database.Open();
            var items = await db.MediaItems.AsNoTracking().Where(m => !m.Trashed && m.MediaTypeAlias != MediaTypes.Folder).ToListAsync(ct);
            var snapshot = new Snapshot(
                items.Where(m => m.Src is not null).GroupBy(m => m.Src!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal),
                items.ToDictionary(m => m.Key), await MediaCrops.ProportionsAsync(db, ct), clock.GetUtcNow() + Lifetime);
            _snapshot = snapshot;
            return snapshot;
        }
        finally
        {
            _loading.Release();
        }
    }
}

/// <summary>A file ready to send: where it is, what it is, its length and its ETag; a small one's bytes too.</summary>
public sealed record MediaServedFile(string Path, string ContentType, long Length, string ETag)
{
    /// <summary>The file's bytes when it is small enough to be kept in memory (<see cref="MediaCache.MaxFileInMemory"/>).</summary>
    public byte[]? Content { get; init; }
}

public sealed class ForgetMediaWhenMediaChanges(MediaCache cache) : SiteNotificationHandler<MediaChangedNotification>
{
    protected override Task<string?> HandleAsync(MediaChangedNotification notification, CancellationToken cancellationToken)
    {
        cache.Clear();
        return Task.FromResult<string?>(null);
    }
}

/// <summary>Umbraco's identifiers for media: <c>umb://media/</c> and the key without hyphens.</summary>
public static class MediaUdi
{
    public const string Prefix = "umb://media/";

    public static string For(Guid key) => Prefix + key.ToString("N");

    public static Guid? Parse(string? udi) =>
        udi is not null && udi.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) && Guid.TryParse(udi.AsSpan(Prefix.Length), out var key) ? key : null;
}
